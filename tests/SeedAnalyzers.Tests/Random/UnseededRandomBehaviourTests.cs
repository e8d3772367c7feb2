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
    /// The SEED001 fix's promise, checked by running its output: what drew independent numbers per object, per call
    /// and per loop iteration still does, a program run twice prints the same, and the master seed decides it.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class UnseededRandomBehaviourTests
    {
        /// <summary>The examples: a class built 8 times, a per-step coin called 64 times, a draw per element.</summary>
        private const string Sample = """
            using System;
            using System.Linq;

            public sealed class Particle
            {
                private readonly Random rng = new Random();

                public double Jitter() => rng.NextDouble();
            }

            public static class Trainer
            {
                public static bool TeacherForcing()
                {
                    var rand = new Random();
                    return rand.NextDouble() < 0.5;
                }

                public static int[] Noise(int count) => Enumerable.Range(0, count).Select(_ => new Random().Next(1000)).ToArray();
            }

            public static class Sample
            {
                public static double[] Particles() => Enumerable.Range(0, 8).Select(_ => new Particle().Jitter()).ToArray();

                public static bool[] Coins() => Enumerable.Range(0, 64).Select(_ => Trainer.TeacherForcing()).ToArray();

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Particles()));
                    Console.WriteLine(string.Join(",", Coins()));
                    Console.WriteLine(string.Join(",", Trainer.Noise(16)));
                    Console.WriteLine(string.Join(",", Particles()));
                }
            }
            """;

        [Fact]
        public async Task InstancesAndCallsStayIndependentAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<UnseededRandomAnalyzer, UnseededRandomFixer>(
                Sample, runtime: true, "Determinism.Random(\"Particle.rng\")", "Determinism.Random(\"Trainer.TeacherForcing.rand\")");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            double[] particles = FixedProgram.Call<double[]>(loaded, "Sample", "Particles");
            bool[] coins = FixedProgram.Call<bool[]>(loaded, "Sample", "Coins");
            int[] noise = FixedProgram.Call<int[]>(loaded, "Trainer", "Noise", 16);
            double[] moreParticles = FixedProgram.Call<double[]>(loaded, "Sample", "Particles");
            Assert.Equal(8, particles.Distinct().Count());
            Assert.Contains(true, coins);
            Assert.Contains(false, coins);
            Assert.True(noise.Distinct().Count() > 8, "one draw per element should vary: " + string.Join(",", noise));
            Assert.Empty(particles.Intersect(moreParticles));

            // Setting the master seed again starts every name over: the same numbers as the first time.
            Determinism.Initialize(5);
            Assert.Equal(particles, FixedProgram.Call<double[]>(loaded, "Sample", "Particles"));
            Assert.Equal(coins, FixedProgram.Call<bool[]>(loaded, "Sample", "Coins"));

            program.AssertTwoProcessesAgree(seedDecides: true);
        }

        /// <summary>A generator per work item, the usual way around Random's thread safety.</summary>
        private const string PerWorkItem = """
            using System;
            using System.Threading.Tasks;

            public static class Simulation
            {
                public static double[] Run(int threads)
                {
                    var result = new double[10_000];
                    Parallel.For(0, result.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    {
                        var rnd = new Random();
                        result[i] = rnd.NextDouble() + rnd.NextDouble();
                    });
                    return result;
                }

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Run(4)));
                    Console.WriteLine(string.Join(",", Run(4)));
                }
            }
            """;

        [Fact]
        public async Task AGeneratorPerWorkItemIsSchedulingIndependentAndEachStartDiffers()
        {
            FixedProgram program = await FixedProgram.CreateAsync<UnseededRandomAnalyzer, UnseededRandomFixer>(
                PerWorkItem, runtime: true, "var rnd = rndWorkers.ForIndex(i);");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            double[] one = FixedProgram.Call<double[]>(loaded, "Simulation", "Run", 1);
            double[] next = FixedProgram.Call<double[]>(loaded, "Simulation", "Run", 8);
            Determinism.Initialize(5);
            double[] eight = FixedProgram.Call<double[]>(loaded, "Simulation", "Run", 8);
            Assert.Equal(one.Select(System.BitConverter.DoubleToInt64Bits), eight.Select(System.BitConverter.DoubleToInt64Bits));
            Assert.True(one.Distinct().Count() > one.Length / 2, "every work item should draw its own numbers");
            Assert.Empty(one.Intersect(next));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }

        /// <summary>Without the runtime every generator gets a seed of its own from the type's seed source.</summary>
        [Fact]
        public async Task WithoutTheRuntimeInstancesAndCallsStayIndependentAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<UnseededRandomAnalyzer, UnseededRandomFixer>(
                Sample, runtime: false, "new Random(RandomSeeds.Next())");
            Assembly loaded = program.Load();

            double[] particles = FixedProgram.Call<double[]>(loaded, "Sample", "Particles");
            bool[] coins = FixedProgram.Call<bool[]>(loaded, "Sample", "Coins");
            int[] noise = FixedProgram.Call<int[]>(loaded, "Trainer", "Noise", 16);
            Assert.Equal(8, particles.Distinct().Count());
            Assert.Contains(true, coins);
            Assert.Contains(false, coins);
            Assert.True(noise.Distinct().Count() > 8, "one draw per element should vary: " + string.Join(",", noise));
            Assert.Empty(particles.Intersect(FixedProgram.Call<double[]>(loaded, "Sample", "Particles")));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }
    }
}
