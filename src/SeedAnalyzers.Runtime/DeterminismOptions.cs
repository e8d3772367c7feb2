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
    }
}
