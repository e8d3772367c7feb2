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
    /// SEED002: Random.Shared stored in a field, property or local becomes the named stream
    /// <c>Determinism.Random("Type.member")</c>; an inline draw (Random.Shared.Next(), a shuffle key, Enumerable.Shuffle)
    /// draws from the type's one stream field <c>s_random</c>, which continues from call to call as Random.Shared
    /// did, so a method or loop never restarts the same stream.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedRandomFixer)), Shared]
    public sealed class SharedRandomFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SharedRandom);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            string suffix = runtime ? string.Empty : " (the SeedAnalyzers runtime is not referenced: seeded with a named constant)";
            switch (Kind(diagnostic))
            {
                case SharedRandomAnalyzer.KindShared when node is ExpressionSyntax:
                    if (runtime && IsStored(node))
                    {
                        return "Use the named stream Determinism.Random(\"" + FixSyntax.StreamName(node) + "\")";
                    }

                    return type is null ? null : "Draw from the type's stream '" + FixSyntax.StreamFieldName + "'" + suffix;
                case SharedRandomAnalyzer.KindShuffle when node is InvocationExpressionSyntax invocation && ShuffleName(invocation) != null:
                    return type is null ? null : "Shuffle with the type's stream '" + FixSyntax.StreamFieldName + "'" + suffix;
                case SharedRandomAnalyzer.KindOrderBy when node is LambdaExpressionSyntax lambda && KeyReceiver(lambda) is var receiver:
                    if (type is null || lambda.ExpressionBody is null || (receiver is null && HasExplicitTypeArguments(lambda)))
                    {
                        return null;
                    }

                    return "Order by draws from the type's stream '" + FixSyntax.StreamFieldName + "'" + suffix;
                default:
                    return null;
            }
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            switch (Kind(diagnostic))
            {
                case SharedRandomAnalyzer.KindShared:
                    session.Replace(node, session.Runtime && IsStored(node) ? session.NamedStream(FixSyntax.StreamName(node)) : session.StreamField(type!));
                    break;
                case SharedRandomAnalyzer.KindShuffle:
                    var invocation = (InvocationExpressionSyntax)node;
                    SimpleNameSyntax name = ShuffleName(invocation)!;
                    InvocationExpressionSyntax ordered = invocation
                        .ReplaceNode(name, SyntaxFactory.IdentifierName("OrderBy").WithTriviaFrom(name))
                        .AddArgumentListArguments(SyntaxFactory.Argument(DrawKey(session.StreamField(type!))));
                    session.Replace(node, ordered);
                    break;
                case SharedRandomAnalyzer.KindOrderBy:
                    var lambda = (LambdaExpressionSyntax)node;
                    ExpressionSyntax stream = session.StreamField(type!);
                    ExpressionSyntax? receiver = KeyReceiver(lambda);
                    session.Replace(
                        lambda.ExpressionBody!,
                        receiver != null ? lambda.ExpressionBody!.ReplaceNode(receiver, stream.WithTriviaFrom(receiver)) : NextDouble(stream));
                    break;
            }
        }

        private static string? Kind(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(SharedRandomAnalyzer.KindProperty, out string? kind) ? kind : null;

        /// <summary>Random.Shared is the whole value given to a field, property or local (not drawn from inline).</summary>
        private static bool IsStored(SyntaxNode node)
        {
            SyntaxNode value = node;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent is CastExpressionSyntax)
            {
                value = value.Parent;
            }

            return !FixSyntax.IsInHotPath(node)
                && (value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value));
        }

        private static SimpleNameSyntax? ShuffleName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member when member.Name.Identifier.ValueText == "Shuffle" && member.Name is IdentifierNameSyntax => member.Name,
            IdentifierNameSyntax identifier when identifier.Identifier.ValueText == "Shuffle" => identifier,
            _ => null,
        };

        /// <summary>In <c>_ =&gt; Random.Shared.Next()</c> or <c>_ =&gt; new Random().Next()</c>, the receiver; null for Guid.NewGuid().</summary>
        private static ExpressionSyntax? KeyReceiver(LambdaExpressionSyntax lambda) =>
            lambda.ExpressionBody is InvocationExpressionSyntax call
            && call.Expression is MemberAccessExpressionSyntax member
            && (member.Expression is BaseObjectCreationExpressionSyntax || (member.Expression is MemberAccessExpressionSyntax inner && inner.Name.Identifier.ValueText == "Shared"))
                ? member.Expression
                : null;

        private static bool HasExplicitTypeArguments(LambdaExpressionSyntax lambda) =>
            lambda.Parent?.Parent?.Parent is InvocationExpressionSyntax invocation
            && invocation.Expression is MemberAccessExpressionSyntax member
            && member.Name is GenericNameSyntax;

        private static ExpressionSyntax NextDouble(ExpressionSyntax stream) =>
            SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, stream, SyntaxFactory.IdentifierName("NextDouble")));

        private static LambdaExpressionSyntax DrawKey(ExpressionSyntax stream) =>
            SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier("_")), NextDouble(stream));
    }
}
