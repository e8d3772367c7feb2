using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.GeneratorUsedAcrossThreadsAnalyzer, SeedAnalyzers.CodeFixes.GeneratorUsedAcrossThreadsFixer>;

namespace SeedAnalyzers.Tests
{
    public class GeneratorUsedAcrossThreadsFixerTests
    {
        private const string Unlocked = "concurrent calls can corrupt its state or hand out repeated numbers, and the thread schedule decides which work item gets which number";

        private static DiagnosticResult At(int location, string generator, string construct) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(generator, construct, Unlocked, "");

        /// <summary>
        /// The streams are split from the user's own generator on the thread that starts the loop, each time it starts:
        /// its seed still decides the numbers, the next start draws new ones, and index i's numbers do not depend on
        /// the schedule.
        /// </summary>
        [Fact]
        public Task ParallelForDrawsFromPerIndexStreamsSplitWhenTheLoopStarts() => VerifyCS.VerifyCodeFixAsync("""
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
                    var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                    Parallel.For(0, data.Length, i => data[i] = rngWorkers.ForIndex(i).NextDouble()); // noise
                    var rootWorkers = DeterministicRandom.SplitFrom(root);
                    Parallel.For(0L, data.LongLength, (i, state) => { data[i] = rootWorkers.ForIndex(i).NextDouble(); });
                    var rootWorkers2 = DeterministicRandom.SplitFrom(root);
                    await Parallel.ForAsync(0, data.Length, async (i, ct) => { await Task.Yield(); data[i] += rootWorkers2.ForIndex(i).Next(3); });
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
                    var rngWorkers = DeterministicRandom.SplitFrom(rng);
                    Parallel.For(0, data.Length, i =>
                    {
                        var rngForIndex = rngWorkers.ForIndex(i);
                        data[i] = rngForIndex.NextDouble() + rngForIndex.NextDouble();
                    });
                    var rngWorkers2 = DeterministicRandom.SplitFrom(rng);
                    Parallel.For(0, rows.Length, i =>
                    {
                        var rngForIndex = rngWorkers2.ForIndex(i);
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
                    var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                    Parallel.ForEach(images, (image, state, position) => image[0] = rngWorkers.ForIndex(position).NextDouble());
                    var rngWorkers2 = DeterministicRandom.SplitFrom(_rng);
                    Parallel.ForEach(images, (image, state, index) => image[0] = rngWorkers2.ForIndex(index).NextDouble());
                    var rngWorkers3 = DeterministicRandom.SplitFrom(_rng);
                    Parallel.ForEach(images, (image, state, index) => { image[1] = rngWorkers3.ForIndex(index).NextDouble(); });
                }
            }
            """);

        /// <summary>Each task or thread gets a stream split from the generator on the starting thread, before it starts.</summary>
        [Fact]
        public Task TasksAndThreadsGetAStreamSplitBeforeTheyStart() => VerifyCS.VerifyCodeFixAsync("""
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
                        var rngForTask = DeterministicRandom.SplitFrom(_rng);
                        tasks[t] = Task.Run(() => results[slot] = rngForTask.Next());
                        var rngForThread = DeterministicRandom.SplitFrom(_rng);
                        new Thread(() => results[slot] += rngForThread.Next() + rngForThread.Next()).Start();
                    }

                    Task.WaitAll(tasks);
                }
            }
            """);

        /// <summary>
        /// Parallel.Invoke's action k is worker k: the generator is split once before the statement and action k draws
        /// from <c>ForIndex(k)</c>, so each action keeps numbers of its own whichever thread runs it first.
        /// </summary>
        [Fact]
        public Task ParallelInvokeActionsDrawFromTheStreamOfTheirPosition() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Simulation
            {
                private readonly Random _rng = new Random(1);

                void M(double[] left, double[] right)
                {
                    Parallel.Invoke(() => left[0] = right[0], () => right[1] = {|#0:_rng.NextDouble()|});
                }
            }
            """,
            new[] { At(0, "_rng", "Parallel.Invoke") },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _rng = new Random(1);

                void M(double[] left, double[] right)
                {
                    var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                    Parallel.Invoke(() => left[0] = right[0], () => right[1] = rngWorkers.ForIndex(1).NextDouble());
                }
            }
            """);

        /// <summary>
        /// Fixing every action of one Parallel.Invoke, one at a time or all at once, declares one split and gives each
        /// action the index of its position; an action that draws several times or in a loop takes its stream once, at
        /// the top of its body. The options overload and an explicit action array count positions the same way.
        /// </summary>
        [Fact]
        public Task ParallelInvokeActionsShareOneSplit() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Simulation
            {
                void M(double[] left, double[] right, ParallelOptions options)
                {
                    var rng = new Random(1);
                    Parallel.Invoke(
                        () => left[0] = {|#0:rng.NextDouble()|},
                        () =>
                        {
                            for (int k = 0; k < right.Length; k++)
                            {
                                right[k] = {|#1:rng.NextDouble()|};
                            }
                        },
                        () => left[1] = {|#2:rng.Next()|} + {|#3:rng.Next()|});
                    Parallel.Invoke(options, new Action[] { () => left[2] = {|#4:rng.NextDouble()|}, () => right[0] = {|#5:rng.NextDouble()|} });
                }
            }
            """,
            new[]
            {
                At(0, "rng", "Parallel.Invoke"),
                At(1, "rng", "Parallel.Invoke"),
                At(2, "rng", "Parallel.Invoke"),
                At(3, "rng", "Parallel.Invoke"),
                At(4, "rng", "Parallel.Invoke"),
                At(5, "rng", "Parallel.Invoke"),
            },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                void M(double[] left, double[] right, ParallelOptions options)
                {
                    var rng = new Random(1);
                    var rngWorkers = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(
                        () => left[0] = rngWorkers.ForIndex(0).NextDouble(),
                        () =>
                        {
                            var rngForAction = rngWorkers.ForIndex(1);
                            for (int k = 0; k < right.Length; k++)
                            {
                                right[k] = rngForAction.NextDouble();
                            }
                        },
                        () =>
                        {
                            var rngForAction = rngWorkers.ForIndex(2);
                            left[1] = rngForAction.Next() + rngForAction.Next();
                        });
                    var rngWorkers2 = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(options, new Action[] { () => left[2] = rngWorkers2.ForIndex(0).NextDouble(), () => right[0] = rngWorkers2.ForIndex(1).NextDouble() });
                }
            }
            """);

        /// <summary>
        /// A split an earlier fix of another action declared just before the statement is taken up, so fixing actions
        /// one at a time in any order ends as Fix All does; a split the code also uses elsewhere is left alone.
        /// </summary>
        [Fact]
        public Task ParallelInvokeTakesUpTheSplitOfAnEarlierFix() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                void M(double[] data, Random rng)
                {
                    var rngWorkers = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(() => data[0] = {|#0:rng.NextDouble()|}, () => data[1] = rngWorkers.ForIndex(1).NextDouble());
                    var shared = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(() => data[2] = {|#1:rng.NextDouble()|}, () => data[3] = shared.ForIndex(1).NextDouble());
                    data[4] = shared.ForIndex(7).NextDouble();
                }
            }
            """,
            new[] { At(0, "rng", "Parallel.Invoke"), At(1, "rng", "Parallel.Invoke") },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                void M(double[] data, Random rng)
                {
                    var rngWorkers = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(() => data[0] = rngWorkers.ForIndex(0).NextDouble(), () => data[1] = rngWorkers.ForIndex(1).NextDouble());
                    var shared = DeterministicRandom.SplitFrom(rng);
                    var rngWorkers2 = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(() => data[2] = rngWorkers2.ForIndex(0).NextDouble(), () => data[3] = shared.ForIndex(1).NextDouble());
                    data[4] = shared.ForIndex(7).NextDouble();
                }
            }
            """);

        /// <summary>
        /// Two generators drawn by the actions of one Parallel.Invoke: each is split once, in the order the actions
        /// first draw them, and a region after the statement counts it once when it names its own split.
        /// </summary>
        [Fact]
        public Task ParallelInvokeSplitsEachGeneratorOnce() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Simulation
            {
                private readonly Random _noise = new Random(2);

                void M(double[] data, Random rng)
                {
                    Parallel.Invoke(
                        () => data[0] = {|#0:_noise.NextDouble()|},
                        () => data[1] = {|#1:rng.NextDouble()|} * {|#2:_noise.NextDouble()|},
                        () => data[2] = {|#3:rng.NextDouble()|});
                    Parallel.For(0, data.Length, i => data[i] += {|#4:rng.NextDouble()|});
                }
            }
            """,
            new[]
            {
                At(0, "_noise", "Parallel.Invoke"),
                At(1, "rng", "Parallel.Invoke"),
                At(2, "_noise", "Parallel.Invoke"),
                At(3, "rng", "Parallel.Invoke"),
                At(4, "rng", "Parallel.For"),
            },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _noise = new Random(2);

                void M(double[] data, Random rng)
                {
                    var noiseWorkers = DeterministicRandom.SplitFrom(_noise);
                    var rngWorkers = DeterministicRandom.SplitFrom(rng);
                    Parallel.Invoke(
                        () => data[0] = noiseWorkers.ForIndex(0).NextDouble(),
                        () => data[1] = rngWorkers.ForIndex(1).NextDouble() * noiseWorkers.ForIndex(1).NextDouble(),
                        () => data[2] = rngWorkers.ForIndex(2).NextDouble());
                    var rngWorkers2 = DeterministicRandom.SplitFrom(rng);
                    Parallel.For(0, data.Length, i => data[i] += rngWorkers2.ForIndex(i).NextDouble());
                }
            }
            """);

        /// <summary>
        /// Without the runtime each action gets a generator of its own, seeded from the user's before the statement, in
        /// action order: the seeds are successive draws, not neighbours, so the streams are independent.
        /// </summary>
        [Fact]
        public Task WithoutTheRuntimeParallelInvokeActionsAreSeededInOrder() => new VerifyCS.Test
        {
            IncludeRuntime = false,
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Simulation
                {
                    private readonly Random _rng = new Random(1);

                    void M(double[] data)
                    {
                        Parallel.Invoke(() => data[0] = {|#0:_rng.NextDouble()|}, () => { data[1] = {|#1:_rng.NextDouble()|} + {|#2:_rng.NextDouble()|}; });
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Simulation
                {
                    private readonly Random _rng = new Random(1);

                    void M(double[] data)
                    {
                        var rngForAction = new Random(_rng.Next());
                        var rngForAction2 = new Random(_rng.Next());
                        Parallel.Invoke(() => data[0] = rngForAction.NextDouble(), () => { data[1] = rngForAction2.NextDouble() + rngForAction2.NextDouble(); });
                    }
                }
                """,
            ExpectedDiagnostics = { At(0, "_rng", "Parallel.Invoke"), At(1, "_rng", "Parallel.Invoke"), At(2, "_rng", "Parallel.Invoke") },
        }.RunAsync();

        /// <summary>
        /// Top-level statements are one body: two regions there get two locals, in a one-at-a-time fix and in Fix All
        /// alike (found by the robustness fuzz test), and the actions of a Parallel.Invoke there share one.
        /// </summary>
        [Fact]
        public Task TopLevelRegionsGetLocalsOfTheirOwn()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;
                    using System.Threading.Tasks;

                    var seeded = new Random(3);
                    var values = new int[100];
                    Parallel.For(0, values.Length, i => values[i] += {|#0:seeded.Next(10)|});
                    Parallel.For(0, values.Length, i => values[i] += {|#1:seeded.Next(10)|});
                    Parallel.Invoke(() => values[0] = {|#2:seeded.Next(10)|}, () => values[1] = {|#3:seeded.Next(10)|});
                    """,
                FixedCode = """
                    using System;
                    using System.Threading.Tasks;
                    using SeedAnalyzers;

                    var seeded = new Random(3);
                    var values = new int[100];
                    var seededWorkers = DeterministicRandom.SplitFrom(seeded);
                    Parallel.For(0, values.Length, i => values[i] += seededWorkers.ForIndex(i).Next(10));
                    var seededWorkers2 = DeterministicRandom.SplitFrom(seeded);
                    Parallel.For(0, values.Length, i => values[i] += seededWorkers2.ForIndex(i).Next(10));
                    var seededWorkers3 = DeterministicRandom.SplitFrom(seeded);
                    Parallel.Invoke(() => values[0] = seededWorkers3.ForIndex(0).Next(10), () => values[1] = seededWorkers3.ForIndex(1).Next(10));
                    """,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(At(0, "seeded", "Parallel.For"));
            test.ExpectedDiagnostics.Add(At(1, "seeded", "Parallel.For"));
            test.ExpectedDiagnostics.Add(At(2, "seeded", "Parallel.Invoke"));
            test.ExpectedDiagnostics.Add(At(3, "seeded", "Parallel.Invoke"));
            return test.RunAsync();
        }

        /// <summary>
        /// Without the runtime a task gets a generator seeded from the user's one; a loop body gets no fix, since
        /// per-index seeds (seed + i) would start System.Random's streams on a lattice.
        /// </summary>
        [Fact]
        public Task WithoutTheRuntimeATaskIsSeededFromTheGeneratorAndALoopGetsNoFix() => new VerifyCS.Test
        {
            IncludeRuntime = false,
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Noise
                {
                    private readonly Random _rng = new Random(1);

                    async Task M(double[] data)
                    {
                        Parallel.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|});
                        await Task.Run(() => data[0] = {|#1:_rng.NextDouble()|});
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Noise
                {
                    private readonly Random _rng = new Random(1);

                    async Task M(double[] data)
                    {
                        Parallel.For(0, data.Length, i => data[i] = {|#0:_rng.NextDouble()|});
                        var rngForTask = new Random(_rng.Next());
                        await Task.Run(() => data[0] = rngForTask.NextDouble());
                    }
                }
                """,
            ExpectedDiagnostics = { At(0, "_rng", "Parallel.For"), At(1, "_rng", "Task.Run") },
            FixedState = { ExpectedDiagnostics = { At(0, "_rng", "Parallel.For") } },
        }.RunAsync();

        /// <summary>
        /// Task.Run outside a for loop, tasks started in a foreach, and PLINQ operators with an index overload all get a
        /// stream of their own (issue 15: three of five such sites got no fix).
        /// </summary>
        [Fact]
        public Task TasksAndQueriesGetStreams() => VerifyCS.VerifyCodeFixAsync("""
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
                    foreach (int item in items)
                    {
                        _ = Task.Run(() => {|#3:_rng.Next()|});
                    }

                    var noisy = data.AsParallel().Select(x => x + {|#4:_rng.Next(3)|}).ToArray();
                    var kept = data.AsParallel().Where((x, i) => {|#5:_rng.NextDouble()|} < 0.5 && i > 0).ToList();
                }
            }
            """,
            new[]
            {
                At(0, "_rng", "Task.Run"),
                At(3, "_rng", "Task.Run"),
                At(4, "_rng", "the PLINQ operator Select"),
                At(5, "_rng", "the PLINQ operator Where"),
            },
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Elsewhere
            {
                private readonly Random _rng = new Random(1);

                async Task M(List<int> items, int[] data)
                {
                    var rngForTask = DeterministicRandom.SplitFrom(_rng);
                    await Task.Run(() => rngForTask.Next());
                    foreach (int item in items)
                    {
                        var rngForTask2 = DeterministicRandom.SplitFrom(_rng);
                        _ = Task.Run(() => rngForTask2.Next());
                    }

                    var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                    var noisy = data.AsParallel().Select((x, index) => x + rngWorkers.ForIndex(index).Next(3)).ToArray();
                    var rngWorkers2 = DeterministicRandom.SplitFrom(_rng);
                    var kept = data.AsParallel().Where((x, i) => rngWorkers2.ForIndex(i).NextDouble() < 0.5 && i > 0).ToList();
                }
            }
            """);

        /// <summary>
        /// A PLINQ query kept unenumerated draws when it is enumerated, here twice, with new numbers each time: a split
        /// taken once before the statement would give both enumerations the same numbers, so no fix is offered. The
        /// query enumerated by a foreach in the same statement is split on every run of the loop statement, so it is fixed.
        /// </summary>
        [Fact]
        public Task NoFixForADeferredQuery() => new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Collections.Generic;
                using System.Linq;

                class Noise
                {
                    private readonly Random _rng = new Random(1);

                    int Twice(int[] data)
                    {
                        var noisy = data.AsParallel().Select(x => x + {|#0:_rng.Next(3)|});
                        IEnumerable<int> kept = data.AsParallel().Where((x, i) => {|#1:_rng.NextDouble()|} < 0.5).OrderBy(x => x);
                        int total = 0;
                        foreach (int x in data.AsParallel().Select((x, i) => x + {|#2:_rng.Next(3)|}))
                        {
                            total += x;
                        }

                        return noisy.Sum() + noisy.Sum() + kept.Count() + total;
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using SeedAnalyzers;

                class Noise
                {
                    private readonly Random _rng = new Random(1);

                    int Twice(int[] data)
                    {
                        var noisy = data.AsParallel().Select(x => x + {|#0:_rng.Next(3)|});
                        IEnumerable<int> kept = data.AsParallel().Where((x, i) => {|#1:_rng.NextDouble()|} < 0.5).OrderBy(x => x);
                        int total = 0;
                        var rngWorkers = DeterministicRandom.SplitFrom(_rng);
                        foreach (int x in data.AsParallel().Select((x, i) => x + rngWorkers.ForIndex(i).Next(3)))
                        {
                            total += x;
                        }

                        return noisy.Sum() + noisy.Sum() + kept.Count() + total;
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                At(0, "_rng", "the PLINQ operator Select"),
                At(1, "_rng", "the PLINQ operator Where"),
                At(2, "_rng", "the PLINQ operator Select"),
            },
            FixedState =
            {
                ExpectedDiagnostics =
                {
                    At(0, "_rng", "the PLINQ operator Select"),
                    At(1, "_rng", "the PLINQ operator Where"),
                },
            },
        }.RunAsync();

        /// <summary>The source is its own fixed code: no fix may be offered for these.</summary>
        private const string WithoutIndexOrWorker = """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;

                class Elsewhere
                {
                    private readonly Random _rng = new Random(1);

                    async Task M(List<Agent> agents, int[] data)
                    {
                        data.AsParallel().ForAll(x => {|#0:_rng.Next()|});
                        Parallel.Invoke({|#8:Draw|}, () => { });
                        Parallel.For(0, data.Length, i => Parallel.Invoke(() => data[i] = {|#10:_rng.Next()|}));
                        for (int t = 0; t < 4; t++)
                            _ = Task.Run(() => {|#1:_rng.Next()|});
                        var tasks = data.Select(x => Task.Run(() => {|#2:_rng.Next()|})).ToArray();
                        Parallel.For(0, agents.Count, i => agents[i].Position = {|#3:agents[i].Rng.Next()|});
                        await Parallel.ForEachAsync(data, async (x, ct) => { await Task.Yield(); _ = {|#4:_rng.Next()|}; });
                        Parallel.For(0, data.Length, {|#5:Step|});
                        Parallel.For(0, data.Length, i => {|#7:Step(i)|});
                    }

                    void Step(int i) => {|#6:_rng.Next()|};

                    void Draw() => {|#9:_rng.Next()|};
                }

                class Agent
                {
                    public Random Rng { get; } = new Random(2);

                    public int Position { get; set; }
                }
                """;

        /// <summary>
        /// No fix where no per-worker stream can be derived (ForAll and ForEachAsync have no index), where nothing runs
        /// once per start of the region to split it (a loop body without braces, a lambda that starts the task, a
        /// Parallel.Invoke started inside a Parallel.For body), where the generator cannot be named before the region (one per element),
        /// and in helpers (a method group handed to Parallel.For or Parallel.Invoke would need the stream passed in).
        /// </summary>
        [Fact]
        public Task NoFixWithoutAnIndexOrAWorkerStatement() => new VerifyCS.Test
        {
            TestCode = WithoutIndexOrWorker,
            FixedCode = WithoutIndexOrWorker,
            ExpectedDiagnostics =
            {
                At(0, "_rng", "the PLINQ operator ForAll"),
                At(1, "_rng", "Task.Run"),
                At(2, "_rng", "Task.Run"),
                At(3, "agents[i].Rng", "Parallel.For"),
                At(4, "_rng", "Parallel.ForEachAsync"),
                At(10, "_rng", "Parallel.Invoke"),
                // A draw in a helper is reported at the method group or call, with no fix: the stream would have
                // to be passed into the helper.
                VerifyCS.Diagnostic().WithLocation(5).WithLocation(6).WithArguments("_rng", "Parallel.For", Unlocked, " (in 'Step', reached from here)"),
                VerifyCS.Diagnostic().WithLocation(7).WithLocation(6).WithArguments("_rng", "Parallel.For", Unlocked, " (in 'Step', reached from here)"),
                VerifyCS.Diagnostic().WithLocation(8).WithLocation(9).WithArguments("_rng", "Parallel.Invoke", Unlocked, " (in 'Draw', reached from here)"),
            },
        }.RunAsync();
    }
}
