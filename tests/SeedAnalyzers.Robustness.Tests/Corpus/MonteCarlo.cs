using System;
using System.Collections.Generic;
using System.Linq;

namespace Corpus.MonteCarlo
{
    /// <summary>Estimates pi and a few integrals the way most tutorials do.</summary>
    public sealed class Estimator
    {
        private static readonly Random s_shared = new Random();
        private readonly Random _rng = new Random(42);
        private Random _lazy;

        public double EstimatePi(int samples)
        {
            var random = new Random();
            int inside = 0;
            for (int i = 0; i < samples; i++)
            {
                double x = random.NextDouble(), y = random.NextDouble();
                if (x * x + y * y <= 1.0)
                {
                    inside++;
                }
            }

            return 4.0 * inside / samples;
        }

        public double Integrate(Func<double, double> f, double a, double b, int n)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += f(a + (b - a) * Random.Shared.NextDouble());
            }

            return (b - a) * sum / n;
        }

        public IReadOnlyList<int> Permutation(int n) => Enumerable.Range(0, n).OrderBy(_ => Guid.NewGuid()).ToList();

        public int[] ShuffledInPlace(int n)
        {
            int[] values = Enumerable.Range(0, n).ToArray();
            Random.Shared.Shuffle(values);
            return values;
        }

        public double Gaussian()
        {
            _lazy ??= new Random(Environment.TickCount);
            double u1 = 1.0 - _lazy.NextDouble();
            double u2 = 1.0 - _rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
        }

        public int RollDie() => s_shared.Next(1, 7);

        public List<double> Bootstrap(IReadOnlyList<double> data, int rounds)
        {
            var means = new List<double>(rounds);
            Random resampler = new();
            for (int round = 0; round < rounds; round++)
            {
                double total = 0;
                for (int i = 0; i < data.Count; i++)
                {
                    total += data[resampler.Next(data.Count)];
                }

                means.Add(total / data.Count);
            }

            return means;
        }

        public Random Fresh() => Activator.CreateInstance<Random>();

        public Random Reseeded(int seed)
        {
            var rng = new Random(seed);
            rng = new Random(seed + 1);
            return rng;
        }
    }
}
