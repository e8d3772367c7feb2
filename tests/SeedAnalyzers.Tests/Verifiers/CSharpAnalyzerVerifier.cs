using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Analyzer verifier. Usage: <c>using VerifyCS = CSharpAnalyzerVerifier&lt;MyAnalyzer&gt;;</c>, then
    /// <c>await VerifyCS.VerifyAnalyzerAsync(source, VerifyCS.Diagnostic().WithLocation(0))</c>.
    /// By default the compilation targets net8.0 and references the SeedAnalyzers runtime.
    /// </summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>
        /// The analyzer's first descriptor, its main one: a rule may add variants with the same ID and another message
        /// (SEED001's and SEED002's for secrets), which the testing library's own Diagnostic() refuses.
        /// </summary>
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(new TAnalyzer().SupportedDiagnostics[0]);

        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

        public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Code as typed in an IDE, with syntax and binding errors: only the analyzer's own diagnostics are
        /// compared (compiler errors are not listed), and an analyzer exception still fails the test.
        /// </summary>
        public static Task VerifyPartialCodeAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Net80;
            }

            /// <summary>Reference the SeedAnalyzers runtime library (default true).</summary>
            public bool IncludeRuntime { get; set; } = true;

            /// <summary>Reference the real TorchSharp 0.107.0 assembly (default false).</summary>
            public bool IncludeTorchSharp { get; set; }

            /// <summary>Reference ML.NET 6.0.0 with FastTree (default false).</summary>
            public bool IncludeMLNet { get; set; }

            /// <summary>Reference Math.NET Numerics 5.0.0 (default false).</summary>
            public bool IncludeMathNet { get; set; }

            protected override Task RunImplAsync(CancellationToken cancellationToken)
            {
                TestState.AdditionalReferences.AddRange(TestReferences.For(IncludeRuntime, IncludeTorchSharp, IncludeMLNet, IncludeMathNet));
                return base.RunImplAsync(cancellationToken);
            }
        }
    }
}
