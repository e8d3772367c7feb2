using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.GeneratorUsedAcrossThreadsAnalyzer>;

namespace SeedAnalyzers.Tests
{
    public class GeneratorUsedAcrossThreadsAnalyzerTests
    {
        private const string Unlocked = "concurrent calls can corrupt its state or hand out repeated numbers, and the thread schedule decides which work item gets which number";
        private const string Locked = "the lock prevents corruption but the thread schedule still decides which work item gets which number";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult At(int location, string generator, string construct, string reason = Unlocked) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(generator, construct, reason, "");

        /// <summary>A draw in a helper: reported where the delegate calls it or hands it over, the draw as additional location.</summary>
        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Via(int location, int draw, string generator, string construct, string helper, string reason = Unlocked) =>
            VerifyCS.Diagnostic().WithLocation(location).WithLocation(draw).WithArguments(generator, construct, reason, " (in '" + helper + "', reached from here)");

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult SharedStream(int location, string stream) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(
                stream, "Parallel.Invoke", "another of its actions draws from the same stream, and the thread schedule decides which action gets which number", "");

        [Fact]
        public Task ParallelLoopsFlagCapturedLocalsFieldsPropertiesAndParameters() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Trainer
            {
                private readonly Random _rng = new Random(1);
                private Random Source { get; } = new Random(2);

                void M(double[] data, Random given, List<int> items)
                {
                    var local = new DeterministicRandom(3);
                    Parallel.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|});
                    Parallel.For(0L, 10L, (i, state) => { data[i] = {|#1:Source.Next()|}; });
                    Parallel.ForEach(items, item => data[item] = {|#2:given.NextDouble()|});
                    Parallel.Invoke(() => {|#3:local.Next()|}, () => { }, () => {|#4:local.Next()|});
                }
            }
            """,
            At(0, "_rng", "Parallel.For"),
            At(1, "Source", "Parallel.For"),
            At(2, "given", "Parallel.ForEach"),
            At(3, "local", "Parallel.Invoke"),
            At(4, "local", "Parallel.Invoke"));

        /// <summary>
        /// What the fix makes of Parallel.Invoke: a split whose action k draws from <c>ForIndex(k)</c>, or without the
        /// runtime a generator per action made before the statement, is not shared between threads. Each action runs
        /// once per start, like a task, so a local drawn by one action alone is its own.
        /// </summary>
        [Fact]
        public Task ParallelInvokeActionsWithStreamsOfTheirOwnAreNotFlagged() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _rng = new Random(1);

                void M(double[] data)
                {
                    var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                    Parallel.Invoke(
                        () => data[0] = rngWorkers.ForIndex(0).NextDouble(),
                        () =>
                        {
                            var own = rngWorkers.ForIndex(1);
                            data[1] = own.NextDouble() + own.NextDouble();
                        },
                        () => data[2] = rngWorkers.ForIndex(2L).NextDouble());
                    var rngForAction = new Random(_rng.Next());
                    var rngForAction2 = new Random(_rng.Next());
                    Parallel.Invoke(() => data[0] = rngForAction.NextDouble(), () => data[1] = rngForAction2.NextDouble());
                }
            }
            """);

        /// <summary>
        /// Two actions of one Parallel.Invoke that take the same index of one split share a stream: which gets which
        /// number is the schedule's choice again. So do two actions drawing one local, and an action of a Parallel.Invoke
        /// started in a Parallel.For body drawing a local from outside that body (every iteration's action draws it).
        /// </summary>
        [Fact]
        public Task ParallelInvokeActionsSharingAStreamAreFlagged() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                void M(double[] data, Random rng)
                {
                    var workers = DeterministicRandom.SplitFrom(rng);
                    int slot = 3;
                    Parallel.Invoke(
                        () => data[0] = {|#0:workers.ForIndex(0)|}.NextDouble(),
                        () => data[1] = workers.ForIndex(1).NextDouble(),
                        () => data[2] = {|#1:workers.ForIndex(0)|}.NextDouble() + {|#2:workers.ForIndex(slot)|}.NextDouble(),
                        () => data[3] = {|#3:workers.ForIndex(slot)|}.NextDouble());
                    var shared = new Random(rng.Next());
                    Parallel.Invoke(() => data[0] = {|#4:shared.NextDouble()|}, () => data[1] = {|#5:shared.NextDouble()|});
                    var outer = new Random(rng.Next());
                    Parallel.For(0, data.Length, i => Parallel.Invoke(() => data[i] = {|#6:outer.NextDouble()|}));
                }
            }
            """,
            SharedStream(0, "workers.ForIndex(0)"),
            SharedStream(1, "workers.ForIndex(0)"),
            SharedStream(2, "workers.ForIndex(slot)"),
            SharedStream(3, "workers.ForIndex(slot)"),
            At(4, "shared", "Parallel.Invoke"),
            At(5, "shared", "Parallel.Invoke"),
            At(6, "outer", "Parallel.Invoke"));

        [Fact]
        public Task AsyncLoopsAndAsyncLambdas() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Trainer
            {
                async Task M(List<int> items)
                {
                    var rng = new Random(1);
                    await Parallel.ForAsync(0, 10, async (i, ct) => { await Task.Yield(); {|#0:rng.Next()|}; });
                    await Parallel.ForEachAsync(items, async (item, ct) => { await Task.Delay(1, ct); {|#1:rng.Next()|}; });
                    await Task.Run(async () => { await Task.Yield(); return {|#2:rng.Next()|}; });
                }
            }
            """,
            At(0, "rng", "Parallel.ForAsync"),
            At(1, "rng", "Parallel.ForEachAsync"),
            At(2, "rng", "Task.Run"));

        [Fact]
        public Task TasksThreadsThreadPoolAndTimers() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                private readonly Random _rng = new Random(1);

                void M()
                {
                    Task.Run(() => {|#0:_rng.Next()|});
                    Task.Factory.StartNew(() => {|#1:_rng.Next()|});
                    new Thread(() => {|#2:_rng.Next()|}).Start();
                    ThreadPool.QueueUserWorkItem(_ => {|#3:_rng.Next()|});
                    ThreadPool.UnsafeQueueUserWorkItem(_ => {|#4:_rng.Next()|}, null);
                    var timer = new Timer(_ => {|#5:_rng.Next()|}, null, 0, 100);
                    var elapsed = new System.Timers.Timer(100);
                    elapsed.Elapsed += (sender, e) => {|#6:_rng.Next()|};
                }
            }
            """,
            At(0, "_rng", "Task.Run"),
            At(1, "_rng", "Task.Factory.StartNew"),
            At(2, "_rng", "new Thread(...)"),
            At(3, "_rng", "ThreadPool.QueueUserWorkItem"),
            At(4, "_rng", "ThreadPool.UnsafeQueueUserWorkItem"),
            At(5, "_rng", "a System.Threading.Timer callback"),
            At(6, "_rng", "the System.Timers.Timer.Elapsed handler"));

        [Fact]
        public Task PlinqOperatorsAfterAsParallel() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;

            class Sampler
            {
                int[] M(int[] xs)
                {
                    var rng = new Random(1);
                    var sequential = xs.Select(x => rng.Next()).ToArray();
                    xs.AsParallel().ForAll(x => {|#0:rng.Next()|});
                    return xs.AsParallel().Where(x => {|#1:rng.NextDouble()|} < 0.5).Select(x => x + {|#2:rng.Next(3)|}).ToArray();
                }
            }
            """,
            At(0, "rng", "the PLINQ operator ForAll"),
            At(1, "rng", "the PLINQ operator Where"),
            At(2, "rng", "the PLINQ operator Select"));

        [Fact]
        public Task NestedLambdasInsideTheConcurrentBodyAreFlagged() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            class Sampler
            {
                void M(int[][] rows)
                {
                    var rng = new Random(1);
                    Parallel.For(0, rows.Length, i =>
                    {
                        rows[i] = rows[i].Select(x => x + {|#0:rng.Next(3)|}).ToArray();
                        Func<int> draw = () => {|#1:rng.Next()|};
                        var inner = new Random(i);
                        Parallel.For(0, 4, j => rows[i][j] = {|#2:inner.Next()|});
                    });
                }
            }
            """,
            At(0, "rng", "Parallel.For"),
            At(1, "rng", "Parallel.For"),
            At(2, "inner", "Parallel.For"));

        [Fact]
        public Task MethodGroupsLocalFunctionsAndHelpersAreFollowed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Simulation
            {
                private readonly Random _rng = new Random(1);
                private double[] _cells = new double[100];

                void Run()
                {
                    var shared = new Random(2);
                    Parallel.For(0, 100, {|#0:Step|});
                    Parallel.For(0, 100, {|#1:Local|});
                    Parallel.For(0, 100, i => {|#2:Helper(i)|});
                    new Thread({|#3:Work|}).Start();
                    Parallel.For(0, 100, i => _cells[i] = Safe(i));

                    void Local(int i) => _cells[i] = {|#11:shared.NextDouble()|};
                }

                void Step(int i) => _cells[i] = {|#10:_rng.NextDouble()|};

                void Helper(int i) => _cells[i] = Deeper();

                double Deeper() => {|#12:_rng.NextDouble()|};

                void Work() => {|#13:_rng.Next()|};

                double Safe(int i) => new Random(i).NextDouble() + Inner(i);

                double Inner(int i) => Own(i).NextDouble();

                Random Own(int i) => new Random(i);

                void NotConcurrent() => _rng.Next();
            }
            """,
            Via(0, 10, "_rng", "Parallel.For", "Step"),
            Via(1, 11, "shared", "Parallel.For", "Local"),
            Via(2, 12, "_rng", "Parallel.For", "Deeper"),
            Via(3, 13, "_rng", "new Thread(...)", "Work"));

        [Fact]
        public Task HelpersAreFollowedFourCallsDeepAndAcrossFilesOfAPartialType() => new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;
                    using System.Threading.Tasks;

                    partial class Simulation
                    {
                        private readonly Random _rng = new Random(1);

                        void Run(double[] data)
                        {
                            Parallel.For(0, data.Length, i => data[i] = {|#0:One()|});
                            Parallel.For(0, data.Length, i => data[i] = Far());
                            Parallel.For(0, data.Length, i => { lock (this) { data[i] = {|#1:Locked()|}; } });
                        }

                        double One() => Two();

                        double Two() => Elsewhere();

                        double Far() => Near();

                        double Near() => Nearer();

                        double Nearer() => Nearest();

                        double Nearest() => Deepest();

                        double Deepest() => _rng.NextDouble();

                        double Locked()
                        {
                            lock (_rng)
                            {
                                return {|#11:_rng.NextDouble()|};
                            }
                        }
                    }
                    """,
                    """
                    partial class Simulation
                    {
                        double Elsewhere() => {|#10:_rng.NextDouble()|} + {|#12:_rng.NextDouble()|};
                    }
                    """,
                },
            },
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithLocation(12)
                    .WithArguments("_rng", "Parallel.For", Unlocked, " (in 'Elsewhere', reached from here)"),
                Via(1, 11, "_rng", "Parallel.For", "Locked", Locked),
            },
        }.RunAsync();

        /// <summary>
        /// A helper reached from two constructs is reported at each call, naming the construct that call runs in
        /// (an earlier version reported it once at the draw, and named whichever construct's callback ran first).
        /// </summary>
        [Fact]
        public Task HelperReachedFromTwoConstructsIsReportedAtEachCall() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            class Simulation
            {
                private readonly Random _rng = new Random(1);

                async Task Run(double[] data)
                {
                    await Parallel.ForAsync(0, data.Length, async (i, ct) => { await Task.Yield(); data[i] = {|#0:Draw()|}; });
                    Parallel.ForEach(Enumerable.Range(0, 10), i => data[i] += {|#1:Draw()|});
                }

                private double Draw() => {|#2:_rng.NextDouble()|};
            }
            """,
            Via(0, 2, "_rng", "Parallel.ForAsync", "Draw"),
            Via(1, 2, "_rng", "Parallel.ForEach", "Draw"));

        [Fact]
        public Task StaticGeneratorsNeedASecondUserUnlessTheBodyRepeats() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Jobs
            {
                private static readonly Random s_once = new Random(1);
                private static readonly Random s_twice = new Random(2);
                private static readonly Random s_alsoMain = new Random(3);
                private static Random Loop { get; } = new Random(4);

                void M(int[] data)
                {
                    Task.Run(() => s_once.Next());
                    Task.Run(() => {|#0:s_twice.Next()|});
                    Task.Run(() => {|#1:s_twice.Next()|});
                    Task.Run(() => {|#2:s_alsoMain.Next()|});
                    data[0] = s_alsoMain.Next();
                    Parallel.For(0, data.Length, i => data[i] = {|#3:Loop.Next()|});
                }
            }
            """,
            At(0, "s_twice", "Task.Run"),
            At(1, "s_twice", "Task.Run"),
            At(2, "s_alsoMain", "Task.Run"),
            At(3, "Loop", "Parallel.For"));

        [Fact]
        public Task DrawUnderALockIsStillFlaggedForOrdering() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Jobs
            {
                private readonly object _gate = new object();
                private readonly Random _rng = new Random(1);

                void M(int[] data)
                {
                    Parallel.For(0, data.Length, i => { lock (_gate) { data[i] = {|#0:_rng.Next()|}; } });
                }
            }
            """,
            At(0, "_rng", "Parallel.For", Locked));

        [Fact]
        public Task TorchGeneratorSharedAcrossTasks() => new VerifyCS.Test
        {
            IncludeTorchSharp = true,
            TestCode = """
                using System.Threading.Tasks;
                using TorchSharp;

                class Augment
                {
                    void M(torch.Generator generator)
                    {
                        Parallel.For(0, 4, i => {|#0:torch.rand(new long[] { 3 }, generator: generator)|});
                        Parallel.For(0, 4, i => {|#1:generator.manual_seed(i)|});
                        Parallel.For(0, 4, i => torch.rand(new long[] { 3 }, generator: new torch.Generator((ulong)i)));
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                At(0, "generator", "Parallel.For"),
                At(1, "generator", "Parallel.For"),
            },
        }.RunAsync();

        // Issue 15: a derived class's Parallel.For body calls Mutate, Crossover and Select defined in its base class.
        [Fact]
        public Task HelpersOfBaseTypesInTheCompilationAreFollowed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            abstract class GeneticAlgorithm
            {
                protected readonly Random Random = new Random(1);

                protected double[] Mutate(double[] genes)
                {
                    genes[0] += {|#10:Random.NextDouble()|};
                    return genes;
                }

                protected double[] Crossover(double[] a, double[] b) => {|#11:Random.Next(2)|} == 0 ? a : b;

                protected int TournamentSelection(int size) => Pick(size);

                private int Pick(int size) => {|#12:Random.Next(size)|};

                protected double[] Copy(double[] genes) => (double[])genes.Clone();
            }

            sealed class ParallelGeneticAlgorithm : GeneticAlgorithm
            {
                public void Generation(double[][] population)
                {
                    Parallel.For(0, population.Length, i =>
                    {
                        var child = {|#0:Crossover(population[i], population[(i + 1) % population.Length])|};
                        population[i] = {|#1:Mutate(child)|};
                        int parent = {|#2:TournamentSelection(3)|};
                        population[i] = Copy(population[parent]);
                    });
                }
            }
            """,
            Via(0, 11, "Random", "Parallel.For", "Crossover"),
            Via(1, 10, "Random", "Parallel.For", "Mutate"),
            Via(2, 12, "Random", "Parallel.For", "Pick"));

        private const string TorchGlobal = "it draws from torch's global generator, and the thread schedule decides which work item gets which numbers (pass each its own, split each time the region starts: generator: TorchDeterminism.Generator(workers, index))";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Torch(int location, string draw, string construct) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(draw, construct, TorchGlobal, "");

        // Issue 15: torch.rand/randn/dropout inside Parallel.For differ run to run even after Initialize.
        /// <summary>
        /// Issue 15's miss: a parallel body reaches a utility class's static generator through a worker object of another
        /// type. Helpers of other types are followed too, and only their static generators count: an instance generator
        /// belongs to an object the workers may not share, a [ThreadStatic] or ThreadLocal one to each thread, a
        /// parameter to its caller; a task that runs once shares nothing there.
        /// </summary>
        [Fact]
        public Task StaticGeneratorsOfOtherTypesReachedFromParallelWork() => new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class Swarm
                    {
                        private readonly Particle[] _particles = new Particle[8];

                        void Step(double[] data)
                        {
                            Parallel.For(0, _particles.Length, i => {|#0:_particles[i].Move()|});
                            Parallel.For(0, data.Length, i => data[i] = {|#1:Noise()|});
                            Parallel.For(0, data.Length, i => data[i] = _particles[i].Own() + PerThread.Next() + Helpers.Jitter(new Random(i)));
                            Task.Run(() => _particles[0].Move());
                        }

                        double Noise() => VectorAlgebra.Randomize(1.0);
                    }

                    class Particle
                    {
                        private readonly Random _own = new Random(1);

                        public double Position;

                        public void Move() => new Mover(this).Run();

                    public void Update() => Position += VectorAlgebra.Randomize(0.1);

                        public double Own() => _own.NextDouble();
                    }

                    class Mover
                    {
                        private readonly Particle _particle;

                        public Mover(Particle particle) => _particle = particle;

                        public void Run() => _particle.Update();
                    }

                    static class PerThread
                    {
                        [ThreadStatic]
                        private static Random? s_random;

                        private static readonly ThreadLocal<Random> Local = new(() => new Random(2));

                        public static double Next() => (s_random ??= new Random(3)).NextDouble() + Local.Value!.NextDouble();
                    }

                    static class Helpers
                    {
                        public static double Jitter(Random random) => random.NextDouble();
                    }
                    """,
                    """
                    static class VectorAlgebra
                    {
                        private static readonly System.Random Rand = new System.Random(4);

                        public static double Randomize(double scale) => {|#10:Rand.NextDouble()|} * scale;
                    }
                    """,
                },
            },
            ExpectedDiagnostics =
            {
                Via(0, 10, "Rand", "Parallel.For", "Randomize"),
                Via(1, 10, "Rand", "Parallel.For", "Randomize"),
            },
        }.RunAsync();

        /// <summary>
        /// Issue 15's second miss (Encog's AbstractPrgGenerator): the parallel body hands the caller's generator to a
        /// helper, whose callee draws from its parameter. Not reported: a generator made per work item, a helper that
        /// never draws from it, a task that runs once.
        /// </summary>
        [Fact]
        public Task AGeneratorHandedToHelpersAsAnArgument() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;

            class PrgGenerator
            {
                void Generate(Random rnd, int[] population)
                {
                    Parallel.For(0, population.Length, i => population[i] = {|#0:AttemptCreate(rnd, i)|});
                    Parallel.For(0, population.Length, i => population[i] = AttemptCreate(new Random(i), i));
                    Parallel.For(0, population.Length, i => population[i] = Unused(rnd));
                    Task.Run(() => AttemptCreate(rnd, 0));
                }

                int AttemptCreate(Random rnd, int i) => Depth(rnd) + i;

                int Depth(Random random) => {|#10:random.Next(5)|};

                int Unused(Random r) => r is null ? 0 : 1;
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("rnd", "Parallel.For", Unlocked, " (in 'Depth', reached from here)"));

        /// <summary>
        /// Issue 15's remaining thread miss (Encog's AbstractPrgGenerator): the generator is handed to an abstract method,
        /// and the overrides in the subclasses draw from it; an interface method likewise. An override that does not
        /// draw, and a sealed helper never called with the generator, stay silent.
        /// </summary>
        [Fact]
        public Task AGeneratorHandedToAnAbstractMethodReachesItsOverrides() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;

            abstract class AbstractPrgGenerator
            {
                public void Generate(Random rnd, int[] population)
                {
                    Parallel.For(0, population.Length, i => population[i] = {|#0:AttemptCreate(rnd, i)|});
                }

                int AttemptCreate(Random rnd, int i) => CreateNode(rnd, i);

                public abstract int CreateNode(Random rnd, int depth);
            }

            class GrowGenerator : AbstractPrgGenerator
            {
                public override int CreateNode(Random rnd, int depth) => CreateRandomNode(rnd) + depth;

                int CreateRandomNode(Random random) => {|#10:random.Next(7)|};
            }

            class ConstantGenerator : AbstractPrgGenerator
            {
                public override int CreateNode(Random rnd, int depth) => depth;
            }

            interface IMutator
            {
                int Mutate(Random rnd);
            }

            class Flip : IMutator
            {
                public int Mutate(Random rnd) => {|#11:rnd.Next(2)|};
            }

            class Evolver
            {
                private readonly IMutator _mutator = new Flip();

                public void Run(Random rnd, int[] genes)
                {
                    Parallel.For(0, genes.Length, i => genes[i] = {|#1:_mutator.Mutate(rnd)|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("rnd", "Parallel.For", Unlocked, " (in 'CreateRandomNode', reached from here)"),
            VerifyCS.Diagnostic().WithLocation(1).WithLocation(11).WithArguments("rnd", "Parallel.For", Unlocked, " (in 'Mutate', reached from here)"));

        [Fact]
        public Task TorchGlobalGeneratorDrawnByConcurrentWorkers() => new VerifyCS.Test
        {
            IncludeTorchSharp = true,
            TestCode = """
                using System.Linq;
                using System.Threading.Tasks;
                using TorchSharp;
                using static TorchSharp.torch;

                class Augment
                {
                    private readonly Tensor[] _batches = new Tensor[4];

                    void M()
                    {
                        Parallel.For(0, 4, i =>
                        {
                            var noise = {|#0:torch.randn(new long[] { 3 })|};
                            _batches[i] = {|#1:nn.functional.dropout(noise, 0.5)|} + {|#2:rand(3)|};
                        });
                        var tasks = Enumerable.Range(0, 4).Select(i => Task.Run(() => {|#3:torch.rand(3)|})).ToArray();
                        Parallel.For(0, 4, i => {|#4:Noise()|});

                        // Not concurrent draws: one background task, explicit generators, dropout off, no randomness.
                        Task.Run(() => torch.rand(3)).Wait();
                        Parallel.For(0, 4, i => torch.rand(new long[] { 3 }, generator: new torch.Generator((ulong)i)));
                        Parallel.For(0, 4, i => nn.functional.dropout(_batches[i], 0.5, training: false));
                        Parallel.For(0, 4, i => torch.zeros(3).add_(1));
                    }

                    Tensor Noise() => {|#14:torch.rand(3)|};
                }
                """,
            ExpectedDiagnostics =
            {
                Torch(0, "torch.randn(new long[] { 3 })", "Parallel.For"),
                Torch(1, "nn.functional.dropout(noise, 0.5)", "Parallel.For"),
                Torch(2, "rand(3)", "Parallel.For"),
                Torch(3, "torch.rand(3)", "Task.Run"),
                VerifyCS.Diagnostic().WithLocation(4).WithLocation(14).WithArguments("torch.rand(3)", "Parallel.For", TorchGlobal, " (in 'Noise', reached from here)"),
            },
        }.RunAsync();

        [Fact]
        public Task PerIndexPerThreadAndInBodyGeneratorsAreNotFlagged() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Fine
            {
                [ThreadStatic] private static Random t_random;
                private static readonly ThreadLocal<Random> s_local = new ThreadLocal<Random>(() => new Random(1));
                private readonly DeterministicRandom _root = new DeterministicRandom(7);

                void M(double[] data, List<Random> generators)
                {
                    var rng = new Random(1);
                    data[0] = rng.NextDouble();
                    Parallel.For(0, data.Length, i =>
                    {
                        var own = new Random(i);
                        data[i] = own.NextDouble() + _root.ForIndex(i).NextDouble() + Determinism.Random("Fine.data", i).NextDouble();
                        data[i] += s_local.Value.NextDouble() + (t_random ??= new Random(i)).NextDouble() + Random.Shared.NextDouble();
                    });
                    Parallel.ForEach(generators, g => g.Next());
                    Parallel.For(0, 4, Own);
                    Action notStarted = () => rng.Next();
                    notStarted();
                }

                void Own(int i) => new Random(i).Next();
            }
            """);

        [Fact]
        public Task TopLevelStatementsAndAnonymousMethods() => new VerifyCS.Test
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    """
                    using System;
                    using System.Threading.Tasks;

                    var rng = new Random(1);
                    var data = new double[10];
                    Parallel.For(0, data.Length, i => data[i] = {|#0:rng.NextDouble()|});
                    Parallel.For(0, data.Length, delegate (int i) { data[i] = {|#1:rng.NextDouble()|}; });
                    """,
                },
            },
            ExpectedDiagnostics = { At(0, "rng", "Parallel.For"), At(1, "rng", "Parallel.For") },
        }.RunAsync();

        // The rule skips types whose text names no construct; these spell one without its usual name.
        [Fact]
        public Task ConstructsReachedThroughAliasesStaticImportsAndQueryParameters() => new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    global using P = System.Threading.Tasks.Parallel;
                    """,
                    """
                    using System;
                    using System.Linq;

                    class Aliased
                    {
                        private readonly Random _rng = new Random(1);

                        void M(double[] data) => P.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|});
                    }

                    class FromAQueryParameter
                    {
                        private readonly Random _rng = new Random(2);

                        int[] M(ParallelQuery<int> items) => items.Select(x => x + {|#1:_rng.Next()|}).ToArray();
                    }
                    """,
                    """
                    using System;
                    using static System.Threading.Tasks.Parallel;

                    class StaticImport
                    {
                        private readonly Random _rng = new Random(3);

                        void M(double[] data) => For(0, data.Length, i => data[i] = {|#2:_rng.NextDouble()|});
                    }
                    """,
                    """
                    using System;
                    using System.Threading.Tasks;

                    class Escaped
                    {
                        private readonly Random _rng = new Random(4);

                        void M(double[] data) => \u0050arallel.For(0, data.Length, i => data[i] = {|#3:_rng.NextDouble()|});
                    }
                    """,
                },
            },
            ExpectedDiagnostics =
            {
                At(0, "_rng", "Parallel.For"),
                At(1, "_rng", "the PLINQ operator Select"),
                At(2, "_rng", "Parallel.For"),
                At(3, "_rng", "Parallel.For"),
            },
        }.RunAsync();

        [Fact]
        public Task PartialCodeWhileTypingNeitherCrashesNorGuesses() => VerifyCS.VerifyPartialCodeAsync("""
            using System;
            using System.Threading.Tasks;

            class Typing
            {
                private Random _rng = new Random(1);

                void M(int[] data)
                {
                    Parallel.For(0, data.Length, i => data[i] = _rng.);
                    Parallel.For(0, data.Length, i => data[i] = missing.Next());
                    Parallel.For(0, data.Length, i => data[i] = _rng.Next(
                    Parallel.For(0, data.Length, Unknown);
                    Task.Run(() => {|#0:_rng.Next()|});
                    Parallel.For(0, i => _rng.Next());
                }
            """,
            At(0, "_rng", "Task.Run"));

        // Parallel.Invoke actions taking streams while the index is typed: a string, a double, an empty or unfinished
        // argument list, an index beyond long's range. Nothing is converted that could throw (AD0001); only the two
        // actions that name the same integer really share a stream.
        [Fact]
        public Task PartialStreamIndicesInParallelInvokeNeitherCrashNorGuess() => VerifyCS.VerifyPartialCodeAsync("""
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Typing
            {
                void M(Random rng, double[] data)
                {
                    var w = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(() => data[0] = w.ForIndex("a").NextDouble(), () => data[1] = w.ForIndex("a").NextDouble());
                    Parallel.Invoke(() => data[0] = w.ForIndex(1.5).NextDouble(), () => data[1] = w.ForIndex(1.5).NextDouble());
                    Parallel.Invoke(() => data[0] = w.ForIndex(ulong.MaxValue).NextDouble(), () => data[1] = w.ForIndex(ulong.MaxValue).NextDouble());
                    Parallel.Invoke(() => data[0] = w.ForIndex().NextDouble(), () => data[1] = w.ForIndex(
                    Parallel.Invoke(() => data[0] = {|#0:w.ForIndex(2)|}.NextDouble(), () => data[1] = {|#1:w.ForIndex(2L)|}.NextDouble());
                }
            }
            """,
            SharedStream(0, "w.ForIndex(2)"),
            SharedStream(1, "w.ForIndex(2L)"));
    }
}
