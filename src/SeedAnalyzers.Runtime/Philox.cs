using System.Runtime.CompilerServices;

namespace SeedAnalyzers
{
    /// <summary>
    /// Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3", SC11),
    /// the counter-based generator PyTorch uses on CUDA. A pure function of a 128-bit counter and a
    /// 64-bit key, so any output can be computed directly from its position.
    /// </summary>
    internal static class Philox
    {
        internal const uint Multiplier0 = 0xD2511F53;
        internal const uint Multiplier1 = 0xCD9E8D57;
        internal const uint Weyl0 = 0x9E3779B9;
        internal const uint Weyl1 = 0xBB67AE85;

        /// <summary>Encrypts the counter (c0..c3) under key (k0, k1) in place: ten rounds, key bumped between rounds.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Block(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
        {
            uint x0 = c0, x1 = c1, x2 = c2, x3 = c3;
            Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            k0 += Weyl0; k1 += Weyl1; Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
            c0 = x0; c1 = x1; c2 = x2; c3 = x3;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Round(ref uint x0, ref uint x1, ref uint x2, ref uint x3, uint k0, uint k1)
        {
            ulong product0 = (ulong)Multiplier0 * x0;
            ulong product1 = (ulong)Multiplier1 * x2;
            uint y0 = (uint)(product1 >> 32) ^ x1 ^ k0;
            uint y2 = (uint)(product0 >> 32) ^ x3 ^ k1;
            x1 = (uint)product1;
            x3 = (uint)product0;
            x0 = y0;
            x2 = y2;
        }
    }
}
