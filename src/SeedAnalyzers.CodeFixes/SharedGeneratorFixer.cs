using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED010: inside Parallel.For(…, i =&gt; …) the draw uses the stream of index i: <c>rng.ForIndex(i)</c> for a
    /// DeterministicRandom, otherwise <c>Determinism.Random("Type.rng", i)</c>. Inside Parallel.ForEach without an
    /// index, the lambda switches to the overload that provides one, <c>(item, state, index)</c>. Constructs without an
    /// index (Task.Run, threads, timers) get no automatic fix: the index must be passed in explicitly (rule page).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedGeneratorFixer)), Shared]
    public sealed class SharedGeneratorFixer : SeedFixer
    {
        private const string AddedIndexName = "index";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.GeneratorSharedAcrossThreads);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!(node is ExpressionSyntax generator) || !runtime)
            {
                return null;
            }

            string? index = IndexName(diagnostic, node);
            if (index is null)
            {
                return null;
            }

            return IsDeterministic(generator, model)
                ? "Draw from the stream of index '" + index + "': " + generator + ".ForIndex(" + index + ")"
                : "Draw from the stream of index '" + index + "': Determinism.Random(\"" + StreamName(generator) + "\", " + index + ")";
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            var generator = (ExpressionSyntax)node;
            string index = IndexName(diagnostic, node)!;
            ExpressionSyntax indexExpression = SyntaxFactory.IdentifierName(index);
            ExpressionSyntax stream;
            if (IsDeterministic(generator, session.Model))
            {
                stream = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, generator.WithoutTrivia(), SyntaxFactory.IdentifierName("ForIndex")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(indexExpression))));
            }
            else
            {
                session.UsesRuntime = true;
                stream = SyntaxFactory.InvocationExpression(
                    FixSyntax.DeterminismMember("Random"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(StreamName(generator)))),
                        SyntaxFactory.Argument(indexExpression),
                    })));
            }

            session.Replace(node, stream);
            if (!diagnostic.Properties.ContainsKey(SharedGeneratorAnalyzer.IndexProperty) && ForEachLambda(node) is LambdaExpressionSyntax lambda && session.Claim(lambda))
            {
                session.Editor.ReplaceNode(lambda, (current, _) => WithIndexParameters((LambdaExpressionSyntax)current));
            }
        }

        /// <summary>The index to use: the construct's own, or the one the ForEach overload switch will add.</summary>
        private static string? IndexName(Diagnostic diagnostic, SyntaxNode node)
        {
            if (diagnostic.Properties.TryGetValue(SharedGeneratorAnalyzer.IndexProperty, out string? index) && index != null)
            {
                return index;
            }

            bool isForEach = diagnostic.Properties.TryGetValue(SharedGeneratorAnalyzer.ConstructProperty, out string? construct) && construct == "Parallel.ForEach";
            return isForEach && ForEachLambda(node) != null ? AddedIndexName : null;
        }

        /// <summary>The single-parameter, non-async lambda of Parallel.ForEach around the draw, when the index overload can replace it.</summary>
        private static LambdaExpressionSyntax? ForEachLambda(SyntaxNode node)
        {
            LambdaExpressionSyntax? lambda = node.Ancestors().OfType<LambdaExpressionSyntax>()
                .FirstOrDefault(l => l.Parent is ArgumentSyntax argument && argument.Parent?.Parent is InvocationExpressionSyntax invocation
                    && invocation.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "ForEach");
            if (lambda is null || !lambda.AsyncKeyword.IsKind(SyntaxKind.None))
            {
                return null;
            }

            int parameters = lambda switch
            {
                SimpleLambdaExpressionSyntax _ => 1,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.Count,
                _ => 0,
            };
            bool nameFree = !lambda.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && (t.ValueText == AddedIndexName || t.ValueText == "state"));
            return parameters == 1 && nameFree ? lambda : null;
        }

        private static LambdaExpressionSyntax WithIndexParameters(LambdaExpressionSyntax lambda)
        {
            ParameterSyntax item = lambda is SimpleLambdaExpressionSyntax simple
                ? simple.Parameter
                : ((ParenthesizedLambdaExpressionSyntax)lambda).ParameterList.Parameters[0];
            ParameterListSyntax parameters = SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[]
            {
                item.WithoutTrivia(),
                SyntaxFactory.Parameter(SyntaxFactory.Identifier("state")),
                SyntaxFactory.Parameter(SyntaxFactory.Identifier(AddedIndexName)),
            }));
            return SyntaxFactory.ParenthesizedLambdaExpression(parameters, lambda.Block, lambda.ExpressionBody)
                .WithArrowToken(lambda.ArrowToken)
                .WithTriviaFrom(lambda);
        }

        private static bool IsDeterministic(ExpressionSyntax generator, SemanticModel model) =>
            model.GetTypeInfo(generator).Type is INamedTypeSymbol type
            && type.Name == "DeterministicRandom" && type.ContainingNamespace?.ToDisplayString() == FixSyntax.RuntimeNamespace;

        private static string StreamName(ExpressionSyntax generator)
        {
            string member = generator is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : generator.ToString();
            return FixSyntax.TypeName(generator) + "." + member;
        }
    }
}
