using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// Fix All that fixes one document after another, each against the solution the earlier ones produced. Roslyn's
    /// batch provider fixes every document from the same starting solution, so each part of a partial type spread over
    /// files would get its own seed constant and seed source (CS0102); fixed in order, a later part finds the member
    /// an earlier one added and uses it.
    /// </summary>
    internal sealed class FixAllInOrder : FixAllProvider
    {
        private static readonly FixAllScope[] Scopes = { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        private readonly Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> _fixDocument;

        public FixAllInOrder(Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocument)
        {
            _fixDocument = fixDocument;
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Scopes;

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var work = new List<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)>();
            foreach (Document document in DocumentsIn(context))
            {
                ImmutableArray<Diagnostic> diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                if (!diagnostics.IsEmpty)
                {
                    work.Add((document.Id, diagnostics));
                }
            }

            if (work.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                Title(context),
                cancellation => FixInOrderAsync(context.Solution, work, cancellation),
                context.CodeActionEquivalenceKey);
        }

        private static IEnumerable<Document> DocumentsIn(FixAllContext context) => context.Scope switch
        {
            FixAllScope.Document when context.Document != null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            FixAllScope.Solution => context.Solution.Projects.SelectMany(project => project.Documents),
            _ => Enumerable.Empty<Document>(),
        };

        private static string Title(FixAllContext context) => context.Scope switch
        {
            FixAllScope.Document => "Fix all occurrences in " + context.Document?.Name,
            FixAllScope.Project => "Fix all occurrences in " + context.Project.Name,
            _ => "Fix all occurrences in the solution",
        };

        private async Task<Solution> FixInOrderAsync(Solution solution, List<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)> work, CancellationToken cancellationToken)
        {
            foreach ((DocumentId id, ImmutableArray<Diagnostic> diagnostics) in work)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Earlier steps changed other documents only, so this one's text, and the diagnostics' spans in it, are as found.
                Document? document = solution.GetDocument(id);
                if (document != null)
                {
                    solution = (await _fixDocument(document, diagnostics, cancellationToken).ConfigureAwait(false)).Project.Solution;
                }
            }

            return solution;
        }
    }
}
