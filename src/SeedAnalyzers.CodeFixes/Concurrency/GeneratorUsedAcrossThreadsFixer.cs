using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED010: every shared generator drawn in a concurrent lambda is split, on the thread that starts the region and
    /// each time it starts, into streams of its own for the work items, so the numbers depend on the index or the worker,
    /// not on which thread ran first; the user's generator still decides them (its seed matters), and the next start of
    /// the region (a restart, the next epoch) gets new ones, as the original's continuing draws did.
    /// <list type="bullet">
    /// <item>An index (Parallel.For/ForAsync, Parallel.ForEach with or given an index, PLINQ's Select/Where/SelectMany/
    /// TakeWhile/SkipWhile with or given an index): <c>var rngWorkers = DeterministicRandom.SplitFrom(rng);</c> before the
    /// statement, <c>rngWorkers.ForIndex(i)</c> in the body (a local at the top of the body when it draws several times).
    /// Runtime only: without it no per-index stream is independent of its neighbours.</item>
    /// <item>Parallel.Invoke's actions: action k is worker k. One <c>var rngWorkers = DeterministicRandom.SplitFrom(rng);</c>
    /// before the statement, shared by every action fixed (one at a time or with Fix All), and <c>rngWorkers.ForIndex(k)</c>
    /// with k the action's position as a literal (a local at the top of the action when it draws several times or in a
    /// loop). Without the runtime, each action a <c>new Random(rng.Next())</c> of its own before the statement, in
    /// action order.</item>
    /// <item>One worker per lambda (Task.Run, Task.Factory.StartNew, new Thread, ThreadPool):
    /// <c>var rngForTask = DeterministicRandom.SplitFrom(rng);</c> (without the runtime <c>new Random(rng.Next())</c>)
    /// before the statement that starts it, in a loop or not; the lambda draws from that.</item>
    /// </list>
    /// Elsewhere (no index, a region not started from a statement list, a receiver that cannot be named before the
    /// region, method groups, Parallel.Invoke actions that are not lambdas, helpers, torch.Generator) no fix is offered;
    /// docs/rules/SEED010.md says what to do.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GeneratorUsedAcrossThreadsFixer)), Shared]
    public sealed partial class GeneratorUsedAcrossThreadsFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.GeneratorUsedAcrossThreads);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            return Plan.Create(node, model)?.Title(runtime);
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
