using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using Xunit;
using Tf32Fix = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.TorchTf32EnabledAnalyzer, SeedAnalyzers.CodeFixes.TorchTf32EnabledFixer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED030 fix: every reduced-precision switch off.</summary>
    public class TorchTf32EnabledFixerTests
    {
        [Fact]
        public async Task Tf32FixTurnsEverySwitchOff()
        {
            const string source = """
                using TorchSharp;

                {|#0:torch.backends.cudnn.allow_tf32 = true|};
                {|#1:torch.backends.cuda.matmul.allow_tf32 = true|};
                """;
            const string fixedSource = """
                using TorchSharp;

                torch.backends.cudnn.allow_tf32 = false;
                torch.backends.cuda.matmul.allow_tf32 = false;
                """;
            await TorchTest.FixAsync<TorchTf32EnabledAnalyzer, TorchTf32EnabledFixer>(
                source,
                new[]
                {
                    Tf32Fix.Diagnostic().WithLocation(0).WithArguments("torch.backends.cudnn.allow_tf32 = true"),
                    Tf32Fix.Diagnostic().WithLocation(1).WithArguments("torch.backends.cuda.matmul.allow_tf32 = true"),
                },
                fixedSource);
        }
    }
}
