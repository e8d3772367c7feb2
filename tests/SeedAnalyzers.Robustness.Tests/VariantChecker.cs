using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>One input of the fuzz run: a source, what was done to it, and how it is compiled.</summary>
    public sealed record Variant(string Source, int Index, IReadOnlyList<string> Mutations, string Text, Framework Framework, bool Runtime, bool TopLevel)
    {
        public string Describe() =>
            $"{Source} variant {Index} ({(Mutations.Count == 0 ? "unmutated" : string.Join("; ", Mutations))}; "
            + $"{(Framework == Framework.Net80 ? "net8.0" : "net10.0")}, runtime {(Runtime ? "referenced" : "not referenced")})";

        public Variant WithText(string text) => this with { Text = text };
    }

    /// <summary>
    /// A robustness failure. <paramref name="Signature"/> names the bug without positions, so the same bug met in
    /// many variants is reported once; <paramref name="Detail"/> is what one occurrence looked like.
    /// </summary>
    public sealed record Failure(string Signature, string Detail);

    /// <param name="Solution">A solution with one project holding one empty document.</param>
    /// <param name="Document">The empty document each variant's text replaces.</param>
    /// <param name="Compilation">Held so the solution's compilation, which variants derive from, stays alive.</param>
    internal sealed record EmptyProject(Solution Solution, DocumentId Document, Compilation Compilation);

    /// <summary>Hands Fix All the diagnostics the analyzers reported for the variant.</summary>
    internal sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics)
        {
            _diagnostics = diagnostics;
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }

    /// <summary>What analyzing and fixing one variant exercised and found.</summary>
    public sealed class VariantReport
    {
        public Dictionary<string, int> DiagnosticsPerId { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

        public int FixesApplied { get; set; }

        /// <summary>Time spent compiling and analyzing the variant, and applying and compiling its fixes.</summary>
        public TimeSpan AnalysisTime { get; set; }

        public TimeSpan FixTime { get; set; }

        public List<Failure> Failures { get; } = new List<Failure>();
    }

    /// <summary>
    /// Runs every analyzer on a variant, every code fix on every SEED diagnostic it reports, and each fixer's Fix All
    /// over the document. Failures: an analyzer exception (the exception hook or AD0001), a fixer exception, a fix
    /// that changes nothing, and a fix whose result has compiler errors the variant did not have. Mutated code already
    /// has errors, so errors are counted: a fix may remove errors, never add one.
    /// </summary>
    public static class VariantChecker
    {
        /// <summary>
        /// One project per compilation setting, compiled once while its document is empty: each variant's compilation
        /// derives from it and reuses its bound references, which costs more than analyzing a small file.
        /// </summary>
        private static readonly ConcurrentDictionary<(Framework, bool, bool), Task<EmptyProject>> s_projects = new();

        private static readonly AdhocWorkspace s_workspace = new AdhocWorkspace();

        public static async Task<VariantReport> CheckAsync(Variant variant, TimeSpan timeout)
        {
            var report = new VariantReport();
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await CheckAsync(variant, report, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                report.Failures.Add(new Failure("timeout", $"analysis and fixes took longer than {timeout.TotalSeconds:F0} s"));
            }

            return report;
        }

        private static async Task CheckAsync(Variant variant, VariantReport report, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            EmptyProject project = await s_projects.GetOrAdd((variant.Framework, variant.Runtime, variant.TopLevel), CreateProjectAsync).ConfigureAwait(false);
            Document document = project.Solution.WithDocumentText(project.Document, SourceText.From(variant.Text)).GetDocument(project.Document)!;
            Compilation compilation = (await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;

            var exceptions = new ConcurrentQueue<Failure>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => exceptions.Enqueue(new Failure(
                    $"analyzer {analyzer.GetType().Name} threw {exception.GetType().Name}{TopFrame(exception)}",
                    exception.ToString())),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            AnalysisResult result = await compilation.WithAnalyzers(AnalysisSetup.Analyzers, options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
            ImmutableArray<Diagnostic> diagnostics = result.GetAllDiagnostics();
            report.Failures.AddRange(exceptions);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                report.DiagnosticsPerId[diagnostic.Id] = report.DiagnosticsPerId.GetValueOrDefault(diagnostic.Id) + 1;
                if (diagnostic.Id == "AD0001" && exceptions.IsEmpty)
                {
                    report.Failures.Add(new Failure("AD0001 " + FirstLine(diagnostic.GetMessage(CultureInfo.InvariantCulture)), diagnostic.ToString()));
                }
            }

            List<string> errors = Errors(compilation, cancellationToken);
            report.AnalysisTime = clock.Elapsed;
            var seedDiagnostics = diagnostics.Where(d => d.Id.StartsWith("SEED", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
            foreach (CodeFixProvider fixer in AnalysisSetup.Fixers)
            {
                var offered = new List<string>();
                foreach (Diagnostic diagnostic in seedDiagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)))
                {
                    offered.AddRange(await FixAsync(fixer, document, diagnostic, errors, report, cancellationToken).ConfigureAwait(false));
                }

                // Fix All of a single occurrence is that occurrence's fix, checked above.
                foreach (string key in offered.GroupBy(key => key).Where(group => group.Count() > 1).Select(group => group.Key).OrderBy(key => key, StringComparer.Ordinal))
                {
                    await FixAllAsync(fixer, key, document, seedDiagnostics, errors, report, cancellationToken).ConfigureAwait(false);
                }
            }

            report.FixTime = clock.Elapsed - report.AnalysisTime;
        }

        private static async Task<EmptyProject> CreateProjectAsync((Framework Framework, bool Runtime, bool TopLevel) setting)
        {
            ImmutableArray<MetadataReference> references = await AnalysisSetup.ReferencesAsync(setting.Framework, setting.Runtime).ConfigureAwait(false);
            ProjectId projectId = ProjectId.CreateNewId();
            DocumentId documentId = DocumentId.CreateNewId(projectId);
            Solution solution = s_workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId, VersionStamp.Default, "Variant", "Variant", LanguageNames.CSharp,
                    compilationOptions: AnalysisSetup.CompilationOptions(setting.TopLevel),
                    parseOptions: AnalysisSetup.ParseOptions,
                    metadataReferences: references))
                .AddDocument(documentId, "Variant.cs", SourceText.From(string.Empty));
            Compilation compilation = (await solution.GetProject(projectId)!.GetCompilationAsync().ConfigureAwait(false))!;
            _ = compilation.GetDiagnostics();
            return new EmptyProject(solution, documentId, compilation);
        }

        /// <summary>Offers the fixer's fix for one diagnostic and checks each action; returns the actions' equivalence keys.</summary>
        private static async Task<List<string>> FixAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, List<string> errors, VariantReport report, CancellationToken cancellationToken)
        {
            string name = fixer.GetType().Name;
            string where = $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
            var actions = new List<CodeAction>();
            try
            {
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                report.Failures.Add(new Failure($"fixer {name} threw {exception.GetType().Name} registering a fix for {diagnostic.Id}{TopFrame(exception)}", where + "\n" + exception));
                return new List<string>();
            }

            foreach (CodeAction action in actions)
            {
                await CheckActionAsync(action, $"fix {name} for {diagnostic.Id}", where, document, errors, report, cancellationToken).ConfigureAwait(false);
            }

            return actions.Select(action => action.EquivalenceKey).OfType<string>().ToList();
        }

        /// <summary>
        /// Fix All in the document for one fixer and equivalence key: one pass over all its diagnostics, where fixes
        /// that share members or touch neighbouring code meet.
        /// </summary>
        private static async Task FixAllAsync(CodeFixProvider fixer, string equivalenceKey, Document document, ImmutableArray<Diagnostic> diagnostics, List<string> errors, VariantReport report, CancellationToken cancellationToken)
        {
            FixAllProvider? provider = fixer.GetFixAllProvider();
            if (provider is null)
            {
                return;
            }

            string name = fixer.GetType().Name;
            var fixable = diagnostics.Where(diagnostic => fixer.FixableDiagnosticIds.Contains(diagnostic.Id)).ToImmutableArray();
            string where = $"{fixable.Length} diagnostics: {string.Join(", ", fixable.Select(d => $"{d.Id} at {d.Location.GetLineSpan().StartLinePosition}"))}";
            CodeAction? action;
            try
            {
                var context = new FixAllContext(document, fixer, FixAllScope.Document, equivalenceKey, fixable.Select(d => d.Id).Distinct(), new KnownDiagnostics(fixable), cancellationToken);
                action = await provider.GetFixAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                report.Failures.Add(new Failure($"Fix All of {name} threw {exception.GetType().Name}{TopFrame(exception)}", where + "\n" + exception));
                return;
            }

            if (action != null)
            {
                await CheckActionAsync(action, $"Fix All of {name}", where, document, errors, report, cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task CheckActionAsync(CodeAction action, string label, string where, Document document, List<string> errors, VariantReport report, CancellationToken cancellationToken)
        {
            Solution changed;
            try
            {
                ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                report.Failures.Add(new Failure($"{label} threw {exception.GetType().Name}{TopFrame(exception)}", $"{where}\n'{action.Title}'\n{exception}"));
                return;
            }

            SourceText before = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            Document fixedDocument = changed.GetDocument(document.Id)!;
            SourceText after = await fixedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (after.ContentEquals(before))
            {
                report.Failures.Add(new Failure($"{label} is offered but changes nothing", $"{where}\n'{action.Title}'"));
                return;
            }

            report.FixesApplied++;
            Compilation fixedCompilation = (await fixedDocument.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            List<string> added = AddedErrors(errors, Errors(fixedCompilation, cancellationToken));
            if (added.Count > 0)
            {
                var changes = after.GetTextChanges(before).Select(change => $"  {before.Lines.GetLinePosition(change.Span.Start)}: '{before.ToString(change.Span)}' -> '{change.NewText}'");
                report.Failures.Add(new Failure(
                    $"{label} adds {string.Join(", ", added.Select(ErrorId).Distinct().OrderBy(id => id, StringComparer.Ordinal))}",
                    $"{where}\n'{action.Title}' adds:\n  {string.Join("\n  ", added)}\nchanges:\n{string.Join("\n", changes)}"));
            }
        }

        /// <summary>
        /// The errors a fix added, judged by count: more errors after the fix than before, listed as the errors of the
        /// ids that grew. Not by message or id alone: a fix that turns 'Random' into 'DeterministicRandom' rewords
        /// errors a mutation caused, and the using it adds turns an unknown name (CS0103) into an unknown member of
        /// the runtime's type (CS0117), without a new error in either case.
        /// </summary>
        private static List<string> AddedErrors(List<string> before, List<string> after)
        {
            var added = new List<string>();
            if (after.Count <= before.Count)
            {
                return added;
            }

            foreach (IGrouping<string, string> id in after.GroupBy(ErrorId))
            {
                if (id.Count() > before.Count(error => ErrorId(error) == id.Key))
                {
                    var unseen = id.Where(error => !before.Contains(error)).ToList();
                    added.AddRange(unseen.Count > 0 ? unseen : id);
                }
            }

            return added;
        }

        private static string ErrorId(string error) => error.Substring(0, error.IndexOf(':', StringComparison.Ordinal));

        private static List<string> Errors(Compilation compilation, CancellationToken cancellationToken) =>
            compilation.GetDiagnostics(cancellationToken)
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                .Select(diagnostic => diagnostic.Id + ": " + diagnostic.GetMessage(CultureInfo.InvariantCulture))
                .ToList();

        /// <summary>The innermost SeedAnalyzers frame, which tells one bug from another.</summary>
        private static string TopFrame(Exception exception)
        {
            string? frame = exception.ToString().Split('\n')
                .Select(line => line.Trim())
                .FirstOrDefault(line => line.StartsWith("at SeedAnalyzers.", StringComparison.Ordinal));
            if (frame is null)
            {
                return string.Empty;
            }

            int file = frame.IndexOf(" in ", StringComparison.Ordinal);
            return " " + (file < 0 ? frame : frame.Substring(0, file));
        }

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }
}
