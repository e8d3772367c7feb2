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
    /// SEED040: <c>new MLContext()</c> becomes <c>new MLContext(seed: Determinism.SeedFor("Type.member"))</c>. SeedFor
    /// continues: the k-th context created under one name gets the seed of sub-stream k, so contexts created in a loop
    /// stay independent of each other, as they were, and the same in every run. Without the runtime:
    /// <c>RandomSeeds.Next()</c>, a seed of its own per context from the type's seed source (one constant would make
    /// every context made in a loop or per object alike).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MLContextUnseededFixer)), Shared]
    public sealed class MLContextUnseededFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MLContextUnseeded);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime) =>
            node is BaseObjectCreationExpressionSyntax ? LibraryFixSyntax.SeedTitle(node, runtime) : null;

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var creation = (BaseObjectCreationExpressionSyntax)node;
            ExpressionSyntax seed = LibraryFixSyntax.Seed(session, node);
            ArgumentSyntax? existing = creation.ArgumentList?.Arguments.Count > 0 ? creation.ArgumentList.Arguments[0] : null;
            BaseObjectCreationExpressionSyntax fixedCreation = existing is null
                ? creation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Argument(seed).WithNameColon(SyntaxFactory.NameColon("seed")))))
                : creation.ReplaceNode(existing.Expression, seed.WithTriviaFrom(existing.Expression));
            session.Replace(node, fixedCreation);
        }
    }
}
