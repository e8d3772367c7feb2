using System;
using BenchmarkDotNet.Attributes;

namespace SeedAnalyzers.Benchmarks
{
    /// <summary>
    /// DeterministicRandom against System.Random unseeded (xoshiro256**) and seeded (the legacy
    /// Net5CompatSeedImpl algorithm). Per-call members run 1000 calls per invocation so call overhead,
    /// not timer resolution, is measured.
    /// </summary>
    [MemoryDiagnoser]
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
        public int NextInt()
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += _generator.Next(1000);
            }

            return sum;
        }
    }

    /// <summary>NextBytes over 64 KiB and 64 MiB.</summary>
    public class BytesBenchmarks
    {
        private Random _generator = null!;
        private byte[] _buffer = null!;

        [Params("Deterministic", "Unseeded", "Seeded")]
        public string Generator { get; set; } = "Deterministic";

        [Params(64 * 1024, 64 * 1024 * 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _generator = GeneratorBenchmarks.Create(Generator);
            _buffer = new byte[Bytes];
        }

        [Benchmark]
        public byte NextBytes()
        {
            _generator.NextBytes(_buffer);
            return _buffer[0];
        }
    }

    /// <summary>Cost of deriving a stream: ForIndex (O(1), one Philox block) and Fork by name.</summary>
    [MemoryDiagnoser]
    public class DerivationBenchmarks
    {
        private readonly DeterministicRandom _root = new DeterministicRandom(42);
        private long _index;

        [Benchmark]
        public int ForIndexThenDraw() => _root.ForIndex(_index++).Next();

        [Benchmark]
        public int ForkByNameThenDraw() => _root.Fork("Trainer.augment").Next();

        [Benchmark(Baseline = true)]
        public int NewSeededSystemRandomThenDraw() => new Random((int)_index++).Next();
    }
}
