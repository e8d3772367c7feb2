using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The SEED004 fix's promise: the seed argument still decides every number (the same seed repeats, another seed
    /// differs, in this process and in others), and the title says that the numbers of every existing seed change.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class LegacySeededRandomBehaviourTests
    {
        private const string Sample = """
            using System;
            using System.Linq;

            public static class Dice
            {
                public static int[] Roll(int seed)
                {
                    var rng = new Random(seed);
                    return Enumerable.Range(0, 12).Select(_ => rng.Next(1, 7)).ToArray();
                }

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Roll(1)));
                    Console.WriteLine(string.Join(",", Roll(2)));
                }
            }
            """;

        [Fact]
        public async Task TheSeedArgumentStillDecidesEveryNumber()
        {
            FixedProgram program = await FixedProgram.CreateAsync<LegacySeededRandomAnalyzer, LegacySeededRandomFixer>(
                Sample, runtime: true, "var rng = new DeterministicRandom(seed);");
            Assembly loaded = program.Load();
            int[] one = FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 1);
            Assert.Equal(one, FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 1));
            Assert.NotEqual(one, FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 2));
            Assert.True(one.Distinct().Count() > 2, "a roll of 12 dice should vary: " + string.Join(",", one));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }

        [Fact]
        public async Task TheTitleSaysEveryExistingSeedDrawsDifferentNumbers()
        {
            string title = Assert.Single(await FixedProgram.TitlesAsync<LegacySeededRandomAnalyzer, LegacySeededRandomFixer>(Sample));
            Assert.Contains("every existing seed then draws different numbers", title, StringComparison.Ordinal);
            Assert.Contains("saved games", title, StringComparison.Ordinal);
        }
    }
}
