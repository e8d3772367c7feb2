using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>The test compilation really sees the runtime library and TorchSharp 0.107.0.</summary>
    public class VerifierSmokeTests
    {
        [Fact]
        public async Task RuntimeAndTorchSharpResolveInTestCompilations()
        {
            var test = new CSharpAnalyzerVerifier<SilentAnalyzer>.Test
            {
                IncludeTorchSharp = true,
                TestCode = """
                    using SeedAnalyzers;
                    using TorchSharp;

                    class C
                    {
                        void M()
                        {
                            DeterministicRandom rng = Determinism.Random("C.rng");
                            torch.Tensor t = torch.randn(3);
                            {|CS0103:missing|}.ToString();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class SilentAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            }
        }
    }
}
