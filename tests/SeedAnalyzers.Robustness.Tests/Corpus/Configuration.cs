using System;
using System.Collections.Generic;
using System.Linq;

namespace Corpus.Configuration
{
    // Configuration code as projects have it before adopting SeedAnalyzers: a RandomSeed option and a home-grown
    // Determinism helper, both names the fixes also use.
    public sealed class TrainingOptions
    {
        private readonly Random _shuffle = new Random();

        public int RandomSeed { get; init; } = 42;

        public int Epochs { get; init; } = 10;

        public IEnumerable<int> Order(int count) => Enumerable.Range(0, count).OrderBy(_ => _shuffle.Next());

        public Random Initializer() => new Random(RandomSeed);
    }

    internal static class Determinism
    {
        public static int Seed(string name) => name.Length * 7919;
    }

    public sealed class Sampler
    {
        private readonly Random _rng = new Random(Environment.TickCount);

        public double Next() => _rng.NextDouble() + Determinism.Seed("sampler");

        public int Pick(int count) => Random.Shared.Next(count);
    }
}
