using System;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>SeedSweepResult.FromRuns: what report builds from manifests must print as the in-process sweep does.</summary>
    public class FromRunsTests
    {
        private static readonly double[] Metrics = { 0.80, 0.81, 0.79, 0.80, 0.93, 0.82, 0.78, 0.80, 0.81, 0.79 };

        [Fact]
        public void TableConfidenceIntervalAndPlotAreThoseOfTheInProcessSweep()
        {
            SeedSweepResult inProcess = Manifests.Locked(() => SeedSweep.Run(Enumerable.Range(0, 10), seed => Metrics[seed]));
            SeedSweepResult fromRuns = SeedSweepResult.FromRuns(Enumerable.Range(0, 10).Reverse().Select(seed => ((long)seed, Metrics[seed])), Array.Empty<(long, string)>());

            Assert.Equal(inProcess.ToTable(4), fromRuns.ToTable(4));
            Assert.Equal(inProcess.ToSvg(4, "accuracy"), fromRuns.ToSvg(4, "accuracy"));
            Assert.Equal(inProcess.ConfidenceLow, fromRuns.ConfidenceLow);
            Assert.Equal(inProcess.ConfidenceHigh, fromRuns.ConfidenceHigh);
        }

        [Fact]
        public void FailuresAreRowsInSeedOrderWithTheirReason()
        {
            SeedSweepResult result = SeedSweepResult.FromRuns(new[] { (2L, 0.5), (0L, 0.7) }, new[] { (1L, "exit code 1") });

            Assert.Equal(new long[] { 0, 1, 2 }, result.Runs.Select(run => run.Seed));
            Assert.Equal(2, result.Count);
            Assert.IsType<SeedRunFailedException>(Assert.Single(result.Failures).Error);
            Assert.Contains("      1 |             - | FAILED: exit code 1\n", result.ToTable(null).Replace("\r\n", "\n"));
            Assert.Contains("runs 3, succeeded 2, failed 1", result.ToString());
        }

        [Fact]
        public void InProcessFailuresKeepTheirExceptionType()
        {
            SeedSweepResult result = Manifests.Locked(() => SeedSweep.Run(new[] { 1, 2 }, seed => seed == 2 ? throw new InvalidOperationException("nan loss") : 0.5));
            Assert.Contains("FAILED: InvalidOperationException: nan loss", result.ToString());
        }

        [Fact]
        public void ASeedTwiceOrNoRunAtAllIsRefused()
        {
            Assert.Contains("Seed 3 appears twice", Assert.Throws<ArgumentException>(() => SeedSweepResult.FromRuns(new[] { (3L, 0.5) }, new[] { (3L, "failed") })).Message);
            Assert.Throws<ArgumentException>(() => SeedSweepResult.FromRuns(Array.Empty<(long, double)>(), Array.Empty<(long, string)>()));
            Assert.Throws<ArgumentNullException>(() => SeedSweepResult.FromRuns(null!, Array.Empty<(long, string)>()));
        }
    }
}
