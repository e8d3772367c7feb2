using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SeedAnalyzers
{
    /// <summary>
    /// The metric across seeds: per-seed values, mean, sample standard deviation, min, max, median and a 95%
    /// confidence interval of the mean (Student's t with n - 1 degrees of freedom).
    /// </summary>
    public sealed class SeedSweepResult
    {
        // Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
        private static readonly double[] TQuantiles975 =
        {
            12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
            2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
            2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
        };

        private readonly double[] _sorted;

        internal SeedSweepResult(IReadOnlyList<SeedRun> runs)
        {
            Runs = runs;
            _sorted = runs.Where(run => run.Succeeded).Select(run => run.Value).OrderBy(value => value).ToArray();
            int n = _sorted.Length;
            if (n == 0)
            {
                Mean = StandardDeviation = Min = Max = Median = ConfidenceLow = ConfidenceHigh = double.NaN;
                return;
            }

            Mean = _sorted.Sum() / n;
            double squares = 0;
            foreach (double value in _sorted)
            {
                squares += (value - Mean) * (value - Mean);
            }

            StandardDeviation = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
            Min = _sorted[0];
            Max = _sorted[n - 1];
            Median = n % 2 == 1 ? _sorted[n / 2] : (_sorted[(n / 2) - 1] + _sorted[n / 2]) / 2;
            double halfWidth = n > 1 ? TQuantile975(n - 1) * StandardDeviation / Math.Sqrt(n) : double.NaN;
            ConfidenceLow = Mean - halfWidth;
            ConfidenceHigh = Mean + halfWidth;
        }

        /// <summary>
        /// The result of a sweep whose runs happened elsewhere (separate processes, a cluster job array), from each
        /// seed's metric and each failed seed's reason: the same statistics, table and plot as
        /// <see cref="SeedSweep.Run(IEnumerable{long}, Func{long, double})"/> gives for the same values. Runs are
        /// ordered by seed; a failed run shows as <c>FAILED: </c> followed by its reason.
        /// </summary>
        /// <exception cref="ArgumentException">A seed appears twice, or there is no run at all.</exception>
        public static SeedSweepResult FromRuns(IEnumerable<(long Seed, double Value)> values, IEnumerable<(long Seed, string Reason)> failures)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            if (failures is null)
            {
                throw new ArgumentNullException(nameof(failures));
            }

            var runs = values.Select(run => new SeedRun(run.Seed, run.Value, null))
                .Concat(failures.Select(run => new SeedRun(run.Seed, double.NaN, new SeedRunFailedException(run.Reason ?? string.Empty))))
                .OrderBy(run => run.Seed)
                .ToList();
            for (int i = 1; i < runs.Count; i++)
            {
                if (runs[i].Seed == runs[i - 1].Seed)
                {
                    throw new ArgumentException(FormattableString.Invariant($"Seed {runs[i].Seed} appears twice."), nameof(values));
                }
            }

            if (runs.Count == 0)
            {
                throw new ArgumentException("The sweep needs at least one run.", nameof(values));
            }

            return new SeedSweepResult(runs);
        }

        /// <summary>Every run, in the order the seeds were given (by seed for <see cref="FromRuns"/>).</summary>
        public IReadOnlyList<SeedRun> Runs { get; }

        /// <summary>The runs that threw (or, for <see cref="FromRuns"/>, failed).</summary>
        public IReadOnlyList<SeedRun> Failures => Runs.Where(run => !run.Succeeded).ToArray();

        /// <summary>Number of runs that returned a metric.</summary>
        public int Count => _sorted.Length;

        /// <summary>Mean of the metric.</summary>
        public double Mean { get; }

        /// <summary>Sample standard deviation (n - 1 in the denominator); NaN for fewer than two runs.</summary>
        public double StandardDeviation { get; }

        /// <summary>Smallest metric.</summary>
        public double Min { get; }

        /// <summary>Largest metric.</summary>
        public double Max { get; }

        /// <summary>Median metric.</summary>
        public double Median { get; }

        /// <summary>Lower end of the 95% confidence interval of the mean.</summary>
        public double ConfidenceLow { get; }

        /// <summary>Upper end of the 95% confidence interval of the mean.</summary>
        public double ConfidenceHigh { get; }

        /// <summary>
        /// Where the run of <paramref name="seed"/> falls among all seeds: the question to ask of any result
        /// reported from a single seed ("was it a lucky one?").
        /// </summary>
        public SeedPosition PositionOf(long seed)
        {
            SeedRun? run = Runs.FirstOrDefault(candidate => candidate.Seed == seed);
            if (run is null)
            {
                throw new ArgumentException($"Seed {seed} was not part of this sweep.", nameof(seed));
            }

            if (!run.Succeeded)
            {
                throw new InvalidOperationException($"The run with seed {seed} failed: {run.Error!.Message}");
            }

            int below = _sorted.Count(value => value < run.Value);
            int equal = _sorted.Count(value => value == run.Value);
            double percentile = 100.0 * (below + (0.5 * equal)) / _sorted.Length;
            double z = StandardDeviation > 0 ? (run.Value - Mean) / StandardDeviation : 0;
            return new SeedPosition(seed, run.Value, _sorted.Length - below - equal + 1, percentile, z);
        }

        /// <summary>The position of the seed with the highest metric: what "pick the best seed" would report.</summary>
        public SeedPosition Best() => PositionOf(Runs.Where(run => run.Succeeded).OrderByDescending(run => run.Value).First().Seed);

        /// <summary>A text table: one row per seed, then the summary statistics.</summary>
        public override string ToString() => ToTable(null);

        /// <summary>A text table with <paramref name="chosenSeed"/> marked and its position stated.</summary>
        public string ToTable(long? chosenSeed)
        {
            var text = new StringBuilder();
            text.AppendLine("  seed  |        metric | note");
            text.AppendLine("--------+---------------+------------------------");
            foreach (SeedRun run in Runs)
            {
                string note = run.Succeeded ? (run.Seed == chosenSeed ? "<- chosen" : string.Empty)
                    : run.Error is SeedRunFailedException ? "FAILED: " + run.Error.Message
                    : "FAILED: " + run.Error!.GetType().Name + ": " + run.Error.Message;
                text.Append(run.Seed.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append(" | ")
                    .Append(run.Succeeded ? Format(run.Value).PadLeft(13) : "-".PadLeft(13)).Append(" | ")
                    .AppendLine(note);
            }

            text.AppendLine("--------+---------------+------------------------");
            text.AppendLine(FormattableString.Invariant($"runs {Runs.Count}, succeeded {Count}, failed {Runs.Count - Count}"));
            text.AppendLine($"mean {Format(Mean)} ± {Format(StandardDeviation)} (sample std)");
            text.AppendLine($"95% CI of the mean [{Format(ConfidenceLow)}, {Format(ConfidenceHigh)}]");
            text.AppendLine($"median {Format(Median)}, min {Format(Min)}, max {Format(Max)}");
            if (chosenSeed.HasValue && Runs.Any(run => run.Seed == chosenSeed && run.Succeeded))
            {
                text.AppendLine(PositionOf(chosenSeed.Value).ToString());
            }

            return text.ToString();
        }

        /// <summary>
        /// The sweep as an SVG strip and box plot (dots per seed, quartile box, median, min-max whiskers, mean with
        /// its 95% CI) with <paramref name="chosenSeed"/> marked in red and its rank stated.
        /// </summary>
        public string ToSvg(long? chosenSeed = null, string metricName = "metric") =>
            SeedSweepPlot.Render(this, chosenSeed, metricName ?? "metric");

        internal static double TQuantile975(int degreesOfFreedom)
        {
            if (degreesOfFreedom < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
            }

            if (degreesOfFreedom <= TQuantiles975.Length)
            {
                return TQuantiles975[degreesOfFreedom - 1];
            }

            // Cornish-Fisher expansion around the normal quantile; within 1e-4 of the exact value above 30 df.
            const double z = 1.959963984540054;
            double v = degreesOfFreedom;
            double z3 = z * z * z, z5 = z3 * z * z;
            return z + ((z3 + z) / (4 * v)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * v * v));
        }

        private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Why a run measured outside this process has no metric (its exit code, a time limit, a missing result), as
    /// given to <see cref="SeedSweepResult.FromRuns"/>.
    /// </summary>
    public sealed class SeedRunFailedException : Exception
    {
        /// <summary>A failure with its reason.</summary>
        public SeedRunFailedException(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>Where one seed's metric falls in the distribution over seeds.</summary>
    public readonly struct SeedPosition
    {
        internal SeedPosition(long seed, double value, int rankFromTop, double percentile, double zScore)
        {
            Seed = seed;
            Value = value;
            RankFromTop = rankFromTop;
            Percentile = percentile;
            ZScore = zScore;
        }

        /// <summary>The seed.</summary>
        public long Seed { get; }

        /// <summary>Its metric.</summary>
        public double Value { get; }

        /// <summary>1 = the highest metric of the sweep.</summary>
        public int RankFromTop { get; }

        /// <summary>Percent of runs with a lower metric (ties count half).</summary>
        public double Percentile { get; }

        /// <summary>Standard deviations above the mean.</summary>
        public double ZScore { get; }

        /// <inheritdoc/>
        public override string ToString() => FormattableString.Invariant(
            $"seed {Seed}: metric {Value:G6} ranks {RankFromTop} from the top, percentile {Percentile:F0}, {ZScore:+0.00;-0.00} std from the mean");
    }
}
