using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The SEED010 fix's promise, checked by running its output: one start of a concurrent region gives bitwise the
    /// same numbers with 1 and with 8 threads, the user's seed still decides them, the next start (a restart of the
    /// outer loop, another epoch) draws new ones, and the same program run twice prints the same.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class GeneratorUsedAcrossThreadsBehaviourTests
    {
        /// <summary>The issue's optimizer: a generator seeded by the caller, drawn by Parallel.For, tasks and PLINQ.</summary>
        private const string Optimizer = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Optimizer
            {
                private readonly Random _random;

                public Optimizer(int seed)
                {
                    _random = new Random(seed);
                }

                public double[] Step(int particles, int threads)
                {
                    var positions = new double[particles];
                    var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
                    Parallel.For(0, particles, options, i =>
                    {
                        double sum = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            sum += _random.NextDouble();
                        }

                        positions[i] = sum;
                    });
                    return positions;
                }

                public int[] Tasks(int count)
                {
                    var results = new int[count];
                    var tasks = new Task[count];
                    for (int t = 0; t < count; t++)
                    {
                        int slot = t;
                        tasks[t] = Task.Run(() => results[slot] = _random.Next());
                    }

                    Task.WaitAll(tasks);
                    return results;
                }

                public double[] Query(double[] data, int threads)
                {
                    var noisy = data.AsParallel().AsOrdered().WithDegreeOfParallelism(threads).Where(x => x >= 0).Select(x => x + _random.NextDouble()).ToArray();
                    return noisy;
                }

                public static void Main()
                {
                    var optimizer = new Optimizer(1);
                    Console.WriteLine(string.Join(",", optimizer.Step(64, 4)));
                    Console.WriteLine(string.Join(",", optimizer.Step(64, 4)));
                    Console.WriteLine(string.Join(",", optimizer.Tasks(8)));
                    Console.WriteLine(string.Join(",", optimizer.Query(Enumerable.Range(0, 64).Select(i => (double)i).ToArray(), 4)));
                }
            }
            """;

        [Fact]
        public async Task OneStartIsSchedulingIndependentTheSeedMattersAndTheNextStartDiffers()
        {
            FixedProgram program = await FixedProgram.CreateAsync<GeneratorUsedAcrossThreadsAnalyzer, GeneratorUsedAcrossThreadsFixer>(
                Optimizer,
                runtime: true,
                "var randomWorkers = DeterministicRandom.SplitFrom(_random);",
                "var randomForTask = DeterministicRandom.SplitFrom(_random);",
                ".Select((x, index) => x + randomWorkers.ForIndex(index).NextDouble())");
            Assembly loaded = program.Load();
            Func<int, object> create = seed => Activator.CreateInstance(loaded.GetType("Optimizer", throwOnError: true)!, seed)!;
            double[] Step(object optimizer, int threads) => (double[])optimizer.GetType().GetMethod("Step")!.Invoke(optimizer, new object[] { 20_000, threads })!;
            int[] Tasks(object optimizer) => (int[])optimizer.GetType().GetMethod("Tasks")!.Invoke(optimizer, new object[] { 16 })!;
            double[] data = Enumerable.Range(0, 5_000).Select(i => (double)i).ToArray();
            double[] Query(object optimizer, int threads) => (double[])optimizer.GetType().GetMethod("Query")!.Invoke(optimizer, new object[] { data, threads })!;

            object first = create(1);
            double[] firstStep = Step(first, 1);
            Assert.Equal(Bits(firstStep), Bits(Step(create(1), 8)));
            Assert.NotEqual(Bits(firstStep), Bits(Step(first, 8)));
            Assert.NotEqual(Bits(firstStep), Bits(Step(create(2), 8)));
            Assert.True(firstStep.Distinct().Count() > firstStep.Length / 2, "every index should draw its own numbers");

            // Fresh optimizers from here on: each start of a region draws from the generator, so histories must match.
            first = create(1);
            int[] tasks = Tasks(first);
            Assert.Equal(tasks, Tasks(create(1)));
            Assert.Equal(16, tasks.Distinct().Count());
            Assert.NotEqual(tasks, Tasks(first));
            Assert.NotEqual(tasks, Tasks(create(2)));

            first = create(1);
            double[] query = Query(first, 1);
            Assert.Equal(Bits(query), Bits(Query(create(1), 8)));
            Assert.NotEqual(Bits(query), Bits(Query(first, 8)));
            Assert.NotEqual(Bits(query), Bits(Query(create(2), 8)));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }

        /// <summary>Without the runtime only the tasks get a fix: a generator each, seeded from the user's before it starts.</summary>
        [Fact]
        public async Task WithoutTheRuntimeTasksAreSeededFromTheUsersGenerator()
        {
            FixedProgram program = await FixedProgram.CreateAsync<GeneratorUsedAcrossThreadsAnalyzer, GeneratorUsedAcrossThreadsFixer>(
                Optimizer, runtime: false, "var randomForTask = new Random(_random.Next());");
            Assembly loaded = program.Load();
            Func<int, object> create = seed => Activator.CreateInstance(loaded.GetType("Optimizer", throwOnError: true)!, seed)!;
            int[] Tasks(object optimizer) => (int[])optimizer.GetType().GetMethod("Tasks")!.Invoke(optimizer, new object[] { 16 })!;

            object first = create(1);
            int[] tasks = Tasks(first);
            Assert.Equal(tasks, Tasks(create(1)));
            Assert.Equal(16, tasks.Distinct().Count());
            Assert.NotEqual(tasks, Tasks(first));
            Assert.NotEqual(tasks, Tasks(create(2)));
        }

        /// <summary>Three jobs started together by Parallel.Invoke, drawing from one generator the caller seeded.</summary>
        private const string Simulation = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Simulation
            {
                private readonly Random _random;

                public Simulation(int seed)
                {
                    _random = new Random(seed);
                }

                public double[] Step(int threads)
                {
                    var left = new double[2000];
                    var right = new double[2000];
                    var middle = new double[1];
                    var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
                    Parallel.Invoke(
                        options,
                        () =>
                        {
                            for (int k = 0; k < left.Length; k++)
                            {
                                left[k] = _random.NextDouble();
                            }
                        },
                        () =>
                        {
                            for (int k = 0; k < right.Length; k++)
                            {
                                right[k] = _random.NextDouble();
                            }
                        },
                        () => middle[0] = _random.NextDouble());
                    return left.Concat(right).Concat(middle).ToArray();
                }

                public static void Main()
                {
                    var simulation = new Simulation(1);
                    Console.WriteLine(string.Join(",", simulation.Step(4).Select(x => x.ToString("R"))));
                    Console.WriteLine(string.Join(",", simulation.Step(4).Select(x => x.ToString("R"))));
                }
            }
            """;

        /// <summary>
        /// Parallel.Invoke's actions, fixed with the runtime (<c>ForIndex(k)</c> for action k) and without it (a generator
        /// per action seeded in action order before the statement): one start gives the same numbers with 1 and 8
        /// threads and in two processes, the actions still draw numbers of their own, the seed decides them, and the
        /// next start draws new ones.
        /// </summary>
        [Theory]
        [InlineData(true, "var randomWorkers = DeterministicRandom.SplitFrom(_random);", "var randomForAction = randomWorkers.ForIndex(1);", "middle[0] = randomWorkers.ForIndex(2).NextDouble()")]
        [InlineData(false, "var randomForAction = new Random(_random.Next());", "var randomForAction3 = new Random(_random.Next());", "middle[0] = randomForAction3.NextDouble()")]
        public async Task ParallelInvokeActionsDrawTheirOwnNumbersWhateverTheSchedule(bool runtime, string split, string second, string third)
        {
            FixedProgram program = await FixedProgram.CreateAsync<GeneratorUsedAcrossThreadsAnalyzer, GeneratorUsedAcrossThreadsFixer>(
                Simulation, runtime, split, second, third);
            Assembly loaded = program.Load();
            Func<int, object> create = seed => Activator.CreateInstance(loaded.GetType("Simulation", throwOnError: true)!, seed)!;
            double[] Step(object simulation, int threads) => (double[])simulation.GetType().GetMethod("Step")!.Invoke(simulation, new object[] { threads })!;

            object first = create(1);
            double[] firstStep = Step(first, 1);
            Assert.Equal(Bits(firstStep), Bits(Step(create(1), 8)));
            Assert.NotEqual(Bits(firstStep), Bits(Step(first, 8)));
            Assert.NotEqual(Bits(firstStep), Bits(Step(create(2), 8)));
            Assert.NotEqual(firstStep.Take(2000), firstStep.Skip(2000).Take(2000));
            Assert.True(firstStep.Distinct().Count() > firstStep.Length - 4, "every action should draw numbers of its own");

            program.AssertTwoProcessesAgree(seedDecides: false);
        }

        private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
