using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// DeterministicRandom.SplitFrom: what the SEED010 fix writes before a Parallel.For, so the user's seeded generator
    /// still decides the numbers, each execution of the region differs, and one execution is scheduling-independent.
    /// </summary>
    public class SplitFromTests
    {
        [Fact]
        public void WorkerStreamsArePinned()
        {
            DeterministicRandom fromSystem = DeterministicRandom.SplitFrom(new Random(42));
            Assert.Equal(Golden.FromSystemRandom42, Enumerable.Range(0, 3).Select(i => fromSystem.ForIndex(i).Next()).ToArray());
            DeterministicRandom fromDeterministic = DeterministicRandom.SplitFrom(new DeterministicRandom(7));
            Assert.Equal(Golden.FromDeterministic7, Enumerable.Range(0, 3).Select(i => fromDeterministic.ForIndex(i).Next()).ToArray());
        }

        [Fact]
        public void TheRootIsTheDocumentedDerivation()
        {
            // DeterministicRandom(7)'s first two words, little-endian bytes, are the 64 bits: key (word0, word1), nonce ("SPLT", 0).
            var parent = new DeterministicRandom(7);
            var bytes = new byte[8];
            parent.NextBytes(bytes);
            ulong fromBytes = BitConverter.ToUInt64(bytes, 0);
            var expected = new DeterministicRandom(new StreamKey((uint)fromBytes, (uint)(fromBytes >> 32), 0x544C5053, 0));
            Assert.Equal(expected.ForIndex(5).NextInt64(), DeterministicRandom.SplitFrom(new DeterministicRandom(7)).ForIndex(5).NextInt64());

            // Never a seed's root: the same 64 bits as a seed give another stream.
            Assert.NotEqual(new DeterministicRandom((long)fromBytes).NextInt64(), DeterministicRandom.SplitFrom(new DeterministicRandom(7)).NextInt64());
        }

        [Fact]
        public void DrawsExactlyOnceFromTheParentOnTheCallingThread()
        {
            var parent = new CountingRandom(5);
            DeterministicRandom.SplitFrom(parent);
            Assert.Equal(1, parent.Calls);
            Assert.Equal(Environment.CurrentManagedThreadId, parent.LastThread);

            // The parent continues exactly as if it had handed out 8 bytes.
            var reference = new Random(5);
            reference.NextBytes(new byte[8]);
            Assert.Equal(reference.Next(), parent.Next());
        }

        [Fact]
        public void TheUsersSeedStillDecidesTheNumbers()
        {
            double First(int seed) => DeterministicRandom.SplitFrom(new Random(seed)).ForIndex(0).NextDouble();
            Assert.Equal(First(1), First(1));
            Assert.NotEqual(First(1), First(2));
        }

        [Fact]
        public void EachExecutionOfTheRegionGetsNewWorkerStreams()
        {
            var optimizer = new Random(11);
            double[] restart1 = Region(DeterministicRandom.SplitFrom(optimizer), threads: 2);
            double[] restart2 = Region(DeterministicRandom.SplitFrom(optimizer), threads: 2);
            Assert.NotEqual(restart1, restart2);

            // And the whole sequence of executions repeats from the same user seed.
            var again = new Random(11);
            Assert.Equal(restart1, Region(DeterministicRandom.SplitFrom(again), threads: 2));
            Assert.Equal(restart2, Region(DeterministicRandom.SplitFrom(again), threads: 2));
        }

        [Fact]
        public void OneExecutionDoesNotDependOnSchedulingOrThreadCount()
        {
            double[] one = Region(DeterministicRandom.SplitFrom(new Random(3)), threads: 1);
            Assert.Equal(one, Region(DeterministicRandom.SplitFrom(new Random(3)), threads: 2));
            Assert.Equal(one, Region(DeterministicRandom.SplitFrom(new Random(3)), threads: 8));
        }

        [Fact]
        public void NullParentIsAnError() =>
            Assert.Throws<ArgumentNullException>(() => DeterministicRandom.SplitFrom(null!));

        private static double[] Region(DeterministicRandom workers, int threads)
        {
            var results = new double[1_000];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                DeterministicRandom rng = workers.ForIndex(i);
                results[i] = rng.NextDouble() + rng.Next(100);
            });
            return results;
        }

        private sealed class CountingRandom : Random
        {
            public CountingRandom(int seed)
                : base(seed)
            {
            }

            public int Calls { get; private set; }

            public int LastThread { get; private set; }

            public override int Next() { Count(); return base.Next(); }

            public override int Next(int maxValue) { Count(); return base.Next(maxValue); }

            public override int Next(int minValue, int maxValue) { Count(); return base.Next(minValue, maxValue); }

            public override long NextInt64() { Count(); return base.NextInt64(); }

            public override double NextDouble() { Count(); return base.NextDouble(); }

            public override void NextBytes(byte[] buffer) { Count(); base.NextBytes(buffer); }

            public override void NextBytes(Span<byte> buffer) { Count(); base.NextBytes(buffer); }

            private void Count()
            {
                Calls++;
                LastThread = Environment.CurrentManagedThreadId;
            }
        }

        private static class Golden
        {
            internal static readonly int[] FromSystemRandom42 = { 1954977010, 127806751, 1650012239 };
            internal static readonly int[] FromDeterministic7 = { 1763680608, 841353704, 2047745623 };
        }
    }
}
