using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED004: new Random(seed) becomes new DeterministicRandom(seed), keeping the seed expression, so the seed still
    /// decides every number and different seeds still differ. The numbers themselves change: the title says so, since
    /// a saved game, a replay or a published run that recorded a seed gets other numbers from it after the fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacySeededRandomFixer)), Shared]
    public sealed class LegacySeededRandomFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.LegacySeededRandom);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime) =>
            runtime && node is BaseObjectCreationExpressionSyntax creation && creation.ArgumentList?.Arguments.Count == 1
                ? "Use DeterministicRandom with the same seed (every existing seed then draws different numbers: saved games, replays, published runs)"
                : null;

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var creation = (BaseObjectCreationExpressionSyntax)node;
            ObjectCreationExpressionSyntax replacement = SyntaxFactory.ObjectCreationExpression(
                creation.NewKeyword.WithTrailingTrivia(SyntaxFactory.Space),
                session.RuntimeType("DeterministicRandom"),
                creation.ArgumentList,
                creation.Initializer);
            session.Replace(node, replacement);
            session.KeepRandomTypeIfReassigned(node);
        }
    }
}
