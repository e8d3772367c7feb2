using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// A rule page cannot drift from the rule: every example under "## Bad" compiles and reports the page's rule, and
    /// every example under "## Good" compiles and does not (nor raises any SEED warning). Examples are compiled as a
    /// net8.0 project with the SDK's implicit usings, against the runtime, TorchSharp and SeedAnalyzers.TorchSharp.
    /// </summary>
    public class RulePageExamplesTests
    {
        private const string ImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            """;

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = RuleCatalogTests.Analyzers();

        public static IEnumerable<object[]> Pages() => RuleCatalogTests.Descriptors();

        [Theory]
        [MemberData(nameof(Pages))]
        public async Task BadExamplesReportTheRule(string id)
        {
            RulePage page = RulePage.Load(id);
            Assert.NotEmpty(page.Bad);
            foreach (RulePage.Example example in page.Bad)
            {
                ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(example);
                Assert.True(diagnostics.Any(d => d.Id == id), $"{example}: the Bad example does not report {id}; it reports [{string.Join(", ", diagnostics.Select(d => d.Id))}]");
            }
        }

        [Theory]
        [MemberData(nameof(Pages))]
        public async Task GoodExamplesAreClean(string id)
        {
            RulePage page = RulePage.Load(id);
            Assert.NotEmpty(page.Good);
            foreach (RulePage.Example example in page.Good)
            {
                ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(example);
                Diagnostic? offending = diagnostics.FirstOrDefault(d => d.Id == id || (d.Id.StartsWith("SEED", System.StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning));
                Assert.True(offending is null, $"{example}: the Good example reports {offending}");
            }
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(RulePage.Example example)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(example.Source(), new CSharpParseOptions(LanguageVersion.CSharp12), path: example.Id + ".cs");
            SyntaxTree usings = CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.CSharp12), path: "GlobalUsings.cs");
            bool program = ((CompilationUnitSyntax)tree.GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();
            ImmutableArray<MetadataReference> references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
                .AddRange(TestReferences.For(runtime: true, torchSharp: true));
            var compilation = CSharpCompilation.Create(
                "Example",
                new[] { usings, tree },
                references,
                new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{example} does not compile:\n{string.Join("\n", errors.Select(e => e.ToString()))}\n---\n{example.Source()}");
            return await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        }
    }
}
