using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Analyzers;
using Xunit;
using Reseed = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchClockReseedAnalyzer>;
using GeneratorDevice = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchGeneratorDeviceAnalyzer>;
using Shuffle = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchDataLoaderShuffleAnalyzer>;
using Tf32 = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchTf32Analyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED021, SEED023, SEED024 and SEED030: rules that do not depend on the entry point.</summary>
    public class TorchRuleAnalyzerTests
    {
        [Theory]
        [InlineData("torch.seed()")]
        [InlineData("torch.random.seed()")]
        [InlineData("new torch.Generator(1).seed()")]
        public async Task SEED021_clock_reseed_is_reported_in_any_project(string call)
        {
            string source = $$"""
                using TorchSharp;

                public static class Lab
                {
                    public static long Go() => {|#0:{{call}}|};
                }
                """;
            await TorchTest.AnalyzeAsync<TorchClockReseedAnalyzer>(source, OutputKind.DynamicallyLinkedLibrary, null,
                Reseed.Diagnostic().WithLocation(0).WithArguments(call));
        }

        [Fact]
        public async Task SEED021_other_seed_calls_are_clean()
        {
            const string source = """
                using TorchSharp;

                torch.manual_seed(3);
                var g = new torch.Generator(1);
                g.manual_seed(4);
                long initial = g.initial_seed() + torch.initial_seed();
                long seed() => 5;
                long mine = seed();
                """;
            await TorchTest.AnalyzeAsync<TorchClockReseedAnalyzer>(source);
        }

        /// <summary>Precision review: TorchSharp's own sources define torch.seed() by forwarding to Generator.seed().</summary>
        [Fact]
        public async Task TorchSharps_own_sources_are_not_analyzed()
        {
            const string source = """
                namespace TorchSharp
                {
                    public static class torch
                    {
                        public static long seed() => random.seed();

                        public static class random
                        {
                            public static long seed() => Generator.Default.seed();
                        }

                        public sealed class Generator
                        {
                            public static Generator Default { get; } = new Generator();
                            public long seed() => 0;
                        }
                    }
                }
                """;
            var test = new Verifiers.CSharpAnalyzerVerifier<TorchClockReseedAnalyzer>.Test { TestCode = source, IncludeTorchSharp = false };
            await test.RunAsync();
        }

        [Fact]
        public async Task SEED021_partial_code()
        {
            const string source = """
                using TorchSharp;

                var a = {|#0:torch.seed()|};
                var b = torch.seed(
                var c = torch.random.
                """;
            await TorchTest.AnalyzePartialAsync<TorchClockReseedAnalyzer>(source, Reseed.Diagnostic().WithLocation(0).WithArguments("torch.seed()"));
        }

        [Theory]
        [InlineData("new torch.Generator(1, torch.CUDA)")]
        [InlineData("new torch.Generator(1, device: torch.CUDA)")]
        [InlineData("new torch.Generator(1, torch.device(\"cuda:0\"))")]
        [InlineData("new torch.Generator(1, new torch.Device(DeviceType.CUDA))")]
        [InlineData("new torch.Generator(1, new torch.Device(\"cuda\"))")]
        public async Task SEED023_cuda_generator_is_reported_as_info(string creation)
        {
            string source = $$"""
                using TorchSharp;

                var g = {|#0:{{creation}}|};
                """;
            await TorchTest.AnalyzeAsync<TorchGeneratorDeviceAnalyzer>(source,
                GeneratorDevice.Diagnostic().WithLocation(0).WithArguments(creation).WithSeverity(DiagnosticSeverity.Info));
        }

        [Theory]
        [InlineData("new torch.Generator(1)")]
        [InlineData("new torch.Generator(1, torch.CPU)")]
        [InlineData("new torch.Generator(1, null)")]
        [InlineData("new torch.Generator(1, torch.device(\"cpu\"))")]
        public async Task SEED023_cpu_generator_is_clean(string creation)
        {
            string source = $$"""
                using TorchSharp;

                var g = {{creation}};
                """;
            await TorchTest.AnalyzeAsync<TorchGeneratorDeviceAnalyzer>(source);
        }

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
        public async Task SEED024_unseeded_shuffle_is_a_warning(string loader)
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
        public async Task SEED024_fixed_seed_is_info()
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
        public async Task SEED024_clean_loaders(string loader)
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
        public async Task SEED024_partial_code()
        {
            const string source = """
                using TorchSharp;

                var loader = torch.utils.data.DataLoader(data, 4, shuffle: true
                var other = torch.utils.data.DataLoader(
                """;
            await TorchTest.AnalyzePartialAsync<TorchDataLoaderShuffleAnalyzer>(source);
        }

        [Theory]
        [InlineData("torch.backends.cudnn.allow_tf32 = true")]
        [InlineData("torch.backends.cuda.matmul.allow_tf32 = true")]
        [InlineData("torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = true")]
        public async Task SEED030_tf32_on_is_reported(string assignment)
        {
            string source = $$"""
                using TorchSharp;

                public static class Speed
                {
                    public static void On() { {|#0:{{assignment}}|}; }
                }
                """;
            await TorchTest.AnalyzeAsync<TorchTf32Analyzer>(source, OutputKind.DynamicallyLinkedLibrary, null,
                Tf32.Diagnostic().WithLocation(0).WithArguments(assignment));
        }

        [Fact]
        public async Task SEED030_tf32_off_or_read_is_clean()
        {
            const string source = """
                using TorchSharp;

                torch.backends.cudnn.allow_tf32 = false;
                torch.backends.cuda.matmul.allow_tf32 = false;
                bool was = torch.backends.cudnn.allow_tf32;
                bool fromConfig = System.Environment.GetEnvironmentVariable("TF32") == "1";
                torch.backends.cuda.matmul.allow_tf32 = fromConfig;
                """;
            await TorchTest.AnalyzeAsync<TorchTf32Analyzer>(source);
        }

        [Fact]
        public async Task SEED030_partial_code()
        {
            const string source = """
                using TorchSharp;

                {|#0:torch.backends.cudnn.allow_tf32 = true|};
                torch.backends.cuda.matmul.allow_tf32 =
                """;
            await TorchTest.AnalyzePartialAsync<TorchTf32Analyzer>(source, Tf32.Diagnostic().WithLocation(0).WithArguments("torch.backends.cudnn.allow_tf32 = true"));
        }
    }
}
