using System;
using System.Linq;
using System.Threading.Tasks;
using SeedAnalyzers;

namespace Corpus.RuntimeUse
{
    // Code that already uses the SeedAnalyzers runtime, with the mistakes still possible on top of it.
    public static class Pipeline
    {
        public static void Start()
        {
            Determinism.Initialize(Environment.TickCount);
            var root = Determinism.Random("Pipeline.root");
            var data = new double[128];
            Parallel.For(0, data.Length, i => data[i] = root.NextDouble());
            Parallel.For(0, data.Length, i => data[i] += root.ForIndex(i).NextDouble());
            var clock = new DeterministicRandom(DateTime.Now.Ticks);
            Console.WriteLine(clock.Next() + data.Sum());
        }

        public static Task<double> Later(DeterministicRandom rng) => Task.Run(() => rng.NextDouble());

        public static int Stable() => new DeterministicRandom(Determinism.SeedFor("Pipeline.stable")).Next();
    }
}
