using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.GeneratorUsedAcrossThreadsAnalyzer, SeedAnalyzers.CodeFixes.GeneratorUsedAcrossThreadsFixer>;

namespace SeedAnalyzers.Tests
{
    public class GeneratorUsedAcrossThreadsFixerTests
    {
        private const string Unlocked = "concurrent calls can corrupt its state (DeterministicRandom throws instead) and the thread schedule decides which work item gets which number";

        private static DiagnosticResult At(int location, string generator, string construct) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(generator, construct, Unlocked, "");

        [Fact]
        public Task ParallelForDrawsFromThePerIndexStream() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Trainer
            {
                private readonly Random _rng = new Random(1);

                async Task M(double[] data, DeterministicRandom root)
                {
                    Parallel.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|}); // noise
                    Parallel.For(0L, data.LongLength, (i, state) => { data[i] = {|#1:root.NextDouble()|}; });
                    await Parallel.ForAsync(0, data.Length, async (i, ct) => { await Task.Yield(); data[i] += {|#2:root.Next(3)|}; });
                }
            }
            """,
            new[] { At(0, "_rng", "Parallel.For"), At(1, "root", "Parallel.For"), At(2, "root", "Parallel.ForAsync") },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Trainer
            {
                private readonly Random _rng = new Random(1);

                async Task M(double[] data, DeterministicRandom root)
                {
                    Parallel.For(0, data.Length, i => data[i] = Determinism.Random("Trainer._rng", i).NextDouble()); // noise
                    Parallel.For(0L, data.LongLength, (i, state) => { data[i] = root.ForIndex(i).NextDouble(); });
                    await Parallel.ForAsync(0, data.Length, async (i, ct) => { await Task.Yield(); data[i] += root.ForIndex(i).Next(3); });
                }
            }
            """);

        [Fact]
        public Task SeveralDrawsShareOneStreamPerIndex() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            class Sampler
            {
                void M(double[] data, int[][] rows)
                {
                    var rng = new Random(1);
                    Parallel.For(0, data.Length, i =>
                    {
                        data[i] = {|#0:rng.NextDouble()|} + {|#1:rng.NextDouble()|};
                    });
                    Parallel.For(0, rows.Length, i => rows[i] = rows[i].Select(x => x + {|#2:rng.Next(3)|}).ToArray());
                }
            }
            """,
            new[] { At(0, "rng", "Parallel.For"), At(1, "rng", "Parallel.For"), At(2, "rng", "Parallel.For") },
            """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Sampler
            {
                void M(double[] data, int[][] rows)
                {
                    var rng = new Random(1);
                    Parallel.For(0, data.Length, i =>
                    {
                        var rngForIndex = Determinism.Random("Sampler.rng", i);
                        data[i] = rngForIndex.NextDouble() + rngForIndex.NextDouble();
                    });
                    Parallel.For(0, rows.Length, i =>
                    {
                        var rngForIndex = Determinism.Random("Sampler.rng", i);
                        rows[i] = rows[i].Select(x => x + rngForIndex.Next(3)).ToArray();
                    });
                }
            }
            """);

        [Fact]
        public Task ParallelForEachUsesOrAddsTheIndex() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Augment
            {
                private readonly DeterministicRandom _rng = new DeterministicRandom(5);

                void M(List<double[]> images)
                {
                    Parallel.ForEach(images, (image, state, position) => image[0] = {|#0:_rng.NextDouble()|});
                    Parallel.ForEach(images, image => image[0] = {|#1:_rng.NextDouble()|});
                    Parallel.ForEach(images, (image, state) => { image[1] = {|#2:_rng.NextDouble()|}; });
                }
            }
            """,
            new[] { At(0, "_rng", "Parallel.ForEach"), At(1, "_rng", "Parallel.ForEach"), At(2, "_rng", "Parallel.ForEach") },
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Augment
            {
                private readonly DeterministicRandom _rng = new DeterministicRandom(5);

                void M(List<double[]> images)
                {
                    Parallel.ForEach(images, (image, state, position) => image[0] = _rng.ForIndex(position).NextDouble());
                    Parallel.ForEach(images, (image, state, index) => image[0] = _rng.ForIndex(index).NextDouble());
                    Parallel.ForEach(images, (image, state, index) => { image[1] = _rng.ForIndex(index).NextDouble(); });
                }
            }
            """);

        [Fact]
        public Task TasksStartedInALoopGetAStreamFromTheCounter() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Workers
            {
                private readonly Random _rng = new Random(1);

                void M(int[] results)
                {
                    var tasks = new Task[4];
                    for (int t = 0; t < tasks.Length; t++)
                    {
                        int slot = t;
                        tasks[t] = Task.Run(() => results[slot] = {|#0:_rng.Next()|});
                        new Thread(() => results[slot] += {|#1:_rng.Next()|} + {|#2:_rng.Next()|}).Start();
                    }

                    Task.WaitAll(tasks);
                }
            }
            """,
            new[] { At(0, "_rng", "Task.Run"), At(1, "_rng", "new Thread(...)"), At(2, "_rng", "new Thread(...)") },
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Workers
            {
                private readonly Random _rng = new Random(1);

                void M(int[] results)
                {
                    var tasks = new Task[4];
                    for (int t = 0; t < tasks.Length; t++)
                    {
                        int slot = t;
                        var rngForTask = Determinism.Random("Workers._rng", t);
                        tasks[t] = Task.Run(() => results[slot] = rngForTask.Next());
                        var rngForTask2 = Determinism.Random("Workers._rng", t);
                        new Thread(() => results[slot] += rngForTask2.Next() + rngForTask2.Next()).Start();
                    }

                    Task.WaitAll(tasks);
                }
            }
            """);

        [Fact]
        public Task WithoutTheRuntimeTheIndexSeedsARandomFromAConstant() => new VerifyCS.Test
        {
            IncludeRuntime = false,
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Noise
                {
                    private readonly Random _rng = new Random(1);

                    void M(double[] data)
                    {
                        Parallel.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|});
                        Parallel.For(0L, data.LongLength, i => data[i] = {|#1:_rng.NextDouble()|});
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Noise
                {
                    // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                    private const int RandomSeed = 0;
                    private readonly Random _rng = new Random(1);

                    void M(double[] data)
                    {
                        Parallel.For(0, data.Length, i => data[i] = new Random(RandomSeed + i).NextDouble());
                        Parallel.For(0L, data.LongLength, i => data[i] = new Random(RandomSeed + (int)i).NextDouble());
                    }
                }
                """,
            ExpectedDiagnostics = { At(0, "_rng", "Parallel.For"), At(1, "_rng", "Parallel.For") },
        }.RunAsync();

        /// <summary>The source is its own fixed code: no fix may be offered for these.</summary>
        private const string WithoutIndexOrCounter = """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class Elsewhere
                {
                    private readonly Random _rng = new Random(1);

                    async Task M(List<int> items, int[] data)
                    {
                        await Task.Run(() => {|#0:_rng.Next()|});
                        data.AsParallel().ForAll(x => {|#1:_rng.Next()|});
                        Parallel.Invoke(() => {|#2:_rng.Next()|});
                        foreach (int item in items)
                        {
                            _ = Task.Run(() => {|#3:_rng.Next()|});
                        }

                        Parallel.For(0, data.Length, {|#4:Step|});
                        Parallel.For(0, data.Length, i => {|#6:Step(i)|});
                    }

                    void Step(int i) => {|#5:_rng.Next()|};
                }
                """;

        [Fact]
        public Task NoFixWithoutAnIndexOrCounter() => new VerifyCS.Test
        {
            TestCode = WithoutIndexOrCounter,
            FixedCode = WithoutIndexOrCounter,
            ExpectedDiagnostics =
            {
                At(0, "_rng", "Task.Run"),
                At(1, "_rng", "the PLINQ operator ForAll"),
                At(2, "_rng", "Parallel.Invoke"),
                At(3, "_rng", "Task.Run"),
                // A draw in a helper is reported at the method group or call, with no fix: the stream would have
                // to be passed into the helper.
                VerifyCS.Diagnostic().WithLocation(4).WithLocation(5).WithArguments("_rng", "Parallel.For", Unlocked, " (in 'Step', reached from here)"),
                VerifyCS.Diagnostic().WithLocation(6).WithLocation(5).WithArguments("_rng", "Parallel.For", Unlocked, " (in 'Step', reached from here)"),
            },
        }.RunAsync();
    }
}
