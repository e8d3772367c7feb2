using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED010: every shared generator drawn in a concurrent lambda draws from a stream of its own for the work
    /// item instead, so the numbers depend on the index, not on which thread ran first.
    /// <list type="bullet">
    /// <item>Parallel.For/ForAsync, Parallel.ForEach with an index: <c>rng.ForIndex(i)</c> for a
    /// DeterministicRandom, otherwise <c>Determinism.Random("Type.rng", i)</c>; one draw is rewritten in place,
    /// several draws (or one in a nested loop or lambda) share a local made at the top of the body, since
    /// a fresh per-index stream per draw would repeat the same first number.</item>
    /// <item>Parallel.ForEach over an IEnumerable without an index: switches to the (item, state, index) overload.</item>
    /// <item>Task.Run, Task.Factory.StartNew, new Thread, ThreadPool inside a <c>for</c> loop: a per-task stream from
    /// the loop counter, made before the task starts (on the starting thread, so the counter is read in order).</item>
    /// </list>
    /// Elsewhere (no index or counter, method groups, torch.Generator) no fix is offered; docs/rules/SEED010.md says what to do.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GeneratorUsedAcrossThreadsFixer)), Shared]
    public sealed partial class GeneratorUsedAcrossThreadsFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.GeneratorUsedAcrossThreads);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            Plan? plan = Plan.Create(node, model);
            if (plan is null || (!runtime && !plan.FixableWithoutRuntime))
            {
                return null;
            }

            string stream = plan.Counter is null ? "the per-index stream" : "a per-task stream from the loop counter '" + plan.Counter + "'";
            string title = plan.AddsIndex ? "Use the Parallel.ForEach overload with an index and draw from " + stream : "Draw from " + stream;
            return runtime ? title : title + " (the SeedAnalyzers runtime is not referenced: new Random(<seed constant> + index))";
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            Plan? plan = Plan.Create(node, session.Model);
            if (plan != null && session.Claim(plan.Lambda))
            {
                plan.Apply(session);
            }
        }
    }
}
