using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests.MathNet
{
    /// <summary>
    /// The SEED045 fix's promise, checked by running its output against the real Math.NET Numerics: a distribution made
    /// per object still draws numbers of its own, inline samples still vary from call to call, a program run twice
    /// prints the same, and the master seed decides it.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class MathNetDefaultRandomSourceBehaviourTests
    {
        private static readonly string[] MathNetAssembly = { typeof(global::MathNet.Numerics.Distributions.Normal).Assembly.Location };

        /// <summary>A walker per particle, each with its noise, and inline samples.</summary>
        private const string Distributions = """
            using System;
            using System.Linq;
            using MathNet.Numerics.Distributions;

            public sealed class Walker
            {
                private readonly Normal _noise = new Normal(0, 1);

                public double Step() => _noise.Sample();
            }

            public static class Sample
            {
                public static double[] Steps() => Enumerable.Range(0, 8).Select(_ => new Walker().Step()).ToArray();

                public static double[] Shocks() => Enumerable.Range(0, 16).Select(_ => Normal.Sample(0, 1)).ToArray();

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Steps()));
                    Console.WriteLine(string.Join(",", Shocks()));
                }
            }
            """;

        [Fact]
        public async Task DistributionsPerObjectAndInlineSamplesStayIndependentAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(
                Distributions, runtime: true, MathNetAssembly, "new Normal(0, 1, Determinism.Random(\"Walker._noise\"))", "Normal.Sample(Determinism.Shared(\"Sample\"), 0, 1)");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            double[] steps = FixedProgram.Call<double[]>(loaded, "Sample", "Steps");
            double[] shocks = FixedProgram.Call<double[]>(loaded, "Sample", "Shocks");
            Assert.Equal(8, steps.Distinct().Count());
            Assert.Equal(16, shocks.Distinct().Count());

            Determinism.Initialize(5);
            Assert.Equal(steps, FixedProgram.Call<double[]>(loaded, "Sample", "Steps"));
            Assert.Equal(shocks, FixedProgram.Call<double[]>(loaded, "Sample", "Shocks"));

            program.AssertTwoProcessesAgree(seedDecides: true);
        }

        /// <summary>Without the runtime only what keeps a source is fixed, each object with a seed of its own.</summary>
        [Fact]
        public async Task WithoutTheRuntimeDistributionsPerObjectStayIndependentAndRunsRepeat()
        {
            string walkersOnly = Distributions.Replace("Console.WriteLine(string.Join(\",\", Shocks()));", string.Empty, System.StringComparison.Ordinal);
            FixedProgram program = await FixedProgram.CreateAsync<MathNetDefaultRandomSourceAnalyzer, MathNetDefaultRandomSourceFixer>(
                walkersOnly, runtime: false, MathNetAssembly, "new Normal(0, 1, new Random(RandomSeeds.Next()))", "Normal.Sample(0, 1)");
            Assembly loaded = program.Load();

            double[] steps = FixedProgram.Call<double[]>(loaded, "Sample", "Steps");
            Assert.Equal(8, steps.Distinct().Count());
            Assert.Empty(steps.Intersect(FixedProgram.Call<double[]>(loaded, "Sample", "Steps")));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }
    }
}
