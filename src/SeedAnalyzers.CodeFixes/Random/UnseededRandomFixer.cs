using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED001: new Random() becomes a stream derived from the master seed: <c>Determinism.Random("Type.member")</c>
    /// named after what receives it, or, inside a loop or lambda, <c>Determinism.Shared("Type")</c>, so iterations
    /// keep drawing fresh numbers instead of restarting the same stream. Without the runtime: a named seed constant.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededRandomFixer)), Shared]
    public sealed class UnseededRandomFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnseededRandom);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!(node is ExpressionSyntax))
            {
                return null;
            }

            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            if (!runtime)
            {
                return type is null ? null : "Seed with a named constant (the SeedAnalyzers runtime is not referenced)";
            }

            if (FixSyntax.RunsRepeatedly(node))
            {
                return "Draw from the shared stream Determinism.Shared(\"" + FixSyntax.TypeName(node) + "\")";
            }

            return "Use the named stream Determinism.Random(\"" + FixSyntax.StreamName(node) + "\")";
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            if (!session.Runtime)
            {
                session.Replace(node, FixSession.SeededSystemRandom(session.SeedConstant(type!)));
                return;
            }

            ExpressionSyntax stream = FixSyntax.RunsRepeatedly(node)
                ? session.SharedStream(node)!
                : session.NamedStream(FixSyntax.StreamName(node));
            session.Replace(node, stream);
            session.KeepRandomTypeIfReassigned(node);
        }
    }
}
