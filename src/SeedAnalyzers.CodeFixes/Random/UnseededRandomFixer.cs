using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED001: new Random() becomes <c>Determinism.Random("Type.member")</c> (a local: "Type.Method.local"). That call
    /// returns the next sub-stream of the name each time it runs, so every object, every call and every loop iteration
    /// still gets a generator of its own, as new Random() gave it, and the same ones on every run. Without the runtime:
    /// <c>new Random(RandomSeeds.Next())</c>, a seed of its own per generator from a per-type seed source. No fix where the
    /// numbers visibly become a secret or an identifier: those need RandomNumberGenerator, not a reproducible stream.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededRandomFixer)), Shared]
    public sealed class UnseededRandomFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnseededRandom);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!(node is ExpressionSyntax) || SecretUse.IsMarked(diagnostic))
            {
                return null;
            }

            if (!runtime)
            {
                return FixSyntax.ContainingType(node) is null
                    ? null
                    : "Seed each generator from a per-type seed source (the SeedAnalyzers runtime is not referenced)";
            }

            return "Use the named stream Determinism.Random(\"" + FixSyntax.StreamName(node, model) + "\"), a new sub-stream each time it runs";
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            ExpressionSyntax stream = session.Runtime
                ? session.NamedStream(FixSyntax.StreamName(node, session.Model))
                : FixSession.SeededSystemRandom(session.PerGeneratorSeed(node)!);
            session.Replace(node, stream);
            session.KeepRandomTypeIfReassigned(node);
        }
    }
}
