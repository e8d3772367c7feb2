using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Every analyzer calls EnableConcurrentExecution, so the host may run its callbacks on many threads at once and
    /// in any order; per-type and per-method state must not make the result depend on that. Serial analysis is the
    /// reference; concurrent analysis of the same compilation, repeated, must report exactly the same diagnostics
    /// (id, file, span, message, additional locations).
    /// </summary>
    public class ConcurrentAnalysisTests
    {
        /// <summary>Copies of each library snippet, in their own namespaces; every second copy is mutated.</summary>
        private const int Copies = 6;

        private const int ConcurrentRepetitions = 3;

        private readonly ITestOutputHelper _output;

        public ConcurrentAnalysisTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task ConcurrentAnalysisReportsWhatSerialAnalysisReports()
        {
            IReadOnlyList<SourceFile> sources = FuzzCorpus.All;
            var snippets = sources.Where(source => !source.TopLevel).ToList();
            ImmutableArray<MetadataReference> references = await AnalysisSetup.ReferencesAsync(Framework.Net100, runtime: true);
            int compared = 0;

            // One compilation per top-level program: a compilation holds at most one.
            var programs = sources.Where(source => source.TopLevel).ToList();
            for (int index = 0; index < programs.Count; index++)
            {
                SourceFile program = programs[index];
                List<SyntaxTree> library = GeneratedLibrary(snippets, index);
                var trees = library.Append(CSharpSyntaxTree.ParseText(program.Text, AnalysisSetup.ParseOptions, program.Name)).ToList();
                List<string> serial = await AnalyzeAsync(trees, references, concurrent: false);
                for (int repetition = 0; repetition < ConcurrentRepetitions; repetition++)
                {
                    List<string> concurrent = await AnalyzeAsync(trees, references, concurrent: true);
                    Assert.True(serial.SequenceEqual(concurrent), $"{program.Name}, concurrent run {repetition + 1}:\n{Difference(serial, concurrent)}");
                }

                _output.WriteLine($"{program.Name} with {library.Count} generated files: {serial.Count} diagnostics, same in {ConcurrentRepetitions} concurrent runs");
                compared += serial.Count;
            }

            Assert.True(compared >= 500, $"only {compared} diagnostics compared: the comparison exercised too little");
        }

        /// <summary>
        /// The library snippets, copied into distinct namespaces, every second copy broken by the mutator (differently
        /// for each program, so each compilation checks other broken code).
        /// </summary>
        private static List<SyntaxTree> GeneratedLibrary(IReadOnlyList<SourceFile> snippets, int program)
        {
            var root = new DeterministicRandom(FuzzSettings.DefaultSeed).Fork("concurrency");
            var trees = new List<SyntaxTree>();
            for (int copy = 0; copy < Copies; copy++)
            {
                foreach (SourceFile snippet in snippets)
                {
                    string text = snippet.Text.Replace("namespace Corpus.", $"namespace Corpus.Copy{copy}.", StringComparison.Ordinal);
                    if (copy % 2 == 1)
                    {
                        text = Mutator.Mutate(text, root.Fork(snippet.Name).ForIndex(program * Copies + copy)).Text;
                    }

                    trees.Add(CSharpSyntaxTree.ParseText(text, AnalysisSetup.ParseOptions, $"Copy{copy}/{snippet.Name}"));
                }
            }

            return trees;
        }

        /// <summary>Analyzer diagnostics of a fresh compilation as sorted, comparable lines.</summary>
        private static async Task<List<string>> AnalyzeAsync(List<SyntaxTree> trees, ImmutableArray<MetadataReference> references, bool concurrent)
        {
            var compilation = CSharpCompilation.Create("Concurrency", trees, references, AnalysisSetup.CompilationOptions(topLevel: true));
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AnalysisSetup.Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.True(exceptions.IsEmpty, string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
            return diagnostics.Select(Describe).OrderBy(line => line, StringComparer.Ordinal).ToList();
        }

        private static string Describe(Diagnostic diagnostic) =>
            $"{diagnostic.Id} {Where(diagnostic.Location)} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}"
            + string.Concat(diagnostic.AdditionalLocations.Select(location => " also " + Where(location)));

        private static string Where(Location location) =>
            $"{location.SourceTree?.FilePath}{location.GetLineSpan().Span}";

        private static string Difference(List<string> serial, List<string> concurrent)
        {
            var onlySerial = serial.Except(concurrent).Take(20).Select(line => "  serial only:     " + line);
            var onlyConcurrent = concurrent.Except(serial).Take(20).Select(line => "  concurrent only: " + line);
            return $"serial {serial.Count}, concurrent {concurrent.Count} diagnostics\n" + string.Join("\n", onlySerial.Concat(onlyConcurrent));
        }
    }
}
