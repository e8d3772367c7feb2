using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>Reproducibility.Verify compares values, not references.</summary>
    [Collection(GlobalStateCollection.Name)]
    public class ValueComparisonTests : GlobalStateTest
    {
        [Fact]
        public void AReproducibleListIsReproducible()
        {
            ReproducibilityReport report = Reproducibility.Verify(() => Sample(50).ToList(), seed: 1);
            Assert.True(report.Identical, report.ToString());
        }

        [Fact]
        public void APlantedDifferenceInAListIsFoundAtItsIndex()
        {
            int call = 0;
            ReproducibilityReport report = Reproducibility.Verify(() =>
            {
                List<double> values = Sample(50).ToList();
                if (call++ == 1)
                {
                    values[12] = -values[12];
                }

                return values;
            });
            Assert.False(report.Identical);
            Assert.Equal(12, report.FirstDifferingIndex);
            Assert.Contains("first difference at [12]", report.Description);
        }

        [Fact]
        public void LengthsAreCompared()
        {
            int call = 0;
            ReproducibilityReport report = Reproducibility.Verify(() => Enumerable.Range(0, call++ == 0 ? 5 : 7).Select(i => (double)i));
            Assert.False(report.Identical);
            Assert.Equal(5, report.FirstDifferingIndex);
            Assert.Contains("lengths differ: 5 vs 7", report.Description);
        }

        [Fact]
        public void NestedSequencesDictionariesAndTuplesAreComparedBitwise()
        {
            Assert.True(Reproducibility.Verify(() => new List<double[]> { Sample(3), Sample(4) }).Identical);
            Assert.True(Reproducibility.Verify(() => new Dictionary<string, List<float>> { ["loss"] = new List<float> { 1f, float.NaN } }).Identical);
            Assert.True(Reproducibility.Verify(() => (Sample(2), 1.5, "x")).Identical);

            int call = 0;
            ReproducibilityReport nested = Reproducibility.Verify(() => new List<double[]> { new[] { 1.0 }, new[] { 2.0, call++ == 0 ? 0.0 : -0.0 } });
            Assert.Equal(1, nested.FirstDifferingIndex);
            Assert.Contains("first difference at [1][1]: 0 (0x0000000000000000) vs -0 (0x8000000000000000)", nested.Description);

            call = 0;
            ReproducibilityReport dictionary = Reproducibility.Verify(() => new Dictionary<string, double[]> { ["weights"] = new[] { 1.0, call++ == 0 ? 2.0 : 2.0000000000000004 } });
            Assert.Contains("[\"weights\"][1]", dictionary.Description);
            Assert.Equal(1, dictionary.FirstDifferingIndex);

            call = 0;
            ReproducibilityReport tuple = Reproducibility.Verify(() => (1.0, call++ == 0 ? double.NaN : BitConverter.Int64BitsToDouble(0x7FF8000000000001)));
            Assert.False(tuple.Identical);
            Assert.Contains(".Item2", tuple.Description);

            call = 0;
            Assert.False(Reproducibility.Verify(() => new[] { 1m, call++ == 0 ? 1.0m : 1.00m }).Identical);
            call = 0;
            Assert.False(Reproducibility.Verify(() => new[,] { { 1, 2 }, { 3, call++ == 0 ? 4 : 5 } }).Identical);
        }

        [Fact]
        public void AComparerOverloadDecidesEquality()
        {
            int call = 0;
            var comparer = EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-9, a => 0);
            Assert.True(Reproducibility.Verify(() => call++ == 0 ? 1.0 : 1.0 + 1e-12, comparer).Identical);
            call = 0;
            ReproducibilityReport report = Reproducibility.Verify(() => call++ == 0 ? 1.0 : 2.0, comparer);
            Assert.False(report.Identical);
            Assert.Contains("comparer", report.Description);
        }

        [Fact]
        public void AClassThatComparesByReferenceIsRefusedWithWhatToDo()
        {
            var error = Assert.Throws<NotSupportedException>(() => Reproducibility.Verify(() => new Opaque()));
            Assert.Contains(nameof(Opaque), error.Message);
            Assert.Contains("IEqualityComparer", error.Message);
            Assert.True(Reproducibility.Verify(() => new Record(1.5)).Identical);
        }

        [Fact]
        public void AConverterComparesARegisteredTypeByWhatItReturns()
        {
            int call = 0;
            using (Reproducibility.RegisterConverter<Opaque>(value => new Dictionary<string, object?> { ["values"] = value.Values }))
            {
                Assert.True(Reproducibility.Verify(() => new Opaque { Values = new[] { 1f, 2f } }).Identical);
                ReproducibilityReport report = Reproducibility.Verify(() => new List<Opaque> { new Opaque { Values = new[] { 1f, call++ == 0 ? 2f : 3f } } });
                Assert.False(report.Identical);
                Assert.Equal(1, report.FirstDifferingIndex);
                Assert.Contains("[0][\"values\"][1]", report.Description);
            }

            Assert.Throws<NotSupportedException>(() => Reproducibility.Verify(() => new Opaque()));
        }

        [Fact]
        public void ACycleIsAClearErrorNotAStackOverflow()
        {
            var error = Assert.Throws<NotSupportedException>(() => Reproducibility.Verify(() =>
            {
                var list = new List<object>();
                list.Add(list);
                return list;
            }));
            Assert.Contains("contain itself", error.Message);
        }

        private static double[] Sample(int count)
        {
            var rng = Determinism.Random("sample");
            return Enumerable.Range(0, count).Select(_ => rng.NextDouble()).ToArray();
        }

        private sealed class Opaque
        {
            public float[] Values { get; set; } = Array.Empty<float>();
        }

        private sealed record Record(double Value);
    }
}
