using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// Common shape of every SeedAnalyzers fix: a fix is registered only when it can apply (checked up front),
    /// one document-level pass applies any number of diagnostics (so Fix All adds shared members and the using
    /// once), and the equivalence key depends only on the rule and whether the runtime is referenced.
    /// </summary>
    public abstract class SeedFixer : CodeFixProvider
    {
        public sealed override FixAllProvider GetFixAllProvider() => new FixAllInOrder(FixAsync);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            bool runtime = KnownSymbols.Get(model.Compilation).HasRuntime;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(FixLocation(diagnostic).SourceSpan, getInnermostNodeForTie: true);
                string? title = InRecoveredSyntax(node) ? null : Title(diagnostic, node, model, runtime);
                if (title is null)
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellation => FixAsync(document, ImmutableArray.Create(diagnostic), cancellation), EquivalenceKey(runtime)),
                    diagnostic);
            }
        }

        /// <summary>Where the code to rewrite is: the diagnostic's location unless a rule reports elsewhere.</summary>
        private protected virtual Location FixLocation(Diagnostic diagnostic) => diagnostic.Location;

        /// <summary>The fix title, or null when no fix applies to this occurrence.</summary>
        private protected abstract string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime);

        /// <summary>Applies the fix for one diagnostic through the session's editor.</summary>
        private protected abstract void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node);

        /// <summary>
        /// True when the fixed text could parse into different (broken) code: the statement or member holding the node
        /// has syntax errors, or it, or a statement around it that a fix may insert before, starts where the parser
        /// recovered from an error in the code before it. There the parser supplied a token or skipped text after
        /// looking at the first tokens of what follows, and decided on them: in <c>int Index(int count =&gt; new Random()</c>
        /// the parameter list ends at <c>new</c> but takes <c>Determinism.Shared(...)</c> in as more parameters.
        /// </summary>
        private static bool InRecoveredSyntax(SyntaxNode node)
        {
            SyntaxNode? holder = node.FirstAncestorOrSelf<SyntaxNode>(n => n is StatementSyntax || n is MemberDeclarationSyntax);
            if (holder is null)
            {
                return false;
            }

            return holder.ContainsDiagnostics
                || holder.AncestorsAndSelf()
                    .TakeWhile(n => n == holder || !(n is MemberDeclarationSyntax))
                    .Where(n => n == holder || (n is StatementSyntax && (n.Parent is BlockSyntax || n.Parent is GlobalStatementSyntax || n.Parent is SwitchSectionSyntax)))
                    .Any(FollowsRecoveredSyntax);
        }

        /// <summary>True when the token before the node is one the parser supplied, or carries text it skipped.</summary>
        private static bool FollowsRecoveredSyntax(SyntaxNode node)
        {
            SyntaxToken previous = node.GetFirstToken(includeZeroWidth: true).GetPreviousToken(includeZeroWidth: true);
            return previous.IsMissing || previous.ContainsDiagnostics;
        }

        private string EquivalenceKey(bool runtime) => GetType().Name + (runtime ? ".Runtime" : ".ConstantSeed");

        private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            bool runtime = KnownSymbols.Get(model.Compilation).HasRuntime;
            DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var session = new FixSession(editor, model, runtime);
            foreach (Diagnostic diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                SyntaxNode node = root.FindNode(FixLocation(diagnostic).SourceSpan, getInnermostNodeForTie: true);
                if (!InRecoveredSyntax(node) && Title(diagnostic, node, model, runtime) != null)
                {
                    Apply(session, diagnostic, node);
                }
            }

            session.Complete();

            // Formatted here, before the code action's clean-up imports and simplifies: a lambda body the fix turned into
            // a block is laid out from its own elastic line breaks, as it was when this pass did all three.
            return await Formatter.FormatAsync(editor.GetChangedDocument(), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
