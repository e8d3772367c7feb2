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
    /// The SEED046 fix's promise, checked by running its output against the real Math.NET Numerics: a generator made per
    /// object or per loop iteration still draws numbers of its own, a program run twice prints the same, and the master
    /// seed decides it.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class MathNetUnseededGeneratorBehaviourTests
    {
        private static readonly string[] MathNetAssembly = { typeof(global::MathNet.Numerics.Distributions.Normal).Assembly.Location };

        /// <summary>A generator per walker and one per loop iteration.</summary>
        private const string Generators = """
            using System;
            using System.Linq;
            using MathNet.Numerics.Random;

            public sealed class Walker
            {
                private readonly MersenneTwister _turns = new MersenneTwister();

                public int Turn() => _turns.Next(1_000_000);
            }

            public static class Sample
            {
                public static int[] Turns() => Enumerable.Range(0, 8).Select(_ => new Walker().Turn()).ToArray();

                public static int[] Paths()
                {
                    var paths = new int[8];
                    for (int i = 0; i < paths.Length; i++)
                    {
                        var path = new Xorshift();
                        paths[i] = path.Next(1_000_000);
                    }

                    return paths;
                }

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Turns()));
                    Console.WriteLine(string.Join(",", Paths()));
                }
            }
            """;

        [Theory]
        [InlineData(true, "new MersenneTwister(Determinism.SeedFor(\"Walker._turns\"))")]
        [InlineData(false, "new MersenneTwister(RandomSeeds.Next())")]
        public async Task GeneratorsPerObjectAndPerIterationStayIndependentAndRunsRepeat(bool runtime, string expected)
        {
            FixedProgram program = await FixedProgram.CreateAsync<MathNetUnseededGeneratorAnalyzer, MathNetUnseededGeneratorFixer>(
                Generators, runtime, MathNetAssembly, expected);
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            int[] turns = FixedProgram.Call<int[]>(loaded, "Sample", "Turns");
            int[] paths = FixedProgram.Call<int[]>(loaded, "Sample", "Paths");
            Assert.Equal(8, turns.Distinct().Count());
            Assert.Equal(8, paths.Distinct().Count());

            program.AssertTwoProcessesAgree(seedDecides: runtime);
            if (runtime)
            {
                Determinism.Initialize(5);
                Assert.Equal(turns, FixedProgram.Call<int[]>(loaded, "Sample", "Turns"));
            }
        }
    }
}
