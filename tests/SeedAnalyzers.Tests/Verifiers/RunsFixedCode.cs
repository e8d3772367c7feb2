using Xunit;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The tests that run fixed code in this process share the runtime's master seed and its per-name sub-stream
    /// counts: they run one at a time, after the parallel tests, so that no other test sets the seed between two draws.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class RunsFixedCode
    {
        public const string Name = "Runs fixed code";
    }
}
