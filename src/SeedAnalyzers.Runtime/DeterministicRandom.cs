using System;
using System.Runtime.CompilerServices;

namespace SeedAnalyzers
{
    /// <summary>
    /// A drop-in <see cref="System.Random"/> whose output is fixed by a published algorithm, Philox4x32-10,
    /// so the same seed gives the same numbers on every .NET version, OS and architecture (System.Random's
    /// seeded algorithm carries no such promise).
    /// </summary>
    /// <remarks>
    /// <para><b>Stream.</b> The generator produces 32-bit words: block b (b = 0, 1, 2, ...) is Philox4x32-10 of
    /// counter (low32(b), high32(b), N0, N1) under key (K0, K1), read as words x0, x1, x2, x3 in that order.
    /// A seed s gives K0 = low32(s), K1 = high32(s), N0 = N1 = 0. Every member consumes whole words.</para>
    /// <para><b>Conversions.</b> A 64-bit draw is two words, the first the low half.
    /// <see cref="NextDouble"/> = (64-bit draw &gt;&gt; 11) × 2^-53 (53 random bits, in [0, 1));
    /// <c>NextSingle</c> = (word &gt;&gt; 8) × 2^-24 (24 bits, in [0, 1)).
    /// Bounded integers use Lemire's multiply-and-reject method, so every value in a range is equally likely;
    /// a range of size 0 or 1 returns its lower bound and consumes nothing.
    /// <see cref="NextBytes(byte[])"/> writes words little-endian, discarding the unused bytes of the last word.</para>
    /// <para><b>Threads.</b> Like <c>new Random(seed)</c>, a generator from <c>new DeterministicRandom(seed)</c>,
    /// <see cref="Fork"/>, <see cref="ForIndex"/> or <see cref="Determinism.Random(string)"/> is for one thread at a time
    /// and carries no lock, so a draw costs what System.Random's does. Used by several threads at once it never throws
    /// and never breaks for good (System.Random can collapse to returning only zeros), but the threads may receive
    /// repeated or skipped numbers in a scheduling-dependent order: not reproducible. Moving an instance between threads
    /// one call at a time (async code) is fine. For parallel loops derive a stream per index with <see cref="ForIndex"/>,
    /// which is itself safe to call from many threads at once; SEED010 reports a generator shared by concurrent code.
    /// The instance <see cref="Determinism.Shared(string)"/> returns is the exception: it serializes concurrent draws.</para>
    /// <para><b>Not for secrets.</b> The numbers are a pure function of the seed: anyone who knows it knows them. Tokens,
    /// passwords, salts, nonces and keys need <c>System.Security.Cryptography.RandomNumberGenerator</c>.</para>
    /// <para><b>Shuffle and GetItems</b> are not virtual in System.Random. Called through a
    /// <see cref="DeterministicRandom"/> reference they use this class's documented algorithms; called through a
    /// <see cref="System.Random"/> reference, the framework's algorithm runs over this generator's draws.</para>
    /// </remarks>
    public sealed class DeterministicRandom : Random
    {
#if NET8_0_OR_GREATER
        private const int BufferWords = PhiloxBatch.Words;
#else
        private const int BufferWords = 4;
#endif

        private readonly StreamKey _key;
        // Four words (one block) until the stream is drawn from heavily: a ForIndex stream used for one draw stays small.
        private uint[] _buffer = new uint[4];
        private ulong _nextBlock;
        private int _bufferIndex;
        private int _bufferLength;
        // Null except on Determinism.Shared streams, which serialize concurrent draws.
        private readonly SharedStreamGuard? _guard;

        /// <summary>Creates the root stream of <paramref name="seed"/> (not derived from the master seed).</summary>
        public DeterministicRandom(long seed)
            : this(StreamKey.FromSeed(seed))
        {
        }

        internal DeterministicRandom(StreamKey key)
            : base(0)
        {
            _key = key;
        }

        internal DeterministicRandom(StreamKey key, SharedStreamGuard guard)
            : this(key)
        {
            _guard = guard;
        }

        internal StreamKey Key => _key;

        /// <summary>
        /// A child stream derived from this stream's identity and <paramref name="name"/> (not from its position:
        /// forking never consumes numbers, and the same name always gives the same child).
        /// </summary>
        public DeterministicRandom Fork(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            return new DeterministicRandom(_key.DeriveName(name));
        }

        /// <summary>
        /// A new root stream keyed by 64 bits drawn from <paramref name="parent"/>, for the workers of one execution of a
        /// concurrent region: <c>var workers = DeterministicRandom.SplitFrom(_random);</c> before a <c>Parallel.For</c>, and
        /// <c>workers.ForIndex(i)</c> inside it. The seed of <paramref name="parent"/> still decides every number, each
        /// execution of the region (a restart, the next epoch) draws new bits and so gets new worker streams, and within
        /// one execution worker i's numbers do not depend on scheduling or the thread count.
        /// </summary>
        /// <remarks>
        /// Exactly one call on <paramref name="parent"/>, on the calling thread: <c>NextBytes</c> of an 8-byte array; the
        /// bytes, read little-endian as b, give the root key (low32(b), high32(b)) with nonce ("SPLT" = 0x544C5053, 0),
        /// apart from every seed's root (nonce 0). Call it where the region starts, not inside it.
        /// </remarks>
        public static DeterministicRandom SplitFrom(Random parent)
        {
            if (parent is null)
            {
                throw new ArgumentNullException(nameof(parent));
            }

            var bits = new byte[8];
            parent.NextBytes(bits);
            ulong key = 0;
            for (int i = 7; i >= 0; i--)
            {
                key = (key << 8) | bits[i];
            }

            return new DeterministicRandom(StreamKey.FromSplit(key));
        }

        /// <summary>
        /// The stream for loop index, worker or sample <paramref name="index"/>, in O(1). Depends only on this
        /// stream's identity and the index, so <c>Parallel.For</c> bodies drawing from <c>rng.ForIndex(i)</c> get
        /// the same numbers whatever the thread count or scheduling. Safe to call from many threads at once.
        /// </summary>
        public DeterministicRandom ForIndex(long index) => new DeterministicRandom(_key.DeriveIndex(index));

        /// <summary>A non-negative integer less than <see cref="int.MaxValue"/>.</summary>
        public override int Next()
        {
            Enter();

            // Lemire's method for range int.MaxValue, whose rejection threshold (2^32 mod range) is 2: the same draws
            // as NextBounded(int.MaxValue) without the division it computes whenever the low half is below the range.
            ulong product = (ulong)NextUInt32Unchecked() * int.MaxValue;
            while ((uint)product < 2)
            {
                product = (ulong)NextUInt32Unchecked() * int.MaxValue;
            }

            Exit();
            return (int)(product >> 32);
        }

        /// <summary>A non-negative integer less than <paramref name="maxValue"/>.</summary>
        public override int Next(int maxValue)
        {
            if (maxValue < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "maxValue must be non-negative.");
            }

            Enter();
            int value = (int)NextBounded((uint)maxValue);
            Exit();
            return value;
        }

        /// <summary>An integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
        public override int Next(int minValue, int maxValue)
        {
            if (minValue > maxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(minValue), minValue, "minValue must not exceed maxValue.");
            }

            Enter();
            int value = (int)(minValue + NextBounded((uint)((long)maxValue - minValue)));
            Exit();
            return value;
        }

        /// <summary>A number in [0, 1) with 53 random bits.</summary>
        public override double NextDouble()
        {
            Enter();
            double value = ToDouble(NextUInt64Unchecked());
            Exit();
            return value;
        }

        /// <summary>Same as <see cref="NextDouble"/>.</summary>
        protected override double Sample() => NextDouble();

        /// <summary>Fills <paramref name="buffer"/> with random bytes (words written little-endian).</summary>
        public override void NextBytes(byte[] buffer)
        {
            if (buffer is null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

#if NET8_0_OR_GREATER
            NextBytes(buffer.AsSpan());
#else
            Enter();
            int offset = 0;
            while (offset < buffer.Length)
            {
                uint word = NextUInt32Unchecked();
                for (int i = 0; i < 4 && offset < buffer.Length; i++, offset++)
                {
                    buffer[offset] = (byte)(word >> (8 * i));
                }
            }

            Exit();
#endif
        }

        /// <summary>A non-negative integer less than <see cref="long.MaxValue"/>.</summary>
#if NET8_0_OR_GREATER
        public override long NextInt64()
#else
        public long NextInt64()
#endif
        {
            Enter();

            // As Next(): for range long.MaxValue the threshold (2^64 mod range) is 2, so no 64-bit division is needed.
            ulong high = MultiplyHigh(NextUInt64Unchecked(), long.MaxValue, out ulong low);
            while (low < 2)
            {
                high = MultiplyHigh(NextUInt64Unchecked(), long.MaxValue, out low);
            }

            Exit();
            return (long)high;
        }

        /// <summary>A non-negative integer less than <paramref name="maxValue"/>.</summary>
#if NET8_0_OR_GREATER
        public override long NextInt64(long maxValue)
#else
        public long NextInt64(long maxValue)
#endif
        {
            if (maxValue < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "maxValue must be non-negative.");
            }

            Enter();
            long value = (long)NextBounded64((ulong)maxValue);
            Exit();
            return value;
        }

        /// <summary>An integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
#if NET8_0_OR_GREATER
        public override long NextInt64(long minValue, long maxValue)
#else
        public long NextInt64(long minValue, long maxValue)
#endif
        {
            if (minValue > maxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(minValue), minValue, "minValue must not exceed maxValue.");
            }

            Enter();
            long value = (long)((ulong)minValue + NextBounded64((ulong)maxValue - (ulong)minValue));
            Exit();
            return value;
        }

#if NET8_0_OR_GREATER
        /// <summary>A number in [0, 1) with 24 random bits.</summary>
        public override float NextSingle()
        {
            Enter();
            float value = (NextUInt32Unchecked() >> 8) * (1.0f / (1 << 24));
            Exit();
            return value;
        }

        /// <summary>Fills <paramref name="buffer"/> with random bytes (words written little-endian).</summary>
        public override void NextBytes(Span<byte> buffer)
        {
            Enter();

            // The buffered words first, as one copy on little-endian machines (the words' bytes are already in order).
            uint[] buffered = _buffer;
            int first = _bufferIndex;
            int words = Math.Min(Math.Min(_bufferLength, buffered.Length) - first, buffer.Length / 4);
            if (words > 0 && BitConverter.IsLittleEndian)
            {
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffered.AsSpan(first, words)).CopyTo(buffer);
                _bufferIndex = first + words;
                buffer = buffer.Slice(words * 4);
            }

            while (_bufferIndex < _bufferLength && buffer.Length >= 4)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer, NextUInt32Unchecked());
                buffer = buffer.Slice(4);
            }

            // Whole blocks straight from the counter: the same words the buffer would have handed out.
            if (PhiloxBatch.IsSupported && BitConverter.IsLittleEndian)
            {
                while (buffer.Length >= PhiloxBatch.Words * 4 && (uint)_nextBlock <= uint.MaxValue - PhiloxBatch.Blocks)
                {
                    unsafe
                    {
                        fixed (byte* destination = buffer)
                        {
                            PhiloxBatch.Write((uint*)destination, _nextBlock, _key.N0, _key.N1, _key.K0, _key.K1);
                        }
                    }

                    _nextBlock += PhiloxBatch.Blocks;
                    buffer = buffer.Slice(PhiloxBatch.Words * 4);
                }
            }

            while (buffer.Length >= 16)
            {
                uint c0 = (uint)_nextBlock, c1 = (uint)(_nextBlock >> 32), c2 = _key.N0, c3 = _key.N1;
                Philox.Block(ref c0, ref c1, ref c2, ref c3, _key.K0, _key.K1);
                _nextBlock++;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer, c0);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer.Slice(4), c1);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer.Slice(8), c2);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer.Slice(12), c3);
                buffer = buffer.Slice(16);
            }

            while (buffer.Length > 0)
            {
                uint word = NextUInt32Unchecked();
                int count = Math.Min(4, buffer.Length);
                for (int i = 0; i < count; i++)
                {
                    buffer[i] = (byte)(word >> (8 * i));
                }

                buffer = buffer.Slice(count);
            }

            Exit();
        }

        /// <summary>
        /// Shuffles <paramref name="values"/> in place: for i from n-1 down to 1, swap element i with element
        /// j = bounded draw in [0, i]. (Fisher-Yates, documented so the permutation never changes.)
        /// </summary>
        public new void Shuffle<T>(Span<T> values)
        {
            Enter();
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = (int)NextBounded((uint)i + 1);
                T swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }

            Exit();
        }

        /// <summary>Shuffles <paramref name="values"/> in place with the algorithm of <see cref="Shuffle{T}(Span{T})"/>.</summary>
        public new void Shuffle<T>(T[] values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            Shuffle(values.AsSpan());
        }

        /// <summary>Fills <paramref name="destination"/> with elements of <paramref name="choices"/>, each drawn uniformly.</summary>
        public new void GetItems<T>(ReadOnlySpan<T> choices, Span<T> destination)
        {
            if (choices.IsEmpty)
            {
                throw new ArgumentException("choices must not be empty.", nameof(choices));
            }

            Enter();
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = choices[(int)NextBounded((uint)choices.Length)];
            }

            Exit();
        }

        /// <summary>An array of <paramref name="length"/> elements of <paramref name="choices"/>, each drawn uniformly.</summary>
        public new T[] GetItems<T>(ReadOnlySpan<T> choices, int length)
        {
            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "length must be non-negative.");
            }

            var items = new T[length];
            GetItems(choices, items.AsSpan());
            return items;
        }

        /// <summary>An array of <paramref name="length"/> elements of <paramref name="choices"/>, each drawn uniformly.</summary>
        public new T[] GetItems<T>(T[] choices, int length)
        {
            if (choices is null)
            {
                throw new ArgumentNullException(nameof(choices));
            }

            return GetItems(new ReadOnlySpan<T>(choices), length);
        }
#endif

        internal static double ToDouble(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Enter() => _guard?.Enter();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Exit() => _guard?.Exit();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private uint NextUInt32Unchecked()
        {
            // The buffer is read once, and the index checked against it too, so a racing refill on an unguarded
            // instance used by several threads can repeat or skip words but never index outside the array.
            uint[] buffer = _buffer;
            int index = _bufferIndex;
            if (index < _bufferLength && (uint)index < (uint)buffer.Length)
            {
                _bufferIndex = index + 1;
                return buffer[index];
            }

            return Refill();
        }

        /// <summary>
        /// Computes the next words. The first refill computes one block, so a stream used for a draw or two (ForIndex)
        /// pays for one; later refills compute sixteen at once with AVX2 where available. The words are the same.
        /// </summary>
        private uint Refill()
        {
#if NET8_0_OR_GREATER
            if (_bufferLength != 0 && PhiloxBatch.IsSupported && (uint)_nextBlock <= uint.MaxValue - PhiloxBatch.Blocks)
            {
                uint[] buffer = _buffer;
                if (buffer.Length < BufferWords)
                {
                    buffer = new uint[BufferWords];
                    _buffer = buffer;
                }

                unsafe
                {
                    fixed (uint* words = buffer)
                    {
                        PhiloxBatch.Write(words, _nextBlock, _key.N0, _key.N1, _key.K0, _key.K1);
                    }
                }

                _nextBlock += PhiloxBatch.Blocks;
                _bufferLength = PhiloxBatch.Words;
                _bufferIndex = 1;
                return buffer[0];
            }
#endif
            uint c0 = (uint)_nextBlock, c1 = (uint)(_nextBlock >> 32), c2 = _key.N0, c3 = _key.N1;
            Philox.Block(ref c0, ref c1, ref c2, ref c3, _key.K0, _key.K1);
            _nextBlock++;
            uint[] small = _buffer;
            small[1] = c1;
            small[2] = c2;
            small[3] = c3;
            _bufferLength = 4;
            _bufferIndex = 1;
            return c0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong NextUInt64Unchecked()
        {
            // Both words from the buffer at once when it holds two: the same words, one check instead of two.
            uint[] buffer = _buffer;
            int index = _bufferIndex;
            if (index + 1 < _bufferLength && (uint)(index + 1) < (uint)buffer.Length)
            {
                _bufferIndex = index + 2;
                return buffer[index] | ((ulong)buffer[index + 1] << 32);
            }

            ulong low = NextUInt32Unchecked();
            return low | ((ulong)NextUInt32Unchecked() << 32);
        }

        /// <summary>Lemire's nearly divisionless method: uniform in [0, range).</summary>
        private uint NextBounded(uint range)
        {
            if (range <= 1)
            {
                return 0;
            }

            ulong product = (ulong)NextUInt32Unchecked() * range;
            uint low = (uint)product;
            if (low < range)
            {
                uint threshold = (0u - range) % range;
                while (low < threshold)
                {
                    product = (ulong)NextUInt32Unchecked() * range;
                    low = (uint)product;
                }
            }

            return (uint)(product >> 32);
        }

        /// <summary>Lemire's method on 64-bit draws: uniform in [0, range).</summary>
        private ulong NextBounded64(ulong range)
        {
            if (range <= uint.MaxValue)
            {
                return NextBounded((uint)range);
            }

            ulong high = MultiplyHigh(NextUInt64Unchecked(), range, out ulong low);
            if (low < range)
            {
                ulong threshold = (0UL - range) % range;
                while (low < threshold)
                {
                    high = MultiplyHigh(NextUInt64Unchecked(), range, out low);
                }
            }

            return high;
        }
[MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
        {
#if NET8_0_OR_GREATER
            return Math.BigMul(a, b, out low);
#else
            return MultiplyHighPortable(a, b, out low);
#endif
        }

        /// <summary>The 128-bit product of two 64-bit words from 32-bit halves, for netstandard2.0 (tested against Math.BigMul).</summary>
        internal static ulong MultiplyHighPortable(ulong a, ulong b, out ulong low)
        {
            ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
            ulong lowLow = aLow * bLow, highLow = aHigh * bLow, lowHigh = aLow * bHigh, highHigh = aHigh * bHigh;
            ulong middle = (lowLow >> 32) + (uint)highLow + (uint)lowHigh;
            low = (middle << 32) | (uint)lowLow;
            return highHigh + (highLow >> 32) + (lowHigh >> 32) + (middle >> 32);
        }
    }
}
