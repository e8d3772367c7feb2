using System;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    public class CommandLineTests
    {
        [Theory]
        [InlineData("0..9", "0,1,2,3,4,5,6,7,8,9")]
        [InlineData("1,2,5", "1,2,5")]
        [InlineData("0..99:10", "0,10,20,30,40,50,60,70,80,90")]
        [InlineData("0..10:5", "0,5,10")]
        [InlineData("-2..2", "-2,-1,0,1,2")]
        [InlineData("5, 0..2 ,9", "5,0,1,2,9")]
        [InlineData("7", "7")]
        [InlineData("3..3", "3")]
        [InlineData("9223372036854775806..9223372036854775807", "9223372036854775806,9223372036854775807")]
        public void SeedsAreRangesAndListsInTheOrderWritten(string text, string expected) =>
            Assert.Equal(expected, string.Join(",", SeedList.Parse(text)));

        [Theory]
        [InlineData("", "no seeds given")]
        [InlineData("0..9,3", "seed 3 is listed twice")]
        [InlineData("9..0", "ends before it starts; write it as 0..9")]
        [InlineData("0..9:0", "step in '0..9:0' must be a positive")]
        [InlineData("0..9:-1", "step in '0..9:-1' must be a positive")]
        [InlineData("a..3", "'a' in 'a..3' is not a whole number")]
        [InlineData("0..", "'0..' is missing a number")]
        [InlineData("1,,2", "empty item")]
        [InlineData("0..1000000", "more than 100,000 seeds")]
        [InlineData("0.5", "'0.5' in '0.5' is not a whole number")]
        public void BadSeedsAreRefusedWithWhatIsWrong(string text, string message) =>
            Assert.Contains(message, Assert.Throws<FormatException>(() => SeedList.Parse(text)).Message);

        [Fact]
        public void SeedsAreDescribedAsRanges()
        {
            Assert.Equal("0..4, 7, 9..11", SeedList.Describe(new long[] { 11, 0, 1, 2, 3, 4, 7, 9, 10 }));
            Assert.Equal("seed 7", SeedList.Name(new long[] { 7 }));
            Assert.Equal("seeds 7..8", SeedList.Name(new long[] { 8, 7 }));
        }

        [Theory]
        [InlineData("90s", 90)]
        [InlineData("30m", 1800)]
        [InlineData("2h", 7200)]
        [InlineData("1h30m", 5400)]
        [InlineData("1.5h", 5400)]
        [InlineData("2d", 172800)]
        [InlineData("500ms", 0.5)]
        [InlineData("1:30:00", 5400)]
        [InlineData("0:00:05", 5)]
        public void DurationsReadAsPeopleWriteThem(string text, double seconds) =>
            Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

        [Theory]
        [InlineData("90")]
        [InlineData("30min")]
        [InlineData("0s")]
        [InlineData("1:75:00")]
        [InlineData("25d")]
        public void DurationsWithoutAUnitOrOutOfRangeAreRefused(string text) =>
            Assert.Throws<FormatException>(() => Duration.Parse(text));

        [Theory]
        [InlineData(1800, "30m")]
        [InlineData(5400, "1h30m")]
        [InlineData(1.5, "1.5s")]
        [InlineData(86400, "1d")]
        public void DurationsAreShownInTheFormsTheyAreRead(double seconds, string text)
        {
            Assert.Equal(text, Duration.Format(TimeSpan.FromSeconds(seconds)));
            Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));
        }

        [Fact]
        public void RunTakesItsOptionsAndTheCommandAfterTheSeparator()
        {
            RunOptions options = CommandLine.ParseRun(new[] { "--seeds", "0..2", "--parallel=3", "--timeout", "30m", "--out", "runs", "--", "dotnet", "run", "--project", "x", "--", "--seeds" });
            Assert.Equal(new long[] { 0, 1, 2 }, options.Seeds);
            Assert.Equal(3, options.Parallel);
            Assert.Equal(TimeSpan.FromMinutes(30), options.Timeout);
            Assert.Equal("runs", options.Output);
            Assert.Equal(new[] { "dotnet", "run", "--project", "x", "--", "--seeds" }, options.Command);
        }

        [Fact]
        public void RunDefaultsToEveryCoreNoTimeLimitAndTheSweepFolder()
        {
            RunOptions options = CommandLine.ParseRun(new[] { "--seeds", "1", "--", "train" });
            Assert.Equal(Environment.ProcessorCount, options.Parallel);
            Assert.Null(options.Timeout);
            Assert.Equal("sweep", options.Output);
        }

        [Theory]
        [InlineData("--seeds 0..9", "needs the command after '--'")]
        [InlineData("--seeds 0..9 --", "needs the command after '--'")]
        [InlineData("-- train", "run needs --seeds")]
        [InlineData("--seeds 0..9 --parallel 0 -- train", "--parallel takes a whole number of runs at a time, at least 1; '0'")]
        [InlineData("--seeds 0..9 --parallel two -- train", "'two' is not one")]
        [InlineData("--seeds 0..9 --timeout 30 -- train", "--timeout: '30' is not a duration")]
        [InlineData("--seeds 9..0 -- train", "--seeds: the range '9..0' ends before it starts")]
        [InlineData("--seeds 0..9 --parallel -- train", "--parallel needs a value")]
        [InlineData("--seeds 0..9 --seed 3 -- train", "unknown option '--seed'")]
        [InlineData("--seeds 0..9 --seeds 1 -- train", "--seeds is given twice")]
        [InlineData("--seeds 0..9 train -- x", "'train' comes before it")]
        public void BadRunCommandLinesSayWhatToChange(string line, string message) =>
            Assert.Contains(message, Assert.Throws<UsageException>(() => CommandLine.ParseRun(line.Split(' '))).Message);

        [Fact]
        public void ReportReadsTheSweepFolderByDefaultAndMarksTheBestSeed()
        {
            ReportOptions options = CommandLine.ParseReport(Array.Empty<string>());
            Assert.Equal("sweep", options.Folder);
            Assert.Null(options.Metric);
            Assert.Null(options.SvgPath);
            Assert.Null(options.ExpectedSeeds);
            Assert.Equal(ChosenSeed.BestSeed, options.Chosen);
        }

        [Fact]
        public void ReportTakesAFolderAndItsOptions()
        {
            ReportOptions options = CommandLine.ParseReport(new[] { "runs", "--metric", "loss", "--svg", "plot.svg", "--seeds", "0..3", "--chosen", "-2" });
            Assert.Equal("runs", options.Folder);
            Assert.Equal("loss", options.Metric);
            Assert.Equal("plot.svg", options.SvgPath);
            Assert.Equal(new long[] { 0, 1, 2, 3 }, options.ExpectedSeeds!.ToArray());
            Assert.Equal(new ChosenSeed(false, -2), options.Chosen);
            Assert.Equal(ChosenSeed.None, CommandLine.ParseReport(new[] { "--chosen", "none" }).Chosen);
        }

        [Theory]
        [InlineData("a b", "report reads one folder; 'b' is a second one")]
        [InlineData("--chosen worst", "--chosen takes best, none or a seed; 'worst'")]
        [InlineData("--metric", "--metric needs a value")]
        [InlineData("--metric=", "--metric is empty")]
        [InlineData("--parallel 2", "unknown option '--parallel'")]
        public void BadReportCommandLinesSayWhatToChange(string line, string message) =>
            Assert.Contains(message, Assert.Throws<UsageException>(() => CommandLine.ParseReport(line.Split(' '))).Message);

        [Fact]
        public async System.Threading.Tasks.Task UsageErrorsExitWithTwoAndPointToHelp()
        {
            ToolResult result = await Tool.RunAsync("fly");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("seedsweep: unknown verb 'fly'; the verbs are run and report", result.Error);
            Assert.Contains("--help", result.Error);

            ToolResult help = await Tool.RunAsync("run", "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("dotnet seedsweep run --seeds SEEDS", help.Output);
            Assert.Contains("exit codes: 0 all good", help.Output);

            Assert.Equal(2, (await Tool.RunAsync()).ExitCode);
            Assert.Matches(@"^seedsweep \d+\.\d+\.\d+", (await Tool.RunAsync("--version")).Output);
        }
    }
}
