using System;
using System.Text;

namespace SeedAnalyzers
{
    /// <summary>
    /// The 128-bit identity of a stream: a Philox key (K0, K1) and a nonce (N0, N1) that fills the upper
    /// half of every output counter. Derivations are pure functions of the parent identity and a label,
    /// so a stream's numbers depend only on its path (master seed, name, index), never on creation order.
    /// </summary>
    internal readonly struct StreamKey : IEquatable<StreamKey>
    {
        // ASCII "NAME" and "INDX": tweak the key so derivations never evaluate Philox at a point that
        // output generation under the parent key also uses.
        private const uint NameTweak = 0x454D414E;
        private const uint IndexTweak = 0x58444E49;

        // ASCII "SUBS": the key tweak of continuing sub-streams, a third path beside names and indices.
        private const uint SubstreamTweak = 0x53425553;

        // ASCII "SPLT": the nonce of a root split from a System.Random, apart from every seed's root (nonce 0).
        private const uint SplitNonce = 0x544C5053;

        internal readonly uint K0;
        internal readonly uint K1;
        internal readonly uint N0;
        internal readonly uint N1;

        internal StreamKey(uint k0, uint k1, uint n0, uint n1)
        {
            K0 = k0;
            K1 = k1;
            N0 = n0;
            N1 = n1;
        }

        /// <summary>The root stream of a seed: key = (low 32 bits, high 32 bits) of the seed, nonce = 0.</summary>
        internal static StreamKey FromSeed(long seed) => new StreamKey((uint)seed, (uint)((ulong)seed >> 32), 0, 0);

        /// <summary>
        /// The root of a stream split from another generator's 64 bits <paramref name="bits"/>: key = (low32(bits),
        /// high32(bits)), nonce = ("SPLT" = 0x544C5053, 0), so it is never the root of a seed (whose nonce is 0).
        /// </summary>
        internal static StreamKey FromSplit(ulong bits) => new StreamKey((uint)bits, (uint)(bits >> 32), SplitNonce, 0);

        /// <summary>
        /// Sub-stream <paramref name="k"/> (k ≥ 1) of a named stream: Philox4x32-10 of counter (low32(k), high32(k), N0,
        /// N1) under key (K0 ^ "SUBS", K1 ^ "SUBS") with "SUBS" = 0x53425553; the four output words are the child's K0,
        /// K1, N0, N1. The key differs from the index derivation's, so no sub-stream is an indexed stream. O(1).
        /// </summary>
        internal StreamKey DeriveSubstream(long k) => Derive((ulong)k, SubstreamTweak);

        /// <summary>
        /// Child for <paramref name="index"/>: Philox4x32-10 of counter (low32(i), high32(i), N0, N1) under key
        /// (K0 ^ "INDX", K1 ^ "INDX"); the four output words are the child's K0, K1, N0, N1. O(1).
        /// </summary>
        internal StreamKey DeriveIndex(long index) => Derive((ulong)index, IndexTweak);

        /// <summary>
        /// Child for <paramref name="name"/>: its UTF-8 bytes are absorbed CBC-MAC style under key
        /// (K0 ^ "NAME", K1 ^ "NAME"): h = Philox(byteLength, 0, N0, N1); then for each 8-byte chunk
        /// (zero-padded, two little-endian words w0, w1): h = Philox(h0 ^ w0, h1 ^ w1, h2, h3).
        /// The final h is the child's K0, K1, N0, N1. Length-prefixed, so "a" and "a\0" differ.
        /// </summary>
        internal StreamKey DeriveName(string name)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(name);
            uint k0 = K0 ^ NameTweak, k1 = K1 ^ NameTweak;
            uint h0 = (uint)bytes.Length, h1 = 0, h2 = N0, h3 = N1;
            Philox.Block(ref h0, ref h1, ref h2, ref h3, k0, k1);
            for (int offset = 0; offset < bytes.Length; offset += 8)
            {
                h0 ^= ReadWord(bytes, offset);
                h1 ^= ReadWord(bytes, offset + 4);
                Philox.Block(ref h0, ref h1, ref h2, ref h3, k0, k1);
            }

            return new StreamKey(h0, h1, h2, h3);
        }

        private StreamKey Derive(ulong label, uint tweak)
        {
            uint c0 = (uint)label, c1 = (uint)(label >> 32), c2 = N0, c3 = N1;
            Philox.Block(ref c0, ref c1, ref c2, ref c3, K0 ^ tweak, K1 ^ tweak);
            return new StreamKey(c0, c1, c2, c3);
        }

        private static uint ReadWord(byte[] bytes, int offset)
        {
            uint word = 0;
            for (int i = 3; i >= 0; i--)
            {
                int position = offset + i;
                word = (word << 8) | (position < bytes.Length ? bytes[position] : 0u);
            }

            return word;
        }

        public bool Equals(StreamKey other) => K0 == other.K0 && K1 == other.K1 && N0 == other.N0 && N1 == other.N1;

        public override bool Equals(object? obj) => obj is StreamKey other && Equals(other);

        public override int GetHashCode() => (int)(K0 ^ (K1 * 31) ^ (N0 * 961) ^ (N1 * 29791));

        public override string ToString() => $"{K0:x8}{K1:x8}-{N0:x8}{N1:x8}";
    }
}
