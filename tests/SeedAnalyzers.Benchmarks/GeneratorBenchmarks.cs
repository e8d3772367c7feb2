using System;
using BenchmarkDotNet.Attributes;

namespace SeedAnalyzers.Benchmarks
{
    /// <summary>
    /// Every DeterministicRandom member against System.Random unseeded (xoshiro256**) and seeded (the legacy
    /// Net5CompatSeedImpl algorithm), all through a <see cref="Random"/>-typed reference, as code that was fixed to use
    /// the runtime calls them. Per-call members run 1000 calls per invocation so call overhead, not timer resolution, is
    /// measured. Targets (issue 14): every member at least as fast as Seeded and within 1.2x of Unseeded.
    /// </summary>
    public class GeneratorBenchmarks
    {
        private const int Calls = 1000;

        private Random _generator = null!;

        [Params("Deterministic", "Unseeded", "Seeded")]
        public string Generator { get; set; } = "Deterministic";

        [GlobalSetup]
        public void Setup() => _generator = Create(Generator);

        internal static Random Create(string generator) => generator switch
        {
            "Deterministic" => new DeterministicRandom(42),
            "Unseeded" => new Random(),
            _ => new Random(42),
        };

        [Benchmark(OperationsPerInvoke = Calls)]
        public int Next()
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.Next();
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public int NextMax()
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.Next(1000);
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public int NextMinMax()
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.Next(-500, 500);
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public double NextDouble()
        {
            double sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.NextDouble();
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public float NextSingle()
        {
            float sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.NextSingle();
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public long NextInt64()
        {
            long sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.NextInt64();
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public long NextInt64Max()
        {
            long sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.NextInt64(1_000_000_000_000);
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public long NextInt64MinMax()
        {
            long sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.NextInt64(-500, 500);
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public byte NextBytes16()
        {
            Span<byte> bytes = stackalloc byte[16];
            byte sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                _generator.NextBytes(bytes);
                sum ^= bytes[0];
            }

            return sum;
        }
    }

    /// <summary>NextBytes over 64 KiB and 64 MiB, against a memory copy of the same size (target: within 2x of it).</summary>
    public class BytesBenchmarks
    {
        private Random _generator = null!;
        private byte[] _buffer = null!;
        private byte[] _source = null!;

        [Params("Deterministic", "Unseeded", "Seeded")]
        public string Generator { get; set; } = "Deterministic";

        [Params(64 * 1024, 64 * 1024 * 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _generator = GeneratorBenchmarks.Create(Generator);
            _buffer = new byte[Bytes];
            _source = new byte[Bytes];
            new Random(1).NextBytes(_source);
        }

        [Benchmark]
        public byte NextBytes()
        {
            _generator.NextBytes(_buffer);
            return _buffer[0];
        }

        [Benchmark]
        public byte MemoryCopy()
        {
            _source.AsSpan().CopyTo(_buffer);
            return _buffer[0];
        }
    }

    /// <summary>Cost of deriving a stream: ForIndex (O(1), one Philox block), Fork by name, a continuing named stream.</summary>
    [MemoryDiagnoser]
    public class DerivationBenchmarks
    {
        private readonly DeterministicRandom _root = new DeterministicRandom(42);
        private long _index;

        [GlobalSetup]
        public void Setup() => Determinism.Initialize(42);

        [Benchmark]
        public int ForIndexThenDraw() => _root.ForIndex(_index++).Next();

        [Benchmark]
        public int ForkByNameThenDraw() => _root.Fork("Trainer.augment").Next();

        /// <summary>What a fixed per-call or per-object generator does: the next sub-stream of a name (target: under 200 ns).</summary>
        [Benchmark]
        public int ContinuingNamedStreamThenDraw() => Determinism.Random("Trainer.augment").Next();

        [Benchmark(Baseline = true)]
        public int NewSeededSystemRandomThenDraw() => new Random((int)_index++).Next();
    }
}
