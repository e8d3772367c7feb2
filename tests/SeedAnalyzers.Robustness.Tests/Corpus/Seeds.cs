using System;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Corpus.Seeds
{
    public static class SeedFactory
    {
        public static Random FromClock() => new Random(Environment.TickCount);

        public static Random FromTime() => new Random(DateTime.Now.Millisecond);

        public static Random FromTicks() => new Random((int)DateTime.UtcNow.Ticks);

        public static Random FromHash(string name) => new Random(name.GetHashCode());

        public static Random FromObject(object owner) => new Random(owner.GetHashCode() ^ 0x5bd1e995);

        public static Random FromGuid() => new Random(Guid.NewGuid().GetHashCode());

        public static Random FromProcess()
        {
            int seed = Environment.ProcessId * 31 + Environment.TickCount;
            seed ^= Process.GetCurrentProcess().Id;
            return new Random(seed);
        }

        public static Random FromCrypto() => new Random(RandomNumberGenerator.GetInt32(int.MaxValue));

        public static Random FromStopwatch()
        {
            long stamp = Stopwatch.GetTimestamp();
            var seed = unchecked((int)(stamp >> 3));
            return new Random(seed);
        }

        public static Random Combined(string experiment) => new Random(HashCode.Combine(experiment, Environment.TickCount64));

        public static Random Fixed() => new Random(12345);

        public static int NextSeed(Random source) => source.Next();
    }

    public sealed class Experiment
    {
        private readonly int _seed = Environment.TickCount;
        private readonly Random _random;

        public Experiment()
        {
            _random = new Random(_seed);
        }

        public Experiment(string name) : this()
        {
            _random = new Random(name.GetHashCode() + _seed);
        }

        public double Sample() => _random.NextDouble();

        public override int GetHashCode() => _seed;

        public Random Child() => new Random(GetHashCode());
    }
}
