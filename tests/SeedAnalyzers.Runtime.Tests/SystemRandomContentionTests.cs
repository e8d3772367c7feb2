using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>Contention needs the cores to itself: this collection runs after the parallel ones, alone.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ContentionCollection
    {
        public const string Name = "System.Random contention";
    }

    /// <summary>
    /// The premise of SEED010: a System.Random shared between threads is corrupted by concurrent calls.
    /// A correct generator, thread-safe or not, hands out exactly its first N numbers for N draws in whatever
    /// order, so their sum and sum of squares match the sequential ones; a corrupted one repeats some and skips
    /// others (and may collapse to returning 0). The contention phase is retried a bounded number of times and
    /// must show corruption at least once.
    /// </summary>
    [Collection(ContentionCollection.Name)]
    public class SystemRandomContentionTests
    {
        private const int Seed = 42;
        private const int DrawsPerThread = 1_000_000;
        private const int MaxAttempts = 40;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.8);

        private readonly ITestOutputHelper _output;

        public SystemRandomContentionTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [TimingFact]
        public void SharedSeededRandomRepeatsOrLosesDrawsUnderContention()
        {
            int threads = Math.Max(4, Environment.ProcessorCount);
            var reference = new Random(Seed);
            var expected = default(Sums);
            for (long i = 0; i < (long)threads * DrawsPerThread; i++)
            {
                expected.Add(reference.Next());
            }

            var watch = Stopwatch.StartNew();
            for (int attempt = 1; attempt <= MaxAttempts && (attempt == 1 || watch.Elapsed < Budget); attempt++)
            {
                var shared = new Random(Seed);
                Sums actual = DrawConcurrently(shared, threads);
                if (!actual.Equals(expected))
                {
                    bool collapsed = Enumerable.Range(0, 100).All(_ => shared.Next() == 0);
                    _output.WriteLine($"attempt {attempt}: the {threads} x {DrawsPerThread} concurrent draws are not the sequential ones (sum {actual.Sum} vs {expected.Sum}); returns only 0 afterwards: {collapsed}; {watch.ElapsedMilliseconds} ms");
                    return;
                }
            }

            Assert.Fail($"{threads} threads drawing {DrawsPerThread} numbers each from one System.Random produced exactly the sequential numbers in every attempt (up to {MaxAttempts}, {watch.ElapsedMilliseconds} ms): no contention was observed, so this machine cannot demonstrate the corruption SEED010 warns about (Environment.ProcessorCount = {Environment.ProcessorCount}).");
        }

        private static Sums DrawConcurrently(Random shared, int threads)
        {
            var perThread = new Sums[threads];
            using var start = new Barrier(threads);
            Thread[] workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var sums = default(Sums);
                start.SignalAndWait();
                for (int i = 0; i < DrawsPerThread; i++)
                {
                    sums.Add(shared.Next());
                }

                perThread[t] = sums;
            })).ToArray();
            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            var total = default(Sums);
            foreach (Sums sums in perThread)
            {
                total.Sum += sums.Sum;
                total.SumOfSquares += sums.SumOfSquares;
            }

            return total;
        }

        /// <summary>Order-independent fingerprint of a multiset of draws (wrapping arithmetic).</summary>
        private struct Sums : IEquatable<Sums>
        {
            public long Sum;
            public long SumOfSquares;

            public void Add(int value)
            {
                unchecked
                {
                    Sum += value;
                    SumOfSquares += (long)value * value;
                }
            }

            public bool Equals(Sums other) => Sum == other.Sum && SumOfSquares == other.SumOfSquares;
        }
    }
}
