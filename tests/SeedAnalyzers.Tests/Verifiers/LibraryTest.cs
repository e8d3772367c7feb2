using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>Runs one analyzer (and optionally its fix) on code compiled against a library (ML.NET, Math.NET).</summary>
    internal static class LibraryTest
    {
        public static Task AnalyzeAsync<TAnalyzer>(ImmutableArray<MetadataReference> library, string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = LibraryReferences.With(new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source }, library);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Code as typed: compiler errors are not compared, analyzer exceptions still fail.</summary>
        public static Task AnalyzePartialAsync<TAnalyzer>(ImmutableArray<MetadataReference> library, string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = LibraryReferences.With(new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None }, library);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Applies the fix one diagnostic at a time and as Fix All, and compiles the result. <paramref name="fixedSource"/>
        /// equal to <paramref name="source"/> asserts that no fix is offered; <paramref name="partial"/> is code as typed
        /// (compiler errors are not compared); <paramref name="remaining"/> are the diagnostics the fix leaves, where it offers none.
        /// </summary>
        public static Task FixAsync<TAnalyzer, TFix>(ImmutableArray<MetadataReference> library, string source, DiagnosticResult[] expected, string fixedSource, bool runtime = true, bool topLevel = false, bool partial = false, DiagnosticResult[]? remaining = null)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var test = LibraryReferences.WithFixed(
                new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test { TestCode = source, FixedCode = fixedSource, IncludeRuntime = runtime },
                library);
            if (remaining != null)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(remaining);
                test.BatchFixedState.ExpectedDiagnostics.AddRange(remaining);
                test.NumberOfIncrementalIterations = expected.Length - remaining.Length;
                test.NumberOfFixAllIterations = 1;
            }

            if (partial)
            {
                test.CompilerDiagnostics = CompilerDiagnostics.None;
            }

            if (topLevel)
            {
                test.TestState.OutputKind = OutputKind.ConsoleApplication;
                test.FixedState.OutputKind = OutputKind.ConsoleApplication;
                test.BatchFixedState.OutputKind = OutputKind.ConsoleApplication;
            }

            if (fixedSource == source)
            {
                test.NumberOfIncrementalIterations = 0;
                test.NumberOfFixAllIterations = 0;
                test.NumberOfFixAllInDocumentIterations = 0;
                test.NumberOfFixAllInProjectIterations = 0;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
