using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// What replaces Random.Shared must keep working where that did: concurrent draws on Determinism.Shared serialize
    /// (never corrupt, never throw), are counted, warned about once and recorded; the strict option throws instead.
    /// Per-object streams carry no lock: concurrent use never throws and never breaks the generator for good.
    /// </summary>
    [Collection(ContentionCollection.Name)]
    public class SharedStreamConcurrencyTests : GlobalStateTest
    {
        private const int Threads = 4;
        private const int DrawsPerThread = 100_000;
        private const int MaxAttempts = 20;

        [Fact]
        public void ConcurrentDrawsOnASharedStreamSerializeAndAreRecorded()
        {
            string path = Path.Combine(Path.GetTempPath(), "seedanalyzers-shared-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                var warnings = new StringWriter();
                Determinism.WarningWriter = TextWriter.Synchronized(warnings);
                for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                {
                    Determinism.Initialize(42, new DeterminismOptions { ManifestPath = path });
                    long[] drawn = DrawConcurrently(() => Determinism.Shared("jitter").Next(), out int errors);
                    Assert.Equal(0, errors);

                    // Serialized: the threads together received exactly the stream's first numbers, none repeated or lost.
                    var reference = new DeterministicRandom(42).Fork("jitter");
                    Assert.Equal(Enumerable.Range(0, drawn.Length).Select(_ => (long)reference.Next()).OrderBy(x => x), drawn.OrderBy(x => x));

                    SeedManifest.StreamRecord record = Determinism.Manifest.Streams.Single(s => s.Name == "jitter");
                    Assert.True(record.Shared);
                    if (record.ContendedDraws == 0)
                    {
                        continue;
                    }

                    string text = warnings.ToString();
                    Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                    Assert.Contains("'jitter'", text);
                    Assert.Contains("not reproducible", text);
                    Assert.Contains("\"note\": \"not reproducible: drawn concurrently\"", File.ReadAllText(path));
                    Assert.True(SeedManifest.Load(path).Streams.Single(s => s.Name == "jitter").ContendedDraws > 0);
                    return;
                }

                Assert.Fail($"{Threads} threads drawing {DrawsPerThread} numbers each never overlapped in {MaxAttempts} attempts");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TheStrictOptionThrowsAndLeavesTheStreamIntact()
        {
            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                Determinism.Initialize(42, new DeterminismOptions { WhenSharedStreamContended = ContentionAction.Throw });
                long[] drawn = DrawConcurrently(() => Determinism.Shared("jitter").Next(), out int errors);
                if (errors == 0)
                {
                    continue;
                }

                // Every successful draw took the next number of the stream, and the stream continues after them.
                var reference = new DeterministicRandom(42).Fork("jitter");
                long[] expected = Enumerable.Range(0, drawn.Length).Select(_ => (long)reference.Next()).ToArray();
                Assert.Equal(expected.OrderBy(x => x), drawn.OrderBy(x => x));
                Assert.Equal(reference.Next(), Determinism.Shared("jitter").Next());
                return;
            }

            Assert.Fail($"no contention in {MaxAttempts} attempts");
        }

        [Fact]
        public void APerObjectStreamUsedConcurrentlyNeverThrowsAndKeepsWorking()
        {
            var shared = new DeterministicRandom(77);
            DrawConcurrently(() => shared.Next(1000), out int errors);
            Assert.Equal(0, errors);
            int[] after = Enumerable.Range(0, 1000).Select(_ => shared.Next(1000)).ToArray();
            Assert.All(after, value => Assert.InRange(value, 0, 999));
            Assert.True(after.Distinct().Count() > 500, "the generator collapsed after concurrent use");
        }

        private static long[] DrawConcurrently(Func<int> draw, out int errors)
        {
            var drawn = new ConcurrentBag<long[]>();
            int failures = 0;
            using var start = new Barrier(Threads);
            Thread[] workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
            {
                var mine = new System.Collections.Generic.List<long>(DrawsPerThread);
                start.SignalAndWait();
                for (int i = 0; i < DrawsPerThread; i++)
                {
                    try
                    {
                        mine.Add(draw());
                    }
                    catch (InvalidOperationException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }

                drawn.Add(mine.ToArray());
            })).ToArray();
            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            errors = failures;
            return drawn.SelectMany(x => x).ToArray();
        }
    }
}
