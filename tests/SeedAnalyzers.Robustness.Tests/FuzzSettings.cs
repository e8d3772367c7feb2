using System;
using System.Globalization;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// How many variants the fuzz test runs and from which master seed. The default is the CI slice; a long run sets
    /// SEEDANALYZERS_FUZZ_VARIANTS (and SEEDANALYZERS_FUZZ_SEED for another set of mutations). To rerun one variant a
    /// failure names, SEEDANALYZERS_FUZZ_VARIANT=Source#index (e.g. <c>Corpus/Script.cs#48</c>) checks only that one.
    /// </summary>
    public static class FuzzSettings
    {
        public const int DefaultVariants = 300;

        public const long DefaultSeed = 20261125;

        public static int Variants => int.TryParse(Environment.GetEnvironmentVariable("SEEDANALYZERS_FUZZ_VARIANTS"), out int variants) && variants > 0 ? variants : DefaultVariants;

        public static long Seed => long.TryParse(Environment.GetEnvironmentVariable("SEEDANALYZERS_FUZZ_SEED"), out long seed) ? seed : DefaultSeed;

        /// <summary>The one variant to check, or null for the whole run.</summary>
        public static (string Source, int Index)? SingleVariant
        {
            get
            {
                string? value = Environment.GetEnvironmentVariable("SEEDANALYZERS_FUZZ_VARIANT");
                if (string.IsNullOrWhiteSpace(value))
                {
                    return null;
                }

                int hash = value.LastIndexOf('#');
                if (hash <= 0 || !int.TryParse(value.Substring(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    throw new InvalidOperationException($"SEEDANALYZERS_FUZZ_VARIANT='{value}': expected Source#index, e.g. Corpus/Script.cs#48");
                }

                return (value.Substring(0, hash), index);
            }
        }

        /// <summary>The environment setting that selects one variant, as a failure message prints it.</summary>
        public static string SingleVariantSetting(string source, int index) => $"SEEDANALYZERS_FUZZ_VARIANT={source}#{index}";
    }
}
