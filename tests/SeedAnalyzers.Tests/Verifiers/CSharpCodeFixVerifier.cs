using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Code-fix verifier. The fixed source is compiled too, so a fix that produces code with errors fails
    /// the test. Fix All in document, project and solution is exercised by the testing library by default.
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        /// <summary>
        /// The analyzer's first descriptor, its main one: a rule may add variants with the same ID and another message
        /// (SEED001's and SEED002's for secrets), which the testing library's own Diagnostic() refuses.
        /// </summary>
        public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(new TAnalyzer().SupportedDiagnostics[0]);

        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(diagnosticId);

        public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
                var references = TestReferences.For(IncludeRuntime, IncludeTorchSharp, IncludeMLNet, IncludeMathNet);
                TestState.AdditionalReferences.AddRange(references);
                FixedState.AdditionalReferences.AddRange(references);
                BatchFixedState.AdditionalReferences.AddRange(references);
                return base.RunImplAsync(cancellationToken);
            }
        }
    }
}
