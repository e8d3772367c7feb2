using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// The premise of SEED010: a System.Random shared between threads is corrupted by concurrent calls.
    /// A correct generator, thread-safe or not, hands out exactly its first N numbers for N draws in whatever
    /// order; a corrupted one repeats some and skips others (and may collapse to returning 0). The contention
    /// phase is retried a bounded number of times and must show corruption at least once.
    /// </summary>
    public class SystemRandomContentionTests
    {
        private const int Seed = 42;
        private const int DrawsPerThread = 100_000;
        private const int MaxAttempts = 40;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.8);

        private readonly ITestOutputHelper _output;

        public SystemRandomContentionTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void SharedSeededRandomRepeatsOrLosesDrawsUnderContention()
        {
            int threads = Math.Max(4, Environment.ProcessorCount);
            int total = threads * DrawsPerThread;
            var reference = new Random(Seed);
            int[] expected = new int[total];
            for (int i = 0; i < total; i++)
            {
                expected[i] = reference.Next();
            }

            Array.Sort(expected);
            var watch = Stopwatch.StartNew();
            for (int attempt = 1; attempt <= MaxAttempts && (attempt == 1 || watch.Elapsed < Budget); attempt++)
            {
                var shared = new Random(Seed);
                int[] actual = DrawConcurrently(shared, threads);
                bool collapsed = Enumerable.Range(0, 100).All(_ => shared.Next() == 0);
                Array.Sort(actual);
                int mismatches = expected.Zip(actual, (e, a) => e != a ? 1 : 0).Sum();
                if (mismatches > 0)
                {
                    _output.WriteLine($"attempt {attempt}: {mismatches} of {total} sorted draws differ from the sequential ones; collapsed to 0 afterwards: {collapsed}; {watch.ElapsedMilliseconds} ms");
                    return;
                }
            }

            Assert.Fail($"{threads} threads drawing {DrawsPerThread} numbers each from one System.Random produced exactly the sequential numbers in every attempt (up to {MaxAttempts}, {watch.ElapsedMilliseconds} ms): no contention was observed, so this machine cannot demonstrate the corruption SEED010 warns about (Environment.ProcessorCount = {Environment.ProcessorCount}).");
        }

        private static int[] DrawConcurrently(Random shared, int threads)
        {
            int[] results = new int[threads * DrawsPerThread];
            using var start = new Barrier(threads);
            Thread[] workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < DrawsPerThread; i++)
                {
                    results[(t * DrawsPerThread) + i] = shared.Next();
                }
            })).ToArray();
            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            return results;
        }
    }
}
