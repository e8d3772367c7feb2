namespace SeedAnalyzers.Analyzers
{
    /// <summary>What an ML.NET trainer's thread count does to its result (measured: docs/rules/SEED041.md, SEED042.md).</summary>
    internal enum TrainerThreading
    {
        /// <summary>Several threads update one model at once: a different model every run (SEED041) unless NumberOfThreads is 1.</summary>
        Races,

        /// <summary>Repeats on one machine, but with NumberOfThreads unset the split of the work follows the processor count (SEED042).</summary>
        DefaultFollowsProcessorCount,

        /// <summary>Repeats on one machine, but with NumberOfThreads unset or above 1 the result follows the processor count (SEED042).</summary>
        FollowsProcessorCount,
    }
}
