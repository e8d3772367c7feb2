using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>SEED021: torch.seed() / torch.random.seed() / g.seed() become TorchDeterminism.Reseed("name"[, g]).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TorchClockReseedFixer)), Shared]
    public sealed class TorchClockReseedFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.TorchClockReseed);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime) =>
            KnownSymbols.Get(model.Compilation).HasTorchRuntime && node is InvocationExpressionSyntax invocation && invocation.Expression is MemberAccessExpressionSyntax
                ? "Reseed from the master seed with TorchDeterminism.Reseed"
                : null;

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var invocation = (InvocationExpressionSyntax)node;
            var access = (MemberAccessExpressionSyntax)invocation.Expression;
            bool instance = session.Model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method && !method.IsStatic;
            var arguments = new List<ArgumentSyntax>();
            if (instance)
            {
                arguments.Add(SyntaxFactory.Argument(access.Expression.WithoutTrivia()));
            }

            arguments.Add(SyntaxFactory.Argument(FixSyntax.StringLiteral(FixSyntax.StreamName(node))));
            session.Replace(node, SyntaxFactory.InvocationExpression(
                session.RuntimeMember("TorchDeterminism", "Reseed"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments))));
        }
    }
}
