using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>SEED030: allow_tf32 = true (and reduced-precision reductions) become = false.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TorchTf32EnabledFixer)), Shared]
    public sealed class TorchTf32EnabledFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.TorchTf32Enabled);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime) =>
            node is AssignmentExpressionSyntax assignment && assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression)
                ? "Turn it off (false)"
                : null;

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var assignment = (AssignmentExpressionSyntax)node;
            session.Replace(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
        }
    }
}
