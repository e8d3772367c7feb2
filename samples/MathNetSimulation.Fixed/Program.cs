using System;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using SeedAnalyzers;

// MathNetSimulation after `dotnet format analyzers --diagnostics SEED045 SEED046 --severity info`, plus one line: the
// master seed. Every run draws the same paths and prints the same price; SEED=7 dotnet run picks another seed.
Determinism.Initialize(Determinism.DefaultSeed);

var market = new Market(spot: 100, strike: 105, rate: 0.03, volatility: 0.2, years: 1);
var shocks = new Normal(0, 1, Determinism.Random("Program.shocks"));
double[] payoffs = new double[20_000];
for (int path = 0; path < payoffs.Length; path++)
{
    payoffs[path] = market.DiscountedPayoff(shocks.Sample());
}

var resampler = new MersenneTwister(Determinism.SeedFor("Program.resampler"));
double[] bootstrapMeans = Enumerable.Range(0, 200)
    .Select(_ => Enumerable.Range(0, payoffs.Length).Average(_ => payoffs[resampler.Next(payoffs.Length)]))
    .ToArray();
double[] quotes = Generate.Random(5, new Normal(110, 2.0, Determinism.Shared("Program")));
int[] stressOrder = Combinatorics.GeneratePermutation(quotes.Length, Determinism.Shared("Program"));
double stressed = stressOrder.Take(3).Average(i => market.WithSpot(quotes[i]).DiscountedPayoff(0));

Console.WriteLine($"seed {Determinism.MasterSeed}: price {payoffs.Mean():F6}, 95% interval [{bootstrapMeans.Quantile(0.025):F6}, {bootstrapMeans.Quantile(0.975):F6}], stressed {stressed:F6}");

/// <summary>The option and the market it trades in.</summary>
internal sealed record Market(double spot, double strike, double rate, double volatility, double years)
{
    public Market WithSpot(double quote) => this with { spot = quote };

    /// <summary>The discounted payoff of one path whose diffusion shock is <paramref name="shock"/>, with a small jump.</summary>
    public double DiscountedPayoff(double shock)
    {
        double jump = Normal.Sample(Determinism.Shared("Market"), 0, 0.01);
        double drift = (rate - (0.5 * volatility * volatility)) * years;
        double terminal = spot * Math.Exp(drift + (volatility * Math.Sqrt(years) * shock) + jump);
        return Math.Exp(-rate * years) * Math.Max(terminal - strike, 0);
    }
}
