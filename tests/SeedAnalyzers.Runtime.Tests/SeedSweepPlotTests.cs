using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class SeedSweepPlotTests : GlobalStateTest
    {
        private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

        [Fact]
        public void PlotHasOneDotPerSeedTheBoxAndTheChosenSeedMarked()
        {
            double[] metrics = { 0.80, 0.81, 0.79, 0.80, 0.93, 0.82, 0.78, 0.80, 0.81, 0.79 };
            SeedSweepResult result = SeedSweep.Run(Enumerable.Range(0, 10), seed => seed == 7 ? throw new System.InvalidOperationException("nan loss") : metrics[seed]);
            XDocument svg = XDocument.Parse(result.ToSvg(chosenSeed: 4, metricName: "accuracy"));

            var dots = svg.Descendants(Svg + "circle").Where(c => c.Element(Svg + "title") != null).ToList();
            Assert.Equal(9, dots.Count);
            XElement chosen = Assert.Single(dots, d => d.Element(Svg + "title")!.Value.StartsWith("seed 4:"));
            Assert.Equal("#d22", chosen.Attribute("fill")!.Value);
            Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "chosen seed 4: rank 1, +2.6 std");
            Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.StartsWith("accuracy over 9 seeds: mean 0.8144 ± 0.045 (std), 95% CI [0.7798, 0.8491]"));
            Assert.Single(svg.Descendants(Svg + "rect"), r => r.Attribute("fill")?.Value == "#dde8f5");
            Assert.DoesNotContain("NaN", svg.ToString());
        }

        [Fact]
        public void NumbersAreCultureInvariant()
        {
            CultureInfo previous = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                string svg = SeedSweep.Run(new[] { 1, 2, 3 }, seed => seed / 3.0).ToSvg(2);
                XDocument.Parse(svg);
                Assert.DoesNotMatch(@"cx=""\d+,\d", svg);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = previous;
            }
        }

        [Theory]
        [InlineData(0.25, 3.25)]
        [InlineData(0.5, 5.5)]
        [InlineData(0.75, 7.75)]
        public void QuartilesInterpolateLikeNumPy(double p, double expected) =>
            Assert.Equal(expected, SeedSweepPlot.Quantile(Enumerable.Range(1, 10).Select(i => (double)i).ToArray(), p), 12);
    }
}
