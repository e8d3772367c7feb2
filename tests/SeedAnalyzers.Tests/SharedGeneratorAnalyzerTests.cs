using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.SharedGeneratorAnalyzer>;

namespace SeedAnalyzers.Tests
{
    public class SharedGeneratorAnalyzerTests
    {
        private const string Unlocked = "System.Random corrupts under concurrent calls, and which worker gets which numbers depends on scheduling";
        private const string Locked = "the lock prevents corruption, but which worker gets which numbers still depends on scheduling";

        [Fact]
        public Task FlagsCapturedGeneratorsInEveryConstruct() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class Work
            {
                private readonly Random _field = new Random(1);
                private static Random Static { get; } = new Random(2);

                async Task M(Random parameter, int[] items)
                {
                    var local = new Random(3);
                    Parallel.For(0, 10, i => {|#0:local|}.Next());
                    Parallel.ForEach(items, item => {|#1:_field|}.Next(item));
                    Parallel.Invoke(() => {|#2:Static|}.Next(), () => {|#3:parameter|}.NextDouble());
                    await Parallel.ForEachAsync(items, async (item, token) => { await Task.Yield(); {|#4:local|}.Next(); });
                    await Parallel.ForAsync(0, 10, async (i, token) => { await Task.Delay(1, token); {|#5:local|}.Next(); });
                    await Task.Run(() => {|#6:local|}.Next());
                    await Task.Factory.StartNew(() => {|#7:local|}.Next());
                    new Thread(() => {|#8:local|}.Next()).Start();
                    ThreadPool.QueueUserWorkItem(_ => {|#9:local|}.Next());
                    ThreadPool.UnsafeQueueUserWorkItem(_ => {|#10:local|}.Next(), null);
                    using var timer = new Timer(_ => {|#11:local|}.Next(), null, 0, 10);
                    var timers = new System.Timers.Timer(10);
                    timers.Elapsed += (s, e) => {|#12:local|}.Next();
                    var plinq = items.AsParallel().Select(x => x + {|#13:local|}.Next()).Where(x => {|#14:local|}.Next() > x).ToArray();
                    items.AsParallel().ForAll(x => {|#15:local|}.Next());
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("local", "Parallel.For", Unlocked),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("_field", "Parallel.ForEach", Unlocked),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Static", "Parallel.Invoke", Unlocked),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("parameter", "Parallel.Invoke", Unlocked),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("local", "Parallel.ForEachAsync", Unlocked),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("local", "Parallel.ForAsync", Unlocked),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("local", "Task.Run", Unlocked),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("local", "Task.Factory.StartNew", Unlocked),
            VerifyCS.Diagnostic().WithLocation(8).WithArguments("local", "new Thread(...)", Unlocked),
            VerifyCS.Diagnostic().WithLocation(9).WithArguments("local", "ThreadPool.QueueUserWorkItem", Unlocked),
            VerifyCS.Diagnostic().WithLocation(10).WithArguments("local", "ThreadPool.UnsafeQueueUserWorkItem", Unlocked),
            VerifyCS.Diagnostic().WithLocation(11).WithArguments("local", "a Timer callback", Unlocked),
            VerifyCS.Diagnostic().WithLocation(12).WithArguments("local", "a Timer.Elapsed handler", Unlocked),
            VerifyCS.Diagnostic().WithLocation(13).WithArguments("local", "PLINQ 'Select'", Unlocked),
            VerifyCS.Diagnostic().WithLocation(14).WithArguments("local", "PLINQ 'Where'", Unlocked),
            VerifyCS.Diagnostic().WithLocation(15).WithArguments("local", "PLINQ 'ForAll'", Unlocked));

        [Fact]
        public Task NestedLambdasMethodGroupsAndLocks() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Work
            {
                private readonly DeterministicRandom _stream = new DeterministicRandom(1);
                private readonly object _gate = new object();

                void M(int[] items)
                {
                    Parallel.For(0, 10, i =>
                    {
                        var perWorker = new Random(i);
                        Parallel.For(0, 5, j => {|#0:perWorker|}.Next());
                        int sum = items.Select(x => x + {|#1:_stream|}.Next()).Sum();
                        lock (_gate)
                        {
                            {|#2:_stream|}.Next();
                        }
                    });
                    Parallel.For(0, 10, Body);
                }

                void Body(int i) => {|#3:_stream|}.NextDouble();
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("perWorker", "Parallel.For", Unlocked),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("_stream", "Parallel.For", Unlocked),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("_stream", "Parallel.For", Locked),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("_stream", "Parallel.For (through 'Body')", Unlocked));

        [Fact]
        public Task IgnoresPerWorkerGenerators() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Work
            {
                [ThreadStatic] private static Random? t_random;
                private static readonly ThreadLocal<Random> Local = new ThreadLocal<Random>(() => new Random(1));
                private readonly DeterministicRandom _stream = new DeterministicRandom(1);

                void M(Random shared)
                {
                    Parallel.For(0, 10, i =>
                    {
                        var mine = new Random(i);
                        mine.Next();
                        _stream.ForIndex(i).Next();
                        Determinism.Random("augment", i).Next();
                        (t_random ??= new Random(i)).Next();
                        Local.Value!.Next();
                        Random.Shared.Next();
                    });
                    shared.Next();
                    Task.Run(() => new Random(5).Next());
                    Parallel.For(0, 10, i => Console.WriteLine(shared.GetType()));
                }
            }
            """);

        [Fact]
        public Task FlagsTorchGeneratorsPassedToOpsInWorkers()
        {
            var test = new VerifyCS.Test
            {
                IncludeTorchSharp = true,
                TestCode = """
                    using System.Threading.Tasks;
                    using TorchSharp;

                    class Work
                    {
                        void M(torch.Generator generator)
                        {
                            Parallel.For(0, 4, i => torch.rand(new long[] { 3 }, generator: {|#0:generator|}));
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("generator", "Parallel.For", Unlocked));
            return test.RunAsync();
        }

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrash() => VerifyCS.VerifyPartialCodeAsync("""
            using System;
            using System.Threading.Tasks;

            class Work
            {
                void M(Random rng)
                {
                    Parallel.For(0, 10, i => rng.
                    Parallel.For(0, 10, i => rng.Next(
                    Task.Run(() =>
                    Parallel.ForEach(
                }
            }
            """);
    }
}
