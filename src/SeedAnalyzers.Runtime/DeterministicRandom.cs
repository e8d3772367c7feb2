using System;

namespace SeedAnalyzers
{
    /// <summary>
    /// A <see cref="System.Random"/> whose output is fixed by a published algorithm (Philox4x32-10).
    /// </summary>
    public sealed class DeterministicRandom : Random
    {
        /// <summary>Creates a generator keyed by <paramref name="seed"/>.</summary>
        public DeterministicRandom(long seed) => throw new NotImplementedException();

        /// <summary>A child stream derived from this stream's key and <paramref name="name"/>.</summary>
        public DeterministicRandom Fork(string name) => throw new NotImplementedException();

        /// <summary>The stream for loop index, worker or sample <paramref name="index"/>, in O(1).</summary>
        public DeterministicRandom ForIndex(long index) => throw new NotImplementedException();
    }
}
