using System;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class ReproducibilityTests : GlobalStateTest
    {
        [Fact]
        public void SeededComputationIsIdentical()
        {
            ReproducibilityReport report = Reproducibility.Verify(() => Sample(100), runs: 3, seed: 5);
            Assert.True(report.Identical, report.ToString());
            Assert.Equal(3, report.Runs);
        }

        [Fact]
        public void PlantedDifferenceIsFoundAtItsIndex()
        {
            int call = 0;
            ReproducibilityReport report = Reproducibility.Verify(() =>
            {
                double[] values = Sample(100);
                if (call++ == 1)
                {
                    values[37] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(values[37]) ^ 1);
                }

                return values;
            });
            Assert.False(report.Identical);
            Assert.Equal(37, report.FirstDifferingIndex);
            Assert.Equal(1, report.DifferingRun);
            Assert.Contains("first difference at [37]: ", report.Description);
        }

        [Fact]
        public void ComparisonIsBitwise()
        {
            int call = 0;
            Assert.False(Reproducibility.Verify(() => new[] { 1f, call++ == 0 ? 0.0f : -0.0f }).Identical);
            call = 0;
            Assert.False(Reproducibility.Verify(() => new[] { call++ == 0 ? double.NaN : BitConverter.Int64BitsToDouble(0x7FF8000000000001) }).Identical);
            call = 0;
            Assert.Equal(2, Reproducibility.Verify(() => new byte[] { 1, 2, (byte)(call++ == 0 ? 3 : 4) }).FirstDifferingIndex);
            call = 0;
            Assert.Equal(0, Reproducibility.Verify(() => new[] { call++ == 0 ? 1 : 2 }).FirstDifferingIndex);
            call = 0;
            Assert.Equal(1, Reproducibility.Verify(() => new ulong[] { 0, call++ == 0 ? ulong.MaxValue : 0 }).FirstDifferingIndex);
        }

        [Fact]
        public void HashableValuesAreCompared()
        {
            Assert.True(Reproducibility.Verify(() => (Determinism.Random("a").Next(), "label")).Identical);
            int call = 0;
            ReproducibilityReport report = Reproducibility.Verify(() => call++ == 0 ? "run" : "ruN");
            Assert.False(report.Identical);
            Assert.Equal(2, report.FirstDifferingIndex);
            call = 0;
            report = Reproducibility.Verify(() => call++ == 0 ? (1, "a") : (2, "a"));
            Assert.False(report.Identical);
            Assert.Null(report.FirstDifferingIndex);
            Assert.Contains(".Item1", report.Description);
        }

        [Fact]
        public void UnseededComputationIsCaught()
        {
            // System.Random() without a seed: the case the analyzers flag.
            Assert.False(Reproducibility.Verify(() => new Random().NextDouble()).Identical);
        }

        private static double[] Sample(int count)
        {
            var rng = Determinism.Random("sample");
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = rng.NextDouble();
            }

            return values;
        }
    }
}
