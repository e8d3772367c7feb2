using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED046: <c>new MersenneTwister()</c> becomes <c>new MersenneTwister(Determinism.SeedFor("Type.member"))</c>, and
    /// <c>new Xorshift(threadSafe)</c> becomes <c>new Xorshift(Determinism.SeedFor(...), threadSafe)</c>: the same
    /// generator, seeded from the master seed. SeedFor continues, so generators created in a loop stay independent of each
    /// other. Without the runtime: <c>RandomSeeds.Next()</c>, a seed of its own per generator from the type's seed source.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MathNetUnseededGeneratorFixer)), Shared]
    public sealed class MathNetUnseededGeneratorFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MathNetUnseededGenerator);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!(node is BaseObjectCreationExpressionSyntax creation) || SeedIndex(diagnostic) < 0 || SeedIndex(diagnostic) > Count(creation))
            {
                return null;
            }

            return LibraryFixSyntax.SeedTitle(node, runtime);
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var creation = (BaseObjectCreationExpressionSyntax)node;
            ExpressionSyntax seed = LibraryFixSyntax.Seed(session, node);
            ArgumentListSyntax list = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
            bool named = false;
            foreach (ArgumentSyntax argument in list.Arguments)
            {
                named |= argument.NameColon != null;
            }

            ArgumentSyntax seedArgument = SyntaxFactory.Argument(seed);
            ArgumentListSyntax updated = named
                ? list.AddArguments(seedArgument.WithNameColon(SyntaxFactory.NameColon("seed")))
                : list.WithArguments(list.Arguments.Insert(SeedIndex(diagnostic), seedArgument));
            session.Replace(node, creation.WithArgumentList(updated));
        }

        private static int SeedIndex(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(MathNetUnseededGeneratorAnalyzer.SeedIndexProperty, out string? index)
                ? int.Parse(index!, CultureInfo.InvariantCulture)
                : -1;

        private static int Count(BaseObjectCreationExpressionSyntax creation) => creation.ArgumentList?.Arguments.Count ?? 0;
    }
}
