using System;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class SeedSweepTests : GlobalStateTest
    {
        [Fact]
        public void StatisticsMatchHandComputedValues()
        {
            // Metrics 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7, std 2.13809,
            // t(0.975, 7) = 2.3646, half-width 2.3646 * 2.13809 / sqrt(8) = 1.78749.
            double[] metrics = { 2, 4, 4, 4, 5, 5, 7, 9 };
            SeedSweepResult result = SeedSweep.Run(Enumerable.Range(0, 8), seed => metrics[seed]);
            Assert.Equal(8, result.Count);
            Assert.Equal(5.0, result.Mean, 12);
            Assert.Equal(Math.Sqrt(32.0 / 7), result.StandardDeviation, 12);
            Assert.Equal(2.0, result.Min);
            Assert.Equal(9.0, result.Max);
            Assert.Equal(4.5, result.Median);
            Assert.Equal(5 - 1.78749, result.ConfidenceLow, 4);
            Assert.Equal(5 + 1.78749, result.ConfidenceHigh, 4);
        }

        /// <summary>
        /// An in-process sweep inside a program leaves the program as it found it: its seed, its streams where they were,
        /// its families reseeded with its seed, and its manifest (SEED_MANIFEST) describing the program, with its results
        /// and a record of the sweep, not the last seed of the sweep (which a process sweep would read as this run's).
        /// </summary>
        [Fact]
        public void AfterASweepTheProgramsSeedStreamsAndManifestAreBack()
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seedanalyzers-restore-" + Guid.NewGuid().ToString("N") + ".json");
            var familySeeds = new System.Collections.Generic.List<long>();
            Determinism.RegisterGenerator("family", familySeeds.Add);
            try
            {
                Determinism.Initialize(5, new DeterminismOptions { ManifestPath = path });
                double first = Determinism.Random("program.stream").NextDouble();
                Determinism.RecordResult("accuracy", 0.75);

                SeedSweep.Run(new long[] { 1, 2 }, seed => Determinism.Random("program.stream").NextDouble());
                Reproducibility.Verify(() => Determinism.Random("program.stream").NextDouble());

                Assert.Equal(5, Determinism.MasterSeed);
                Assert.Equal(SeedSource.Code, Determinism.Source);
                Assert.Equal(new long[] { 5, 1, 5, 2, 5, 5, 5, 5, 5 }, familySeeds);
                double second = Determinism.Random("program.stream").NextDouble();
                Assert.NotEqual(first, second);
                Determinism.Reset();
                Determinism.Initialize(5);
                Determinism.Random("program.stream");
                Assert.Equal(Determinism.Random("program.stream").NextDouble(), second);

                SeedManifest written = SeedManifest.Load(path);
                Assert.Equal(5, written.MasterSeed);
                Assert.Equal(0.75, written.Results["accuracy"]);
                Assert.Contains(written.Reseeds, r => r.Source == SeedSource.Sweep && r.Seed == 2);
                Assert.Equal("Reproducibility.Verify run 2 of 2 ended; the program's seed 5 is back", written.Reseeds[^1].Note);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void EachRunIsReinitializedWithItsSeed()
        {
            Environment.SetEnvironmentVariable("SEED", "999");
            SeedSweepResult result = SeedSweep.Run(new long[] { 10, 20, 10 }, seed =>
            {
                Assert.Equal(seed, Determinism.MasterSeed);
                return Determinism.Random("model.init").NextDouble();
            });
            Assert.Equal(result.Runs[0].Value, result.Runs[2].Value);
            Assert.NotEqual(result.Runs[0].Value, result.Runs[1].Value);
            Assert.Equal(new DeterministicRandom(10).Fork("model.init").NextDouble(), result.Runs[0].Value);
        }

        [Fact]
        public void FailuresAreReportedPerSeedNotSwallowed()
        {
            SeedSweepResult result = SeedSweep.Run(new[] { 1, 2, 3 }, seed => seed == 2 ? throw new InvalidOperationException("diverged") : seed);
            Assert.Equal(2, result.Count);
            SeedRun failed = Assert.Single(result.Failures);
            Assert.Equal(2, failed.Seed);
            Assert.Equal("diverged", failed.Error!.Message);
            Assert.Equal(2.0, result.Mean);
            Assert.Contains("FAILED: InvalidOperationException: diverged", result.ToString());
        }

        [Fact]
        public void TheBestSeedIsShownForWhatItIs()
        {
            double[] metrics = { 0.80, 0.81, 0.79, 0.80, 0.93, 0.82, 0.78, 0.80, 0.81, 0.79 };
            SeedSweepResult result = SeedSweep.Run(Enumerable.Range(0, 10), seed => metrics[seed]);
            SeedPosition best = result.Best();
            Assert.Equal(4, best.Seed);
            Assert.Equal(1, best.RankFromTop);
            Assert.Equal(95.0, best.Percentile);
            Assert.True(best.ZScore > 2.5, $"z = {best.ZScore}");
            string table = result.ToTable(4);
            Assert.Contains("<- chosen", table);
            Assert.Contains("seed 4: metric 0.93 ranks 1 from the top, percentile 95", table);
            Assert.Contains("95% CI of the mean", table);
        }

        [Theory]
        [InlineData(1, 12.7062)]
        [InlineData(7, 2.3646)]
        [InlineData(30, 2.0423)]
        [InlineData(40, 2.0211)]
        [InlineData(120, 1.9799)]
        public void TQuantilesMatchTables(int degreesOfFreedom, double expected) =>
            Assert.Equal(expected, SeedSweepResult.TQuantile975(degreesOfFreedom), 3);

        [Fact]
        public void EmptySweepIsAnError() =>
            Assert.Throws<ArgumentException>(() => SeedSweep.Run(Array.Empty<long>(), _ => 0));
    }
}
