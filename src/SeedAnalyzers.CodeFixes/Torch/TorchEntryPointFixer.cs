using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED020, SEED022 and SEED031 are reported where torch is used, but the fix belongs at the entry point:
    /// <list type="bullet">
    /// <item>"initialize": <c>TorchDeterminism.Initialize(seed: ...)</c> becomes the first statement of Main or the
    /// top-level statements. An existing top-level <c>torch.manual_seed(x)</c> is replaced (its seed kept); an
    /// existing <c>TorchDeterminism.Initialize</c> that runs too late is moved first. Otherwise the seed is 42,
    /// visible there and overridden by the SEED environment variable at run time.</item>
    /// <item>"cudaSeed": <c>torch.cuda.manual_seed_all(x)</c> right after the entry point's <c>manual_seed(x)</c>.</item>
    /// </list>
    /// The edit is made once per project however many diagnostics a Fix All covers, in whichever documents.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TorchEntryPointFixer)), Shared]
    public sealed partial class TorchEntryPointFixer : CodeFixProvider
    {
        /// <summary>The seed written when the program had none: visible at the call, and replaced at run time by SEED.</summary>
        internal const string DefaultSeedText = "42";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
            RuleIdentifiers.TorchUnseededRandomOperation,
            RuleIdentifiers.TorchCudaNotSeeded,
            RuleIdentifiers.TorchGpuDeterminismNotEstablished);

        public override FixAllProvider GetFixAllProvider() => EntryPointFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Project project = context.Document.Project;
            Compilation? compilation = await project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(TorchEntryPointAnalyzer.FixProperty, out string? kind) || kind is null)
                {
                    continue;
                }

                EntryPointPlan? plan = await EntryPointPlan.CreateAsync(project.Solution, project.Id, kind, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                Solution solution = project.Solution;
                ProjectId projectId = project.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(plan.Title, cancellation => ApplyAsync(solution, projectId, kind, cancellation), EquivalenceKey(kind)),
                    diagnostic);
            }
        }

        internal static string EquivalenceKey(string kind) => nameof(TorchEntryPointFixer) + "." + kind;

        internal static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, string kind, CancellationToken cancellationToken)
        {
            EntryPointPlan? plan = await EntryPointPlan.CreateAsync(solution, projectId, kind, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                return solution;
            }

            Document document = await plan.ApplyAsync(cancellationToken).ConfigureAwait(false);
            return document.Project.Solution;
        }
    }
}
