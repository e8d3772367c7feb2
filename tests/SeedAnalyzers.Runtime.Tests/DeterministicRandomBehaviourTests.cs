using System;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    public class DeterministicRandomBehaviourTests
    {
        [Fact]
        public void SameSeedSameSequenceDifferentSeedDifferentSequence()
        {
            Assert.Equal(Words(new DeterministicRandom(7), 100), Words(new DeterministicRandom(7), 100));
            Assert.NotEqual(Words(new DeterministicRandom(7), 100), Words(new DeterministicRandom(8), 100));
        }

        [Fact]
        public void BytesAreTheWordStreamLittleEndianAcrossCallBoundaries()
        {
            // Seed 3: key (3, 0), nonce 0; block b is Philox of counter (b, 0, 0, 0).
            var expected = Enumerable.Range(0, 10).SelectMany(block =>
            {
                uint c0 = (uint)block, c1 = 0, c2 = 0, c3 = 0;
                Philox.Block(ref c0, ref c1, ref c2, ref c3, 3, 0);
                return new[] { c0, c1, c2, c3 }.SelectMany(BitConverter.GetBytes);
            }).ToArray();

            // Mixed sizes cross the 4-word buffer and the whole-block fast path.
            var bytes = new DeterministicRandom(3);
            var actual = new byte[160];
            bytes.NextBytes(actual.AsSpan(0, 4));
            bytes.NextBytes(actual.AsSpan(4, 100));
            bytes.NextBytes(actual.AsSpan(104, 56));
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void RangesStayInBoundsIncludingExtremes()
        {
            var random = new DeterministicRandom(11);
            for (int i = 0; i < 10_000; i++)
            {
                Assert.InRange(random.Next(7), 0, 6);
                Assert.InRange(random.Next(-3, 3), -3, 2);
                Assert.InRange(random.Next(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue - 1);
                Assert.InRange(random.NextInt64(long.MinValue, long.MaxValue), long.MinValue, long.MaxValue - 1);
                Assert.InRange(random.NextDouble(), 0.0, Math.BitDecrement(1.0));
                Assert.InRange(random.NextSingle(), 0.0f, MathF.BitDecrement(1.0f));
                Assert.NotEqual(int.MaxValue, random.Next());
            }

            Assert.Equal(0, random.Next(0));
            Assert.Equal(5, random.Next(5, 5));
            Assert.Equal(0L, random.NextInt64(1));
        }

        [Fact]
        public void SmallRangesAreUnbiased()
        {
            // For range 3 * 2^29, reducing a 32-bit word without rejection (modulo, or Lemire's multiply alone)
            // puts values below 2^30 with probability 3/4 instead of 2/3; the rejection step removes that bias.
            var random = new DeterministicRandom(5);
            const int range = 3 << 29;
            const int draws = 300_000;
            int low = 0;
            for (int i = 0; i < draws; i++)
            {
                if (random.Next(range) < (1 << 30))
                {
                    low++;
                }
            }

            // Unbiased: p = 2/3, std of the count ≈ 258; the biased method would give 225,000.
            Assert.InRange(low, 200_000 - 1500, 200_000 + 1500);
        }

        [Fact]
        public void ArgumentErrorsAreClear()
        {
            var random = new DeterministicRandom(1);
            Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(2, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt64(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt64(2, 1));
            Assert.Throws<ArgumentNullException>(() => random.NextBytes((byte[])null!));
            Assert.Throws<ArgumentNullException>(() => random.Fork(null!));
            Assert.Throws<ArgumentException>(() => random.GetItems(Array.Empty<int>(), 3));

            // A failed argument check leaves the generator usable (the concurrency guard is not left set).
            Assert.Equal(new DeterministicRandom(1).Next(), random.Next());
        }

        [Fact]
        public void BytesPassChiSquare()
        {
            var bytes = new byte[1 << 20];
            new DeterministicRandom(2024).NextBytes(bytes);
            var counts = new int[256];
            foreach (byte b in bytes)
            {
                counts[b]++;
            }

            double expected = bytes.Length / 256.0;
            double chiSquare = counts.Sum(count => (count - expected) * (count - expected) / expected);

            // 255 degrees of freedom: the 0.1% and 99.9% quantiles are about 190.5 and 330.5.
            Assert.InRange(chiSquare, 190.5, 330.5);
        }

        [Fact]
        public void DoublesHaveUniformMeanAndVariance()
        {
            var random = new DeterministicRandom(99);
            const int n = 1_000_000;
            double sum = 0, squares = 0;
            for (int i = 0; i < n; i++)
            {
                double x = random.NextDouble();
                sum += x;
                squares += x * x;
            }

            double mean = sum / n;
            double variance = (squares / n) - (mean * mean);

            // Uniform [0,1): mean 1/2 (std of the estimate 2.9e-4), variance 1/12 ≈ 0.08333.
            Assert.InRange(mean, 0.5 - 0.0015, 0.5 + 0.0015);
            Assert.InRange(variance, (1.0 / 12) - 0.0005, (1.0 / 12) + 0.0005);
        }

        internal static uint[] Words(DeterministicRandom random, int count)
        {
            var bytes = new byte[count * 4];
            random.NextBytes(bytes);
            return Enumerable.Range(0, count).Select(i => BitConverter.ToUInt32(bytes, i * 4)).ToArray();
        }

        [Fact]
        public void ThePortableWideMultiplyOfNetStandardIsMathBigMul()
        {
            var random = new DeterministicRandom(9);
            ulong[] edges = { 0, 1, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63 };
            foreach (ulong a in edges.Concat(Enumerable.Range(0, 2_000).Select(_ => (ulong)random.NextInt64(long.MinValue, long.MaxValue))))
            {
                foreach (ulong b in edges.Append((ulong)random.NextInt64(long.MinValue, long.MaxValue)))
                {
                    ulong high = DeterministicRandom.MultiplyHighPortable(a, b, out ulong low);
                    Assert.Equal(Math.BigMul(a, b, out ulong expectedLow), high);
                    Assert.Equal(expectedLow, low);
                }
            }
        }

        [Fact]
        public void TheDivisionFreeNextIsTheGeneralBoundedDraw()
        {
            // Next() and NextInt64() specialize Lemire's method for their fixed ranges; the numbers must be the general ones.
            var special = new DeterministicRandom(13);
            var general = new DeterministicRandom(13);
            for (int i = 0; i < 100_000; i++)
            {
                Assert.Equal(general.Next(0, int.MaxValue), special.Next());
                Assert.Equal(general.NextInt64(0, long.MaxValue), special.NextInt64());
            }
        }
    }
}
