using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SeedAnalyzers
{
    /// <summary>
    /// Draws a sweep as an SVG strip and box plot: one dot per seed, the box from the first to the third quartile
    /// with the median, whiskers to min and max, the mean with its 95% confidence interval, and the chosen seed
    /// marked, so a figure quoted from one seed shows where that seed sits.
    /// </summary>
    internal static class SeedSweepPlot
    {
        private const double Width = 720, Height = 240, Left = 60, Right = 45, AxisY = 190;

        internal static string Render(SeedSweepResult result, long? chosenSeed, string metricName)
        {
            double[] values = result.Runs.Where(run => run.Succeeded).Select(run => run.Value).OrderBy(value => value).ToArray();
            var svg = new StringBuilder();
            svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
            svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
            svg.Append("<text x=\"").Append(N(Left)).Append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .Append(Escape(F($"{metricName} over {values.Length} seeds: mean {result.Mean:G4} ± {result.StandardDeviation:G3} (std), 95% CI [{result.ConfidenceLow:G4}, {result.ConfidenceHigh:G4}]")))
                .Append("</text>\n");
            if (values.Length == 0)
            {
                return svg.Append("<text x=\"60\" y=\"120\">no successful runs</text>\n</svg>\n").ToString();
            }

            double low = values[0], high = values[values.Length - 1];
            double pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(low) * 0.05, 1e-9);
            low -= pad;
            high += pad;
            double X(double value) => Math.Round(Left + ((value - low) / (high - low) * (Width - Left - Right)), 2);

            // Axis with five ticks.
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{AxisY}\" x2=\"{Width - Right}\" y2=\"{AxisY}\" stroke=\"#444\"/>\n"));
            for (int tick = 0; tick <= 4; tick++)
            {
                double value = low + ((high - low) * tick / 4);
                double x = X(value);
                svg.Append(F($"<line x1=\"{x}\" y1=\"{AxisY}\" x2=\"{x}\" y2=\"{AxisY + 5}\" stroke=\"#444\"/>"))
                    .Append(F($"<text x=\"{x}\" y=\"{AxisY + 20}\" text-anchor=\"middle\">{value:G4}</text>\n"));
            }

            // Box: quartiles, median, whiskers.
            double q1 = Quantile(values, 0.25), median = Quantile(values, 0.5), q3 = Quantile(values, 0.75);
            const double boxTop = 120, boxBottom = 160, middle = 140;
            svg.Append(F($"<line x1=\"{X(values[0])}\" y1=\"{middle}\" x2=\"{X(q1)}\" y2=\"{middle}\" stroke=\"#555\"/>"))
                .Append(F($"<line x1=\"{X(q3)}\" y1=\"{middle}\" x2=\"{X(values[values.Length - 1])}\" y2=\"{middle}\" stroke=\"#555\"/>\n"))
                .Append(F($"<rect x=\"{X(q1)}\" y=\"{boxTop}\" width=\"{Math.Max(X(q3) - X(q1), 1)}\" height=\"{boxBottom - boxTop}\" fill=\"#dde8f5\" stroke=\"#335\"/>\n"))
                .Append(F($"<line x1=\"{X(median)}\" y1=\"{boxTop}\" x2=\"{X(median)}\" y2=\"{boxBottom}\" stroke=\"#335\" stroke-width=\"2\"/>\n"));

            // Mean and its confidence interval.
            if (!double.IsNaN(result.ConfidenceLow))
            {
                svg.Append(F($"<line x1=\"{X(result.ConfidenceLow)}\" y1=\"105\" x2=\"{X(result.ConfidenceHigh)}\" y2=\"105\" stroke=\"#2a7\" stroke-width=\"3\"/>"));
            }

            svg.Append(F($"<circle cx=\"{X(result.Mean)}\" cy=\"105\" r=\"4\" fill=\"#2a7\"/>"))
                .Append(F($"<text x=\"{X(result.Mean)}\" y=\"97\" text-anchor=\"middle\" fill=\"#2a7\">mean, 95% CI</text>\n"));

            // One dot per seed, spread vertically by rank so ties stay visible.
            int index = 0;
            foreach (SeedRun run in result.Runs.Where(run => run.Succeeded))
            {
                double y = 45 + (index++ % 5 * 8);
                bool chosen = run.Seed == chosenSeed;
                svg.Append(F($"<circle cx=\"{X(run.Value)}\" cy=\"{y}\" r=\"{(chosen ? 6 : 4)}\" fill=\"{(chosen ? "#d22" : "#357")}\" fill-opacity=\"0.8\"><title>seed {run.Seed}: {run.Value:R}</title></circle>\n"));
            }

            if (chosenSeed.HasValue && result.Runs.Any(run => run.Seed == chosenSeed && run.Succeeded))
            {
                SeedPosition position = result.PositionOf(chosenSeed.Value);
                svg.Append(F($"<line x1=\"{X(position.Value)}\" y1=\"38\" x2=\"{X(position.Value)}\" y2=\"{AxisY}\" stroke=\"#d22\" stroke-dasharray=\"4 3\"/>\n"))
                    .Append(F($"<text x=\"{(X(position.Value) > Width / 2 ? X(position.Value) - 6 : X(position.Value) + 6)}\" y=\"{AxisY - 8}\" text-anchor=\"{(X(position.Value) > Width / 2 ? "end" : "start")}\" fill=\"#d22\">chosen seed {position.Seed}: rank {position.RankFromTop}, {position.ZScore:+0.0;-0.0} std</text>\n"));
            }

            return svg.Append("</svg>\n").ToString();
        }

        /// <summary>Quantile by linear interpolation between order statistics (type 7, as NumPy and R default).</summary>
        internal static double Quantile(double[] sorted, double p)
        {
            double position = (sorted.Length - 1) * p;
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, sorted.Length - 1);
            return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
        }

        private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
