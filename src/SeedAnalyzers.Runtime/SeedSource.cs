namespace SeedAnalyzers
{
    /// <summary>Where the master seed in force came from.</summary>
    public enum SeedSource
    {
        /// <summary>Nothing set it: <see cref="Determinism.DefaultSeed"/> is used and a warning was written once.</summary>
        Default,

        /// <summary><see cref="Determinism.Initialize(long)"/> in code.</summary>
        Code,

        /// <summary>The <c>SEED</c> environment variable, which overrides the seed given in code.</summary>
        Environment,

        /// <summary>A seed manifest written by an earlier run (<see cref="Determinism.Initialize(SeedManifest)"/>).</summary>
        Manifest,

        /// <summary>A <see cref="SeedSweep"/> run, which sets each seed explicitly.</summary>
        Sweep,

        /// <summary>A <see cref="Reproducibility"/> run, which sets the seed it verifies explicitly.</summary>
        Verify,
    }
}
