using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    public sealed partial class TorchEntryPointFixer
    {
        /// <summary>Fix All: one entry-point edit per project that has any of the diagnostics in scope.</summary>
        private sealed class EntryPointFixAllProvider : FixAllProvider
        {
            public static readonly EntryPointFixAllProvider Instance = new EntryPointFixAllProvider();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                string? key = fixAllContext.CodeActionEquivalenceKey;
                string? kind = key == EquivalenceKey(TorchEntryPointAnalyzer.InitializeFix) ? TorchEntryPointAnalyzer.InitializeFix
                    : key == EquivalenceKey(TorchEntryPointAnalyzer.CudaSeedFix) ? TorchEntryPointAnalyzer.CudaSeedFix
                    : null;
                if (kind is null)
                {
                    return Task.FromResult<CodeAction?>(null);
                }

                return Task.FromResult<CodeAction?>(CodeAction.Create(
                    kind == TorchEntryPointAnalyzer.CudaSeedFix ? "Seed every CUDA device" : "Call TorchDeterminism.Initialize first in the entry point",
                    cancellation => FixAllAsync(fixAllContext, kind, cancellation),
                    key));
            }

            private static async Task<Solution> FixAllAsync(FixAllContext context, string kind, CancellationToken cancellationToken)
            {
                Solution solution = context.Solution;
                IEnumerable<Project> projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
                foreach (Project project in projects.ToList())
                {
                    ImmutableArray<Diagnostic> diagnostics = context.Scope == FixAllScope.Document && context.Document != null
                        ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                        : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                    bool any = diagnostics.Any(d => d.Properties.TryGetValue(TorchEntryPointAnalyzer.FixProperty, out string? value) && value == kind);
                    if (any)
                    {
                        solution = await ApplyAsync(solution, project.Id, kind, cancellationToken).ConfigureAwait(false);
                    }
                }

                return solution;
            }
        }
    }
}
