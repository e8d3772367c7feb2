using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Corpus.MathNetMonteCarlo
{
    /// <summary>Option pricing and portfolio noise the way Math.NET examples draw their numbers.</summary>
    public sealed class Simulator
    {
        private static readonly Random s_source = SystemRandomSource.Default;
        private readonly Normal _shock = new Normal(0, 1);
        private readonly Random _walk = new MersenneTwister();
        private readonly Random _seeded = new MersenneTwister(7);
        private readonly IContinuousDistribution _rate = Gamma.WithShapeRate(2, 1);

        public double Price(double spot, double strike, int paths)
        {
            double sum = 0;
            for (int i = 0; i < paths; i++)
            {
                double jump = Normal.Sample(0, 0.01);
                sum += Math.Max(spot * Math.Exp(_shock.Sample() * 0.2 + jump) - strike, 0);
            }

            return sum / paths;
        }

        public double[] Noise(int count) => Generate.Normal(count, 0, 1).Zip(Generate.Uniform(count), (a, b) => a * b).ToArray();

        public Matrix<double> Covariance(int assets) => Matrix<double>.Build.Random(assets, assets) * Matrix<double>.Build.Random(assets, assets, new Normal(_seeded));

        public int[] Order(int count) => Combinatorics.GeneratePermutation(count);

        public double Walk(int steps)
        {
            var local = new Xorshift(true);
            double position = 0;
            foreach (double step in SystemRandomSource.FastDoubles(steps))
            {
                position += step - 0.5 + local.NextDouble() * 0.01 + MersenneTwister.Default.NextDouble() * 0.001;
            }

            return position + _walk.NextDouble();
        }

        public IEnumerable<double> Bootstrap(double[] data, int rounds) =>
            Enumerable.Range(0, rounds).Select(_ => new DiscreteUniform(0, data.Length - 1).Samples().Take(data.Length).Select(i => data[i]).Mean());

        public double Rate() => _rate.Sample() + new ContinuousUniform(0, 1, s_source).Sample() + _seeded.NextDouble();
    }
}
