using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using Xunit;
using GeneratorDevice = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchCudaGeneratorIsCpuAnalyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED023: a torch.Generator made for CUDA is a CPU generator.</summary>
    public class TorchCudaGeneratorIsCpuAnalyzerTests
    {
        [Theory]
        [InlineData("new torch.Generator(1, torch.CUDA)")]
        [InlineData("new torch.Generator(1, device: torch.CUDA)")]
        [InlineData("new torch.Generator(1, torch.device(\"cuda:0\"))")]
        [InlineData("new torch.Generator(1, new torch.Device(DeviceType.CUDA))")]
        [InlineData("new torch.Generator(1, new torch.Device(\"cuda\"))")]
        public async Task CudaGeneratorIsReportedAsInfo(string creation)
        {
            string source = $$"""
                using TorchSharp;

                var g = {|#0:{{creation}}|};
                """;
            await TorchTest.AnalyzeAsync<TorchCudaGeneratorIsCpuAnalyzer>(source,
                GeneratorDevice.Diagnostic().WithLocation(0).WithArguments(creation).WithSeverity(DiagnosticSeverity.Info));
        }

        [Theory]
        [InlineData("new torch.Generator(1)")]
        [InlineData("new torch.Generator(1, torch.CPU)")]
        [InlineData("new torch.Generator(1, null)")]
        [InlineData("new torch.Generator(1, torch.device(\"cpu\"))")]
        public async Task CpuGeneratorIsClean(string creation)
        {
            string source = $$"""
                using TorchSharp;

                var g = {{creation}};
                """;
            await TorchTest.AnalyzeAsync<TorchCudaGeneratorIsCpuAnalyzer>(source);
        }
    }
}
