using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using Xunit;
using Shuffle = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchDataLoaderShuffleAnalyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED024 (unseeded shuffle) and SEED025 (seeded: the same order every epoch).</summary>
    public class TorchDataLoaderShuffleAnalyzerTests
    {
        private const string DatasetType = """

            sealed class Points : torch.utils.data.Dataset
            {
                public override long Count => 10;
                public override System.Collections.Generic.Dictionary<string, torch.Tensor> GetTensor(long index) => new() { ["x"] = torch.ones(2) };
            }
            """;

        [Theory]
        [InlineData("torch.utils.data.DataLoader(data, 4, shuffle: true)")]
        [InlineData("torch.utils.data.DataLoader(data, 4, true)")]
        [InlineData("torch.utils.data.DataLoader(data, 4, shuffle: true, seed: null)")]
        [InlineData("new TorchSharp.Modules.DataLoader(data, 4, shuffle: true)")]
        public async Task UnseededShuffleIsAWarning(string loader)
        {
            string source = $$"""
                using TorchSharp;

                var data = new Points();
                var loader = {|#0:{{loader}}|};
                {{DatasetType}}
                """;
            await TorchTest.AnalyzeAsync<TorchDataLoaderShuffleAnalyzer>(source,
                Shuffle.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule).WithLocation(0).WithArguments(loader));
        }

        [Fact]
        public async Task FixedSeedIsSEED025AsInfo()
        {
            string source = $$"""
                using TorchSharp;

                var data = new Points();
                var loader = {|#0:torch.utils.data.DataLoader(data, 4, shuffle: true, seed: 7)|};
                {{DatasetType}}
                """;
            await TorchTest.AnalyzeAsync<TorchDataLoaderShuffleAnalyzer>(source,
                Shuffle.Diagnostic(TorchDataLoaderShuffleAnalyzer.FixedSeedRule).WithLocation(0)
                    .WithArguments("torch.utils.data.DataLoader(data, 4, shuffle: true, seed: 7)").WithSeverity(DiagnosticSeverity.Info));
        }

        [Theory]
        [InlineData("torch.utils.data.DataLoader(data, 4)")]
        [InlineData("torch.utils.data.DataLoader(data, 4, shuffle: false, seed: 3)")]
        [InlineData("torch.utils.data.DataLoader(data, 4, SeedAnalyzers.TorchDeterminism.Shuffler(\"batches\", data.Count))")]
        [InlineData("torch.utils.data.DataLoader(data, 4, shuffle: System.Environment.ProcessorCount > 64)")]
        public async Task CleanLoaders(string loader)
        {
            string source = $$"""
                using TorchSharp;

                var data = new Points();
                var loader = {{loader}};
                {{DatasetType}}
                """;
            await TorchTest.AnalyzeAsync<TorchDataLoaderShuffleAnalyzer>(source);
        }

        [Fact]
        public async Task PartialCode()
        {
            const string source = """
                using TorchSharp;

                var loader = torch.utils.data.DataLoader(data, 4, shuffle: true
                var other = torch.utils.data.DataLoader(
                """;
            await TorchTest.AnalyzePartialAsync<TorchDataLoaderShuffleAnalyzer>(source);
        }
    }
}
