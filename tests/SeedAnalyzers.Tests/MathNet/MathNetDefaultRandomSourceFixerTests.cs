using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.MathNetDefaultRandomSourceAnalyzer, SeedAnalyzers.CodeFixes.MathNetDefaultRandomSourceFixer>;

namespace SeedAnalyzers.Tests.MathNet
{
    public class MathNetDefaultRandomSourceFixerTests
    {
        [Fact]
        public Task DistributionsGetAStreamOfTheirOwn() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                private readonly Normal _noise = {|#0:new Normal(0, 1)|};
                private readonly Normal _standard = {|#1:new Normal()|};

                double M()
                {
                    var rate = {|#2:Gamma.WithShapeRate(2, 1)|};
                    var weights = {|#3:new Dirichlet(new[] { 1.0, 2.0 })|};
                    double total = weights.Sample()[0];
                    for (int i = 0; i < 3; i++)
                    {
                        var jitter = {|#4:new ContinuousUniform(-1, 1)|};
                        total += jitter.Sample();
                    }

                    return total + _noise.Sample() + rate.Sample();
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Normal(0, 1)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Normal()"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Gamma.WithShapeRate(2, 1)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("new Dirichlet(new[] { 1.0, 2.0 })"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("new ContinuousUniform(-1, 1)"),
            },
            """
            using MathNet.Numerics.Distributions;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Normal _noise = new Normal(0, 1, Determinism.Random("Simulation._noise"));
                private readonly Normal _standard = new Normal(Determinism.Random("Simulation._standard"));

                double M()
                {
                    var rate = Gamma.WithShapeRate(2, 1, Determinism.Random("Simulation.rate"));
                    var weights = new Dirichlet(new[] { 1.0, 2.0 }, Determinism.Random("Simulation.weights"));
                    double total = weights.Sample()[0];
                    for (int i = 0; i < 3; i++)
                    {
                        var jitter = new ContinuousUniform(-1, 1, Determinism.Random("Simulation.jitter"));
                        total += jitter.Sample();
                    }

                    return total + _noise.Sample() + rate.Sample();
                }
            }
            """);

        [Fact]
        public Task DrawsAtOnceComeFromTheTypesSharedStream() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.LinearAlgebra;

            class Simulation
            {
                double M(double[] buffer)
                {
                    double a = {|#0:Normal.Sample(0, 1)|};
                    {|#1:Normal.Samples(buffer, 0, 1)|};
                    int[] order = {|#2:Combinatorics.GeneratePermutation(10)|};
                    bool[] chosen = {|#3:Combinatorics.GenerateCombination(10, 3, null)|};
                    Matrix<double> weights = {|#4:Matrix<double>.Build.Random(3, 3)|};
                    return a;
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Normal.Sample(0, 1)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Normal.Samples(buffer, 0, 1)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Combinatorics.GeneratePermutation(10)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("Combinatorics.GenerateCombination(10, 3, null)"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("Matrix<double>.Build.Random(3, 3)"),
            },
            """
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.LinearAlgebra;
            using SeedAnalyzers;

            class Simulation
            {
                double M(double[] buffer)
                {
                    double a = Normal.Sample(Determinism.Shared("Simulation"), 0, 1);
                    Normal.Samples(Determinism.Shared("Simulation"), buffer, 0, 1);
                    int[] order = Combinatorics.GeneratePermutation(10, Determinism.Shared("Simulation"));
                    bool[] chosen = Combinatorics.GenerateCombination(10, 3, Determinism.Shared("Simulation"));
                    Matrix<double> weights = Matrix<double>.Build.Random(3, 3, new Normal(Determinism.Shared("Simulation")));
                    return a;
                }
            }
            """);

        [Fact]
        public Task GenerateHelpersSampleTheirDistributionOnTheStream() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using System.Collections.Generic;
            using MathNet.Numerics;

            class Signal
            {
                void M()
                {
                    double[] a = {|#0:Generate.Uniform(10)|};
                    double[] b = {|#1:Generate.Normal(10, 2.0, 0.5)|};
                    double[] c = {|#2:Generate.Standard(10)|};
                    int[] d = {|#3:Generate.UniformMap(10, x => (int)(x * 6))|};
                    IEnumerable<double> e = {|#4:Generate.NormalSequence(mean: 1, standardDeviation: 2)|};
                    IEnumerable<double> f = {|#5:Generate.UniformSequence()|};
                    double[] g = {|#6:Generate.UniformMap2(10, (x, y) => x + y)|};
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Generate.Uniform(10)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Generate.Normal(10, 2.0, 0.5)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Generate.Standard(10)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("Generate.UniformMap(10, x => (int)(x * 6))"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("Generate.NormalSequence(mean: 1, standardDeviation: 2)"),
                VerifyCS.Diagnostic().WithLocation(5).WithArguments("Generate.UniformSequence()"),
                VerifyCS.Diagnostic().WithLocation(6).WithArguments("Generate.UniformMap2(10, (x, y) => x + y)"),
            },
            """
            using System.Collections.Generic;
            using MathNet.Numerics;
            using MathNet.Numerics.Distributions;
            using SeedAnalyzers;

            class Signal
            {
                void M()
                {
                    double[] a = Generate.Random(10, new ContinuousUniform(0.0, 1.0, Determinism.Shared("Signal")));
                    double[] b = Generate.Random(10, new Normal(2.0, 0.5, Determinism.Shared("Signal")));
                    double[] c = Generate.Random(10, new Normal(Determinism.Shared("Signal")));
                    int[] d = Generate.RandomMap(10, new ContinuousUniform(0.0, 1.0, Determinism.Shared("Signal")), x => (int)(x * 6));
                    IEnumerable<double> e = Generate.Random(new Normal(1, 2, Determinism.Shared("Signal")));
                    IEnumerable<double> f = Generate.Random(new ContinuousUniform(0.0, 1.0, Determinism.Shared("Signal")));
                    double[] g = Generate.RandomMap2(10, new ContinuousUniform(0.0, 1.0, Determinism.Shared("Signal")), (x, y) => x + y);
                }
            }
            """);

        [Fact]
        public Task DefaultInstancesAndFastDoubles() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.Random;

            class Simulation
            {
                private readonly Random _rng = {|#0:SystemRandomSource.Default|};

                double M()
                {
                    double a = {|#1:MersenneTwister.Default|}.NextDouble();
                    var b = new Normal(0, 1, {|#2:SystemRandomSource.Default|});
                    double[] c = {|#3:SystemRandomSource.FastDoubles(10)|};
                    var notSeen = SystemRandomSource.Default;
                    return a + notSeen.NextDoubles(2)[0];
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("SystemRandomSource.Default"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("MersenneTwister.Default"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("SystemRandomSource.Default"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("SystemRandomSource.FastDoubles(10)"),
            },
            """
            using System;
            using MathNet.Numerics.Distributions;
            using MathNet.Numerics.Random;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _rng = Determinism.Random("Simulation._rng");

                double M()
                {
                    double a = Determinism.Shared("Simulation").NextDouble();
                    var b = new Normal(0, 1, Determinism.Shared("Simulation"));
                    double[] c = SystemRandomSource.Doubles(10, Determinism.SeedFor("Simulation.c"));
                    var notSeen = SystemRandomSource.Default;
                    return a + notSeen.NextDoubles(2)[0];
                }
            }
            """);

        [Fact]
        public Task WithoutTheRuntimeWhatKeepsASourceGetsASeedOfItsOwn() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                private readonly Normal _noise = {|#0:new Normal(0, 1)|};

                double M() => {|#1:Normal.Sample(0, 1)|};
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Normal(0, 1)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Normal.Sample(0, 1)"),
            },
            // Inline draws keep the default source without the runtime, as Random.Shared does (SEED002): one
            // System.Random for every call would not be thread-safe where the default source is.
            $$"""
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private readonly Normal _noise = new Normal(0, 1, new System.Random(RandomSeeds.Next()));

                double M() => {|#1:Normal.Sample(0, 1)|};
            {{UnseededRandomFixerTests.SeedSource(random: "System.Random")}}
            }
            """,
            runtime: false,
            remaining: new[] { VerifyCS.Diagnostic().WithLocation(1).WithArguments("Normal.Sample(0, 1)") });

        [Fact]
        public Task NoFixInPartialCode() => LibraryTest.FixAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(LibraryReferences.MathNet, """
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                void M()
                {
                    var b = Normal.Sample(0,
                    var a = {|#0:new Normal(0, 1)|};
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Normal(0, 1)") },
            """
            using MathNet.Numerics.Distributions;

            class Simulation
            {
                void M()
                {
                    var b = Normal.Sample(0,
                    var a = {|#0:new Normal(0, 1)|};
                }
            }
            """,
            partial: true);
    }
}
