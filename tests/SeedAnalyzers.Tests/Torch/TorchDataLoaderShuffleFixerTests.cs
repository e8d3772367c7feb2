using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using Xunit;
using ShuffleFix = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.TorchDataLoaderShuffleAnalyzer, SeedAnalyzers.CodeFixes.TorchDataLoaderShuffleFixer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED024 and SEED025 fix: the epoch-aware TorchDeterminism.Shuffler.</summary>
    public class TorchDataLoaderShuffleFixerTests
    {
        private const string DatasetType = """

            sealed class Points : torch.utils.data.Dataset
            {
                public override long Count => 10;
                public override System.Collections.Generic.Dictionary<string, torch.Tensor> GetTensor(long index) => new() { ["x"] = torch.ones(2) };
            }
            """;

        [Theory]
        [InlineData("torch.utils.data.DataLoader(data, 4, shuffle: true)", "torch.utils.data.DataLoader(data, 4, TorchDeterminism.Shuffler(\"Program.loader\", data.Count))")]
        [InlineData("torch.utils.data.DataLoader(data, 4, true, torch.CPU, 3, 1, true)", "torch.utils.data.DataLoader(data, 4, TorchDeterminism.Shuffler(\"Program.loader\", data.Count), device: torch.CPU, num_worker: 1, drop_last: true)")]
        [InlineData("torch.utils.data.DataLoader(data, 4, device: torch.CPU, shuffle: true, seed: 7)", "torch.utils.data.DataLoader(data, 4, TorchDeterminism.Shuffler(\"Program.loader\", data.Count), device: torch.CPU)")]
        [InlineData("new TorchSharp.Modules.DataLoader(data, 4, shuffle: true, drop_last: true)", "new TorchSharp.Modules.DataLoader(data, 4, TorchDeterminism.Shuffler(\"Program.loader\", data.Count), drop_last: true)")]
        public async Task DataLoaderSwitchesToTheEpochAwareShuffler(string loader, string replacement)
        {
            string source = $$"""
                using TorchSharp;

                var data = new Points();
                var loader = {|#0:{{loader}}|};
                {{DatasetType}}
                """;
            string fixedSource = $$"""
                using SeedAnalyzers;
                using TorchSharp;

                var data = new Points();
                var loader = {{replacement}};
                {{DatasetType}}
                """;
            bool seeded = loader.Contains("seed:") || loader.Contains(", 3,");
            DiagnosticResult expected = (seeded
                    ? ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.FixedSeedRule).WithSeverity(DiagnosticSeverity.Info)
                    : ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule))
                .WithLocation(0).WithArguments(loader);
            await TorchTest.FixAsync<TorchDataLoaderShuffleAnalyzer, TorchDataLoaderShuffleFixer>(source, new[] { expected }, fixedSource);
        }

        [Fact]
        public async Task DataLoaderOverAComputedDatasetStoresItInALocalFirst()
        {
            string source = $$"""
                using TorchSharp;

                using var loader = {|#0:torch.utils.data.DataLoader(new Points(), 4, shuffle: true, device: torch.CPU)|};
                {{DatasetType}}
                """;
            string fixedSource = $$"""
                using SeedAnalyzers;
                using TorchSharp;

                var dataset = new Points();
                using var loader = torch.utils.data.DataLoader(dataset, 4, TorchDeterminism.Shuffler("Program.loader", dataset.Count), device: torch.CPU);
                {{DatasetType}}
                """;
            await TorchTest.FixAsync<TorchDataLoaderShuffleAnalyzer, TorchDataLoaderShuffleFixer>(
                source,
                new[] { ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.utils.data.DataLoader(new Points(), 4, shuffle: true, device: torch.CPU)") },
                fixedSource);
        }

        /// <summary>Fuzzing (seed 53): a dataset type with Count declared twice made data.Count ambiguous (CS0229).</summary>
        [Fact]
        public async Task DataLoaderOverADatasetWithAnAmbiguousCountGetsNoFix()
        {
            const string source = """
                using TorchSharp;

                var data = new Points();
                var loader = {|#0:torch.utils.data.DataLoader(data, 4, shuffle: true)|};

                sealed class Points : torch.utils.data.Dataset
                {
                    public override long Count => 16;
                    public override long Count => 16;
                    public override System.Collections.Generic.Dictionary<string, torch.Tensor> GetTensor(long index) => new() { ["x"] = torch.ones(2) };
                }
                """;
            await TorchTest.NoFixInPartialCodeAsync<TorchDataLoaderShuffleAnalyzer, TorchDataLoaderShuffleFixer>(
                source,
                ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.utils.data.DataLoader(data, 4, shuffle: true)"));
        }

        /// <summary>
        /// Fuzzing (master seed 61, samples/TorchTraining/Program.cs variant 40): a '(' typed into the Count property
        /// made it a method, and the fix's dataset.Count became a method group (CS1503).
        /// </summary>
        [Fact]
        public async Task DataLoaderOverADatasetWhoseCountIsNotAPropertyGetsNoFix()
        {
            const string source = """
                using TorchSharp;

                var data = new Points();
                var loader = {|#0:torch.utils.data.DataLoader(data, 4, shuffle: true)|};

                sealed class Points : torch.utils.data.Dataset
                {
                    public override long Count (=> 16;
                }
                """;
            await TorchTest.NoFixInPartialCodeAsync<TorchDataLoaderShuffleAnalyzer, TorchDataLoaderShuffleFixer>(
                source,
                ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.utils.data.DataLoader(data, 4, shuffle: true)"));
        }

        [Fact]
        public async Task DataLoaderOverAComputedDatasetInsideALambdaGetsNoFix()
        {
            string source = $$"""
                using System;
                using TorchSharp;

                Func<IDisposable> make = () => {|#0:torch.utils.data.DataLoader(new Points(), 4, shuffle: true)|};
                {{DatasetType}}
                """;
            await TorchTest.FixAsync<TorchDataLoaderShuffleAnalyzer, TorchDataLoaderShuffleFixer>(
                source,
                new[] { ShuffleFix.Diagnostic(TorchDataLoaderShuffleAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.utils.data.DataLoader(new Points(), 4, shuffle: true)") },
                source,
                iterations: 0);
        }
    }
}
