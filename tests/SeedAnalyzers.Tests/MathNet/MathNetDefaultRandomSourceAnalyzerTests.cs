using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.MathNetDefaultRandomSourceAnalyzer>;

namespace SeedAnalyzers.Tests.MathNet
{
    public class MathNetDefaultRandomSourceAnalyzerTests
    {
        [Fact]
        public Task FlagsDistributionsAndSamplersWithoutASource() => LibraryTest.AnalyzeAsync<MathNetDefaultRandomSourceAnalyzer>(LibraryReferences.MathNet, """
            using System.Collections.Generic;
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.LinearAlgebra;

            class Simulation
            {
                private readonly Normal _noise = {|#0:new Normal(0, 1)|};
                private readonly Normal _standard = {|#1:new Normal()|};

                double M(double[] buffer)
                {
                    double a = {|#2:Normal.Sample(0, 1)|};
                    IEnumerable<double> b = {|#3:Normal.Samples(0, 1)|};
                    {|#4:Normal.Samples(buffer, 0, 1)|};
                    int c = {|#5:Poisson.Sample(3.0)|};
                    var d = {|#6:Gamma.WithShapeRate(2, 1)|};
                    int[] e = {|#7:Combinatorics.GeneratePermutation(10)|};
                    bool[] f = {|#8:Combinatorics.GenerateCombination(10, 3, null)|};
                    var g = {|#9:new Dirichlet(new[] { 1.0, 2.0 })|};
                    return a + c + d.Sample() + g.Sample()[0];
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Normal(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Normal()"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Normal.Sample(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("Normal.Samples(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("Normal.Samples(buffer, 0, 1)"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("Poisson.Sample(3.0)"),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("Gamma.WithShapeRate(2, 1)"),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("Combinatorics.GeneratePermutation(10)"),
            VerifyCS.Diagnostic().WithLocation(8).WithArguments("Combinatorics.GenerateCombination(10, 3, null)"),
            VerifyCS.Diagnostic().WithLocation(9).WithArguments("new Dirichlet(new[] { 1.0, 2.0 })"));

        [Fact]
        public Task FlagsGenerateBuildersAndTheDefaultInstances() => LibraryTest.AnalyzeAsync<MathNetDefaultRandomSourceAnalyzer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics;
            using MathNet.Numerics.LinearAlgebra;
            using MathNet.Numerics.Random;

            class Simulation
            {
                private readonly Random _rng = {|#0:SystemRandomSource.Default|};

                void M()
                {
                    double[] a = {|#1:Generate.Uniform(10)|};
                    double[] b = {|#2:Generate.Normal(10, 0, 1)|};
                    double[] c = {|#3:Generate.Standard(10)|};
                    var d = {|#4:Generate.UniformMap(10, x => x * 2)|};
                    var e = {|#5:Generate.NormalSequence(0, 1)|};
                    Matrix<double> f = {|#6:Matrix<double>.Build.Random(3, 3)|};
                    Vector<double> g = {|#7:Vector<double>.Build.Random(3)|};
                    double[] h = {|#8:SystemRandomSource.FastDoubles(10)|};
                    double i = {|#9:MersenneTwister.Default|}.NextDouble();
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("SystemRandomSource.Default"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Generate.Uniform(10)"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Generate.Normal(10, 0, 1)"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("Generate.Standard(10)"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("Generate.UniformMap(10, x => x * 2)"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("Generate.NormalSequence(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("Matrix<double>.Build.Random(3, 3)"),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("Vector<double>.Build.Random(3)"),
            VerifyCS.Diagnostic().WithLocation(8).WithArguments("SystemRandomSource.FastDoubles(10)"),
            VerifyCS.Diagnostic().WithLocation(9).WithArguments("MersenneTwister.Default"));

        [Fact]
        public Task IgnoresMembersGivenASourceASeedOrADistribution() => LibraryTest.AnalyzeAsync<MathNetDefaultRandomSourceAnalyzer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.LinearAlgebra;
            using MathNet.Numerics.Random;
            using MathNet.Numerics.Statistics;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _rng = Determinism.Random("Simulation._rng");

                double M(double[] data)
                {
                    var a = new Normal(0, 1, _rng);
                    double b = Normal.Sample(_rng, 0, 1);
                    int[] c = Combinatorics.GeneratePermutation(10, _rng);
                    double[] d = Generate.Random(10, new ContinuousUniform(0, 1, _rng));
                    Matrix<double> e = Matrix<double>.Build.Random(3, 3, 42);
                    Matrix<double> f = Matrix<double>.Build.Random(3, 3, new Normal(_rng));
                    double[] g = SystemRandomSource.Doubles(10, 42);
                    double h = a.Sample() + a.Density(0.5) + Normal.CDF(0, 1, 0.3);
                    double i = Statistics.Mean(data) + SpecialFunctions.Erf(0.5);
                    double[] j = Generate.LinearSpaced(10, 0, 1);
                    var k = new MersenneTwister(7);
                    return b + h + i;
                }
            }
            """);

        // A distribution asked only for its density, CDF or moments never draws: its source does not matter.
        [Fact]
        public Task IgnoresDistributionsThatAreNeverSampled() => LibraryTest.AnalyzeAsync<MathNetDefaultRandomSourceAnalyzer>(LibraryReferences.MathNet, """
            using MathNet.Numerics.Distributions;

            class Statistics
            {
                private readonly Normal _stored = {|#0:new Normal(0, 1)|};

                double Density(double x, double a, double b) => new Beta(a, b).Density(x);

                double Quantile(double p)
                {
                    var normal = new Normal(2, 3);
                    var gamma = Gamma.WithShapeRate(2, 1);
                    return normal.InverseCumulativeDistribution(p) + normal.Mean + gamma.CumulativeDistribution(p) + gamma.StdDev;
                }

                System.Func<double, double> DensityOnly()
                {
                    var normal = new Normal(0, 1);
                    normal.RandomSource = null;
                    return normal.Density;
                }

                double GivenASourceLater(System.Random rng)
                {
                    var normal = new Normal(0, 1);
                    normal.RandomSource = rng;
                    return normal.Sample();
                }

                System.Random HandsOutTheDefault() => {|#5:new Normal(0, 1)|}.RandomSource;

                double Sampled()
                {
                    var normal = {|#1:new Normal(2, 3)|};
                    return normal.Density(0.5) + normal.Sample();
                }

                IContinuousDistribution HandedOn() => {|#2:new Normal(2, 3)|};

                double Drawn() => {|#3:new LogNormal(0, 1)|}.Sample();

                void Rejects(System.Func<object> create, System.Action act)
                {
                }

                static void That<T>(System.Func<T> create, string expected)
                {
                }

                static void Store<T>(System.Func<T> create)
                {
                }

                void BadParameters()
                {
                    Rejects(() => new Normal(0, -1), () => { new Gamma(-1, 1); });
                    That(() => new Beta(-1, 1), "throws");
                    Store(() => {|#4:new Beta(1, 1)|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Normal(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Normal(2, 3)"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new Normal(2, 3)"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("new LogNormal(0, 1)"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("new Beta(1, 1)"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("new Normal(0, 1)"));

        [Fact]
        public Task SilentWithoutMathNet() => VerifyCS.VerifyAnalyzerAsync("""
            class Normal
            {
                public static double Sample(double mean, double sd) => mean;
            }

            class Simulation
            {
                double M() => Normal.Sample(0, 1);
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrashOrReport() => LibraryTest.AnalyzePartialAsync<MathNetDefaultRandomSourceAnalyzer>(LibraryReferences.MathNet, """
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                void M()
                {
                    var a = new Normal(0,
                    var b = Normal.Sample(0, 1
                    var c = Generate.Uniform(
                    var d = Combinatorics.GeneratePermutation(10, nul);
                    var e = {|#0:Normal.Sample(0, 1)|};
                }
            }
            """, VerifyCS.Diagnostic().WithLocation(0).WithArguments("Normal.Sample(0, 1)"));
    }
}
