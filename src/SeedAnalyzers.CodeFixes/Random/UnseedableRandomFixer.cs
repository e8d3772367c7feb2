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
    /// SEED002: every draw from a generator nobody can seed draws from <c>Determinism.Shared(...)</c> instead: one
    /// continuing stream, thread-safe as Random.Shared is (concurrent draws are serialized, never corrupted), that
    /// restarts when the master seed is set again. Random.Shared stored in a field, property or local gets a stream named
    /// after it (<c>"Type.member"</c>, a local <c>"Type.Method.local"</c>); an inline draw (Random.Shared.Next(), a shuffle
    /// key, Enumerable.Shuffle) the type's stream <c>"Type"</c>. Only with the runtime: without it nothing is both
    /// reproducible and thread-safe, and a plain static Random would turn working concurrent code into corrupting code.
    /// No fix where the numbers visibly become a secret or an identifier.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseedableRandomFixer)), Shared]
    public sealed class UnseedableRandomFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnseedableRandom);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!runtime || SecretUse.IsMarked(diagnostic))
            {
                return null;
            }

            string shared = "the shared stream Determinism.Shared(\"" + FixSyntax.TypeName(node) + "\")";
            switch (Kind(diagnostic))
            {
                case UnseedableRandomAnalyzer.KindRandomShared when node is ExpressionSyntax:
                    return IsStored(node)
                        ? "Use the shared stream Determinism.Shared(\"" + FixSyntax.StreamName(node, model) + "\")"
                        : "Draw from " + shared;
                case UnseedableRandomAnalyzer.KindShuffle when node is InvocationExpressionSyntax invocation && ShuffleName(invocation) != null:
                    return "Shuffle with " + shared;
                case UnseedableRandomAnalyzer.KindOrderBy when node is LambdaExpressionSyntax lambda && KeyReceiver(lambda) is var receiver:
                    if (lambda.ExpressionBody is null || (receiver is null && HasExplicitTypeArguments(lambda)))
                    {
                        return null;
                    }

                    return "Order by draws from " + shared;
                default:
                    return null;
            }
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            switch (Kind(diagnostic))
            {
                case UnseedableRandomAnalyzer.KindRandomShared:
                    session.Replace(node, IsStored(node) ? session.SharedStream(FixSyntax.StreamName(node, session.Model)) : session.SharedStream(node));
                    session.KeepRandomTypeIfReassigned(node);
                    break;
                case UnseedableRandomAnalyzer.KindShuffle:
                    var invocation = (InvocationExpressionSyntax)node;
                    SimpleNameSyntax name = ShuffleName(invocation)!;
                    InvocationExpressionSyntax ordered = invocation
                        .ReplaceNode(name, SyntaxFactory.IdentifierName("OrderBy").WithTriviaFrom(name))
                        .AddArgumentListArguments(SyntaxFactory.Argument(DrawKey(session.SharedStream(node))));
                    session.Replace(node, ordered);
                    break;
                case UnseedableRandomAnalyzer.KindOrderBy:
                    var lambda = (LambdaExpressionSyntax)node;
                    ExpressionSyntax stream = session.SharedStream(node);
                    ExpressionSyntax? receiver = KeyReceiver(lambda);
                    session.Replace(
                        lambda.ExpressionBody!,
                        receiver != null ? lambda.ExpressionBody!.ReplaceNode(receiver, stream.WithTriviaFrom(receiver)) : NextDouble(stream));
                    break;
            }
        }

        private static string? Kind(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(UnseedableRandomAnalyzer.KindProperty, out string? kind) ? kind : null;

        /// <summary>Random.Shared is the whole value given to a field, property or local (not drawn from inline).</summary>
        private static bool IsStored(SyntaxNode node)
        {
            SyntaxNode value = node;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent is CastExpressionSyntax)
            {
                value = value.Parent;
            }

            return value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value);
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
