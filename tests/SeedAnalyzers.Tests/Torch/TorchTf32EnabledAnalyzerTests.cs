using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using Xunit;
using Tf32 = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchTf32EnabledAnalyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED030: TF32 and reduced-precision reductions switched on.</summary>
    public class TorchTf32EnabledAnalyzerTests
    {
        [Theory]
        [InlineData("torch.backends.cudnn.allow_tf32 = true")]
        [InlineData("torch.backends.cuda.matmul.allow_tf32 = true")]
        [InlineData("torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = true")]
        public async Task Tf32OnIsReported(string assignment)
        {
            string source = $$"""
                using TorchSharp;

                public static class Speed
                {
                    public static void On() { {|#0:{{assignment}}|}; }
                }
                """;
            await TorchTest.AnalyzeAsync<TorchTf32EnabledAnalyzer>(source, OutputKind.DynamicallyLinkedLibrary, null,
                Tf32.Diagnostic().WithLocation(0).WithArguments(assignment));
        }

        [Fact]
        public async Task Tf32OffOrReadIsClean()
        {
            const string source = """
                using TorchSharp;

                torch.backends.cudnn.allow_tf32 = false;
                torch.backends.cuda.matmul.allow_tf32 = false;
                bool was = torch.backends.cudnn.allow_tf32;
                bool fromConfig = System.Environment.GetEnvironmentVariable("TF32") == "1";
                torch.backends.cuda.matmul.allow_tf32 = fromConfig;
                """;
            await TorchTest.AnalyzeAsync<TorchTf32EnabledAnalyzer>(source);
        }

        [Fact]
        public async Task PartialCode()
        {
            const string source = """
                using TorchSharp;

                {|#0:torch.backends.cudnn.allow_tf32 = true|};
                torch.backends.cuda.matmul.allow_tf32 =
                """;
            await TorchTest.AnalyzePartialAsync<TorchTf32EnabledAnalyzer>(source, Tf32.Diagnostic().WithLocation(0).WithArguments("torch.backends.cudnn.allow_tf32 = true"));
        }
    }
}
