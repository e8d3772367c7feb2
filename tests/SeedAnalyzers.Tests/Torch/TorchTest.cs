using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Tests.Verifiers;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>
    /// Runs one analyzer (and optionally its fix) on code compiled against the real TorchSharp 0.107.0 and
    /// SeedAnalyzers.TorchSharp assemblies, as an executable by default (the TorchSharp entry-point rules judge
    /// executables) or as a library, with an optional .editorconfig.
    /// </summary>
    internal static class TorchTest
    {
        public static Task AnalyzeAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new() =>
            AnalyzeAsync<TAnalyzer>(source, OutputKind.ConsoleApplication, null, expected);

        public static Task AnalyzeAsync<TAnalyzer>(string source, OutputKind kind, string? editorConfig, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, IncludeTorchSharp = true };
            test.TestState.OutputKind = kind;
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Code as typed: compiler errors are not compared, analyzer exceptions still fail.</summary>
        public static Task AnalyzePartialAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, IncludeTorchSharp = true, CompilerDiagnostics = CompilerDiagnostics.None };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A fix test against TorchSharp with every state (test, fixed, batch fixed) compiled as <paramref name="kind"/>.</summary>
        public static CSharpCodeFixVerifier<TAnalyzer, TFix>.Test FixTest<TAnalyzer, TFix>(OutputKind kind = OutputKind.ConsoleApplication)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test { IncludeTorchSharp = true };
            test.TestState.OutputKind = kind;
            test.FixedState.OutputKind = kind;
            test.BatchFixedState.OutputKind = kind;
            return test;
        }

        /// <summary>Code as typed (compiler errors not compared): the diagnostics are reported and no fix is offered.</summary>
        public static Task NoFixInPartialCodeAsync<TAnalyzer, TFix>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            CSharpCodeFixVerifier<TAnalyzer, TFix>.Test test = FixTest<TAnalyzer, TFix>();
            test.TestCode = source;
            test.FixedCode = source;
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            test.NumberOfIncrementalIterations = 0;
            test.NumberOfFixAllIterations = 0;
            test.NumberOfFixAllInDocumentIterations = 0;
            test.NumberOfFixAllInProjectIterations = 0;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Applies the fix (one by one and as Fix All); <paramref name="iterations"/> 0 asserts that no fix is offered.</summary>
        public static Task FixAsync<TAnalyzer, TFix>(string source, DiagnosticResult[] expected, string fixedSource, int iterations = 1, OutputKind kind = OutputKind.ConsoleApplication)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            CSharpCodeFixVerifier<TAnalyzer, TFix>.Test test = FixTest<TAnalyzer, TFix>(kind);
            test.TestCode = source;
            test.FixedCode = fixedSource;
            test.NumberOfFixAllIterations = iterations;
            if (iterations == 0)
            {
                test.NumberOfIncrementalIterations = 0;
                test.NumberOfFixAllInDocumentIterations = 0;
                test.NumberOfFixAllInProjectIterations = 0;
            }
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
