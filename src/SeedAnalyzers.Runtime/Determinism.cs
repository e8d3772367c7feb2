using System;

namespace SeedAnalyzers
{
    /// <summary>
    /// The process master seed and the named, indexed streams derived from it.
    /// </summary>
    public static class Determinism
    {
        /// <summary>Environment variable that overrides the seed given to <see cref="Initialize(long)"/>.</summary>
        public const string SeedEnvironmentVariable = "SEED";

        /// <summary>Environment variable naming a path where the seed manifest is written.</summary>
        public const string ManifestEnvironmentVariable = "SEED_MANIFEST";

        /// <summary>The seed used by code fixes and by reads before <see cref="Initialize(long)"/>.</summary>
        public const int DefaultSeed = 0;

        /// <summary>Sets the process master seed (the <c>SEED</c> environment variable wins when set).</summary>
        public static void Initialize(int seed) => throw new NotImplementedException();

        /// <summary>Sets the process master seed (the <c>SEED</c> environment variable wins when set).</summary>
        public static void Initialize(long seed) => throw new NotImplementedException();

        /// <summary>The master seed in force.</summary>
        public static long MasterSeed => throw new NotImplementedException();

        /// <summary>The generator for the stream <paramref name="name"/>, derived from the master seed.</summary>
        public static DeterministicRandom Random(string name) => throw new NotImplementedException();

        /// <summary>The generator for element <paramref name="index"/> of the stream <paramref name="name"/>.</summary>
        public static DeterministicRandom Random(string name, long index) => throw new NotImplementedException();

        /// <summary>A non-negative 32-bit seed derived from the master seed and <paramref name="name"/>, for APIs that take an int seed.</summary>
        public static int SeedFor(string name) => throw new NotImplementedException();
    }
}
