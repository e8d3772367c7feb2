using System;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

// Monte Carlo price of a European call under geometric Brownian motion with jumps, a bootstrap interval for it,
// and a stress test on three of five noisy quotes. Every run draws other paths, so the price moves from run to run.
var market = new Market(spot: 100, strike: 105, rate: 0.03, volatility: 0.2, years: 1);
var shocks = new Normal(0, 1);
double[] payoffs = new double[20_000];
for (int path = 0; path < payoffs.Length; path++)
{
    payoffs[path] = market.DiscountedPayoff(shocks.Sample());
}

var resampler = new MersenneTwister();
double[] bootstrapMeans = Enumerable.Range(0, 200)
    .Select(_ => Enumerable.Range(0, payoffs.Length).Average(_ => payoffs[resampler.Next(payoffs.Length)]))
    .ToArray();
double[] quotes = Generate.Normal(5, 110, 2.0);
int[] stressOrder = Combinatorics.GeneratePermutation(quotes.Length);
double stressed = stressOrder.Take(3).Average(i => market.WithSpot(quotes[i]).DiscountedPayoff(0));

Console.WriteLine($"price {payoffs.Mean():F6}, 95% interval [{bootstrapMeans.Quantile(0.025):F6}, {bootstrapMeans.Quantile(0.975):F6}], stressed {stressed:F6}");

/// <summary>The option and the market it trades in.</summary>
internal sealed record Market(double spot, double strike, double rate, double volatility, double years)
{
    public Market WithSpot(double quote) => this with { spot = quote };

    /// <summary>The discounted payoff of one path whose diffusion shock is <paramref name="shock"/>, with a small jump.</summary>
    public double DiscountedPayoff(double shock)
    {
        double jump = Normal.Sample(0, 0.01);
        double drift = (rate - (0.5 * volatility * volatility)) * years;
        double terminal = spot * Math.Exp(drift + (volatility * Math.Sqrt(years) * shock) + jump);
        return Math.Exp(-rate * years) * Math.Max(terminal - strike, 0);
    }
}
