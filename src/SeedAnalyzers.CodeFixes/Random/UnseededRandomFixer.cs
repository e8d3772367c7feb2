using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED001: new Random() becomes <c>Determinism.Random("Type.member")</c> (a local: "Type.Method.local"). That call
    /// returns the next sub-stream of the name each time it runs, so every object, every call and every loop iteration
    /// still gets a generator of its own, as new Random() gave it, and the same ones on every run.
    /// <list type="bullet">
    /// <item>Directly in the body of a concurrent region, where the order of those calls would be the thread schedule's:
    /// the stream is taken once before the statement that starts the region and split per index
    /// (<c>var rngWorkers = Determinism.Random("Type.Method.rng");</c>, <c>rngWorkers.ForIndex(i)</c> in the body), or
    /// taken before each task or thread starts (<c>var rngForTask = Determinism.Random(...)</c>).</item>
    /// <item>Without the runtime: <c>new Random(RandomSeeds.Next())</c>, a seed of its own per generator from a
    /// per-type seed source.</item>
    /// <item>No fix where the numbers visibly become a secret or an identifier: those need RandomNumberGenerator.</item>
    /// </list>
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

            string stream = "Determinism.Random(\"" + FixSyntax.StreamName(node, model) + "\")";
            return Region(node, model) switch
            {
                ConcurrentRegion { Index: string index } region => "Take " + stream + " each time " + region.Construct + " starts and give each index its own stream: ForIndex(" + index + ")",
                ConcurrentRegion region => "Take " + stream + " for each " + (region.Worker == "WorkItem" ? "work item" : region.Worker!.ToLowerInvariant()) + " before it starts",
                _ => "Use the named stream " + stream + ", a new sub-stream each time it runs",
            };
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            if (!session.Runtime)
            {
                session.Replace(node, FixSession.SeededSystemRandom(session.PerGeneratorSeed(node)!));
                return;
            }

            ExpressionSyntax stream = session.NamedStream(FixSyntax.StreamName(node, session.Model));
            if (Region(node, session.Model) is ConcurrentRegion region)
            {
                string localBase = LocalBase(node);
                string local = region.LocalName(session, localBase + region.LocalSuffix, lambda => MakesRandom(lambda, localBase));
                session.InsertStatementBefore(region.Statement, FixSyntax.VarDeclaration(local, stream), node.SpanStart);
                stream = region.Index is null ? SyntaxFactory.IdentifierName(local) : region.ForIndex(local);
                if (region.AddsIndex && session.Claim(region.Lambda))
                {
                    session.Editor.ReplaceNode(region.Lambda, (current, _) => region.WithIndexParameter((AnonymousFunctionExpressionSyntax)current, session.Model));
                }
            }

            session.Replace(node, stream);
            session.KeepRandomTypeIfReassigned(node);
        }

        /// <summary>
        /// The concurrent region whose body makes the generator directly (not in a loop or another lambda inside it,
        /// which would make several per work item): there the order of Determinism.Random's calls would be the schedule's.
        /// </summary>
        private static ConcurrentRegion? Region(SyntaxNode node, SemanticModel model) =>
            ConcurrentRegion.Around(node, model) is ConcurrentRegion region && !FixSyntax.RunsRepeatedly(node, region.Lambda) ? region : null;

        /// <summary>
        /// True when <paramref name="lambda"/>'s body makes an unseeded Random that this fix would give a local of base
        /// <paramref name="localBase"/> (the syntax of SEED001's report, without a semantic check: a count for names).
        /// </summary>
        private static bool MakesRandom(AnonymousFunctionExpressionSyntax lambda, string localBase) =>
            lambda.DescendantNodes(n => n == lambda || !(n is AnonymousFunctionExpressionSyntax)).Any(n =>
                n is BaseObjectCreationExpressionSyntax creation && creation.ArgumentList?.Arguments.Count is null or 0
                && (creation is ImplicitObjectCreationExpressionSyntax || creation is ObjectCreationExpressionSyntax { Type: NameSyntax name } && name.ToString() is "Random" or "System.Random")
                && LocalBase(creation) == localBase);

        /// <summary>The local the generator is given to, or "random".</summary>
        private static string LocalBase(SyntaxNode node) =>
            node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ? declarator.Identifier.ValueText : "random";
    }
}
