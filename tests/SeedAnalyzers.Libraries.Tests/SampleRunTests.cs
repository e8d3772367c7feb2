using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>
    /// The ML.NET and Math.NET samples, each run in processes of its own: the original prints another result every run
    /// (what SEED040-046 report), its fixed twin the same result every run and another one with SEED=7.
    /// </summary>
    public sealed class SampleRunTests
    {
        private static readonly Dictionary<string, string?> NoSeed = new Dictionary<string, string?>();
        private static readonly Dictionary<string, string?> Seed7 = new Dictionary<string, string?> { ["SEED"] = "7" };

        private readonly ITestOutputHelper _output;

        public SampleRunTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("samples/MLNetSplit.Fixed")]
        [InlineData("samples/MathNetSimulation.Fixed")]
        public async Task FixedTwinPrintsTheSameEveryRunAndAnotherResultUnderAnotherSeed(string sample)
        {
            string first = await RunAsync(sample, NoSeed);
            string second = await RunAsync(sample, NoSeed);
            string seven = await RunAsync(sample, Seed7);

            Assert.StartsWith("seed 0: ", first, System.StringComparison.Ordinal);
            Assert.Equal(first, second);
            Assert.StartsWith("seed 7: ", seven, System.StringComparison.Ordinal);
            Assert.NotEqual(first.Substring("seed 0: ".Length), seven.Substring("seed 7: ".Length));
        }

        [Theory]
        [InlineData("samples/MLNetSplit")]
        [InlineData("samples/MathNetSimulation")]
        public async Task OriginalPrintsAnotherResultEveryRun(string sample) =>
            Assert.NotEqual(await RunAsync(sample, NoSeed), await RunAsync(sample, NoSeed));

        private async Task<string> RunAsync(string sample, IReadOnlyDictionary<string, string?> environment)
        {
            string output = await ChildProcess.RunAsync(ChildProcess.Assembly(sample), System.Array.Empty<string>(), environment);
            _output.WriteLine($"{sample} {string.Join(" ", environment)}: {output}");
            return output;
        }
    }
}
