using System;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// How many variants the fuzz test runs and from which master seed. The default is the CI slice; a long run sets
    /// SEEDANALYZERS_FUZZ_VARIANTS (and SEEDANALYZERS_FUZZ_SEED for another set of mutations).
    /// </summary>
    public static class FuzzSettings
    {
        public const int DefaultVariants = 300;

        public const long DefaultSeed = 20261125;

        public static int Variants => int.TryParse(Environment.GetEnvironmentVariable("SEEDANALYZERS_FUZZ_VARIANTS"), out int variants) && variants > 0 ? variants : DefaultVariants;

        public static long Seed => long.TryParse(Environment.GetEnvironmentVariable("SEEDANALYZERS_FUZZ_SEED"), out long seed) ? seed : DefaultSeed;
    }
}
