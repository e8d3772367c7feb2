namespace SeedAnalyzers
{
    /// <summary>Options for <see cref="Determinism.Initialize(long, DeterminismOptions)"/>.</summary>
    public sealed class DeterminismOptions
    {
        /// <summary>
        /// Where to write the seed manifest (JSON). The <c>SEED_MANIFEST</c> environment variable, when set,
        /// takes precedence. Null: no manifest file (it is still available as <see cref="Determinism.Manifest"/>).
        /// </summary>
        public string? ManifestPath { get; set; }

        /// <summary>
        /// Whether the <c>SEED</c> environment variable may override the seed given in code (default true).
        /// </summary>
        public bool AllowEnvironmentOverride { get; set; } = true;

        /// <summary>
        /// What an <see cref="Determinism.Initialize(long)"/> does when it changes the seed an earlier one in this
        /// process set (outside sweeps): write one warning naming both seeds (default), or throw.
        /// </summary>
        public SeedChangeAction WhenSeedChanges { get; set; } = SeedChangeAction.Warn;

        /// <summary>
        /// What a draw on a <see cref="Determinism.Shared(string)"/> stream does when another thread is drawing from it
        /// at the same moment: wait its turn, counted and recorded as not reproducible (default), or throw (for tests and CI).
        /// Applies to the streams of this seed and of the sweep runs that follow it.
        /// </summary>
        public ContentionAction WhenSharedStreamContended { get; set; } = ContentionAction.Serialize;
    }

    /// <summary>What <see cref="Determinism.Initialize(long, DeterminismOptions)"/> does when it changes an earlier seed.</summary>
    public enum SeedChangeAction
    {
        /// <summary>Write one warning naming both seeds to <see cref="Determinism.WarningWriter"/>, and change the seed.</summary>
        Warn,

        /// <summary>Throw <see cref="System.InvalidOperationException"/> naming both seeds; the seed stays as it was.</summary>
        Throw,
    }

    /// <summary>What a shared stream does when several threads draw from it at once.</summary>
    public enum ContentionAction
    {
        /// <summary>
        /// Serialize the draws (the stream never corrupts and never throws), count them, warn once and record
        /// "not reproducible: drawn concurrently" in the manifest.
        /// </summary>
        Serialize,

        /// <summary>Throw <see cref="System.InvalidOperationException"/> from the draw that found another thread drawing; the stream is unchanged.</summary>
        Throw,
    }
}
