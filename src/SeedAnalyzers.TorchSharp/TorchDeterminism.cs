using System;
using System.Collections.Generic;
using TorchSharp;

namespace SeedAnalyzers
{
    /// <summary>
    /// Seeds TorchSharp (CPU and every CUDA device) from the SeedAnalyzers master seed and switches libtorch
    /// to deterministic kernels.
    /// </summary>
    public static class TorchDeterminism
    {
        /// <summary>Initializes the master seed and libtorch determinism settings.</summary>
        public static void Initialize(long seed) => throw new NotImplementedException();

        /// <summary>A torch generator derived from the master seed and <paramref name="name"/>.</summary>
        public static torch.Generator Generator(string name) => throw new NotImplementedException();

        /// <summary>
        /// An epoch-aware shuffle for <c>DataLoader</c>: the k-th enumeration yields the permutation of
        /// <c>0..count-1</c> for epoch k, derived from (master seed, name, k).
        /// </summary>
        public static IEnumerable<long> Shuffler(string name, long count) => throw new NotImplementedException();
    }
}
