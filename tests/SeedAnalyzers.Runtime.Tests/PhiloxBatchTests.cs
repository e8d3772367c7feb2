using System;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>The AVX2 batch path must give exactly the scalar words; it only exists for speed.</summary>
    public class PhiloxBatchTests
    {
        [Avx2Fact]
        public unsafe void BatchEqualsSixteenScalarBlocks()
        {
            Assert.True(PhiloxBatch.IsSupported);
            foreach (ulong start in new ulong[] { 0, 5, 0xFFFF_FFF0UL - 16, 0x1_0000_0000UL + 3 })
            {
                var batch = new uint[PhiloxBatch.Words];
                fixed (uint* words = batch)
                {
                    PhiloxBatch.Write(words, start, 0x01234567, 0x89ABCDEF, 0xDEADBEEF, 0x0BADF00D);
                }

                uint[] scalar = Enumerable.Range(0, PhiloxBatch.Blocks).SelectMany(i =>
                {
                    ulong block = start + (ulong)i;
                    uint c0 = (uint)block, c1 = (uint)(block >> 32), c2 = 0x01234567, c3 = 0x89ABCDEF;
                    Philox.Block(ref c0, ref c1, ref c2, ref c3, 0xDEADBEEF, 0x0BADF00D);
                    return new[] { c0, c1, c2, c3 };
                }).ToArray();
                Assert.Equal(scalar, batch);
            }
        }

        [Fact]
        public void LongRunsMatchTheScalarStreamWordForWord()
        {
            // 10,000 doubles cross many batch refills; 1 MiB of bytes takes the bulk path. Both must equal the
            // words computed block by block from the documented definition.
            var generator = new DeterministicRandom(123).Fork("batch");
            var reference = new DeterministicRandom(123).Fork("batch").Key;
            ulong block = 0;
            int wordInBlock = 4;
            uint[] current = new uint[4];
            uint NextWord()
            {
                if (wordInBlock == 4)
                {
                    uint c0 = (uint)block, c1 = (uint)(block >> 32), c2 = reference.N0, c3 = reference.N1;
                    Philox.Block(ref c0, ref c1, ref c2, ref c3, reference.K0, reference.K1);
                    current = new[] { c0, c1, c2, c3 };
                    block++;
                    wordInBlock = 0;
                }

                return current[wordInBlock++];
            }

            for (int i = 0; i < 10_000; i++)
            {
                ulong bits = NextWord() | ((ulong)NextWord() << 32);
                Assert.Equal(DeterministicRandom.ToDouble(bits), generator.NextDouble());
            }

            var bytes = new byte[1 << 20];
            generator.NextBytes(bytes);
            for (int i = 0; i < bytes.Length; i += 4)
            {
                Assert.Equal(NextWord(), BitConverter.ToUInt32(bytes, i));
            }
        }
    }
}
