using System.Threading.Tasks;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.UnseedableRandomAnalyzer, SeedAnalyzers.CodeFixes.UnseedableRandomFixer>;

namespace SeedAnalyzers.Tests
{
    public class UnseedableRandomFixerTests
    {
        [Fact]
        public Task StoredGeneratorsGetNamedStreamsInlineDrawsTheTypeStream() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Linq;

            class Split
            {
                private readonly Random _rng = {|#0:Random.Shared|};

                int[] M(int[] rows)
                {
                    for (int i = 0; i < rows.Length; i++)
                    {
                        rows[i] += {|#1:Random.Shared|}.Next(10); // jitter
                    }

                    int pick = {|#2:Random.Shared|}.Next(rows.Length);
                    var a = rows.OrderBy({|#3:_ => Guid.NewGuid()|}).ToArray();
                    var b = rows.OrderBy({|#4:_ => Random.Shared.Next()|}).ToArray();
                    return a;
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("'Random.Shared'"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("'Random.Shared'"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("The shuffle key 'Guid.NewGuid()'"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("The shuffle key 'Random.Shared.Next()'"),
            },
            """
            using System;
            using System.Linq;
            using SeedAnalyzers;

            class Split
            {
                private readonly Random _rng = Determinism.Random("Split._rng");

                int[] M(int[] rows)
                {
                    for (int i = 0; i < rows.Length; i++)
                    {
                        rows[i] += Determinism.Shared("Split").Next(10); // jitter
                    }

                    int pick = Determinism.Shared("Split").Next(rows.Length);
                    var a = rows.OrderBy(_ => Determinism.Shared("Split").NextDouble()).ToArray();
                    var b = rows.OrderBy(_ => Determinism.Shared("Split").Next()).ToArray();
                    return a;
                }
            }
            """);

        [Fact]
        public Task EnumerableShuffleBecomesASeededOrdering()
        {
            var test = new VerifyCS.Test
            {
                ReferenceAssemblies = TestReferences.Net100,
                TestCode = """
                    using System.Linq;

                    class Split
                    {
                        int[] M(int[] rows) => {|#0:rows.Shuffle()|}.ToArray();
                    }
                    """,
                FixedCode = """
                    using System.Linq;
                    using SeedAnalyzers;

                    class Split
                    {
                        int[] M(int[] rows) => rows.OrderBy(_ => Determinism.Shared("Split").NextDouble()).ToArray();
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Enumerable.Shuffle'"));
            return test.RunAsync();
        }

        /// <summary>
        /// Fix All in a project or solution over a partial type whose parts sit in two files adds the seed constant and
        /// the stream field once: a part fixed later sees what an earlier part got (two would not compile, CS0102).
        /// </summary>
        [Fact]
        public Task FixAllAcrossFilesAddsOneFieldToAPartialType()
        {
            var test = new VerifyCS.Test { IncludeRuntime = false };
            test.TestState.Sources.Add("""
                using System;

                partial class Dice
                {
                    int Roll() => {|#0:Random.Shared|}.Next(1, 7);
                }
                """);
            test.TestState.Sources.Add("""
                using System;

                partial class Dice
                {
                    int Again() => {|#1:Random.Shared|}.Next(1, 7);
                }
                """);
            test.FixedState.Sources.Add("""
                using System;

                partial class Dice
                {
                    // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                    private const int RandomSeed = 0;
                    private static readonly Random s_random = new Random(RandomSeed);

                    int Roll() => s_random.Next(1, 7);
                }
                """);
            test.FixedState.Sources.Add("""
                using System;

                partial class Dice
                {
                    int Again() => s_random.Next(1, 7);
                }
                """);
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("'Random.Shared'"));
            return test.RunAsync();
        }

        [Fact]
        public Task WithoutTheRuntimeUsesASeededFieldAndSaysWhy() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Dice
            {
                int Roll() => {|#0:Random.Shared|}.Next(1, 7);
            }
            """,
            """
            using System;

            class Dice
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private static readonly Random s_random = new Random(RandomSeed);

                int Roll() => s_random.Next(1, 7);
            }
            """);

        /// <summary>
        /// A RandomSeed property and an instance field named s_random, which a static method cannot use, keep their
        /// names: the added constant and field take the next free ones (found by the robustness fuzz test).
        /// </summary>
        [Fact]
        public Task WithoutTheRuntimeTheAddedMembersAvoidNamesInUse() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Dice
            {
                private readonly Random s_random = new Random(1);

                public int RandomSeed { get; set; }

                static int Roll() => {|#0:Random.Shared|}.Next(1, 7);

                int Again() => s_random.Next(1, 7);
            }
            """,
            """
            using System;

            class Dice
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed2 = 0;
                private static readonly Random s_random2 = new Random(RandomSeed2);
                private readonly Random s_random = new Random(1);

                public int RandomSeed { get; set; }

                static int Roll() => s_random2.Next(1, 7);

                int Again() => s_random.Next(1, 7);
            }
            """);

        [Fact]
        public Task TopLevelStatementsUseTheProgramStream()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;

                    for (int i = 0; i < 3; i++)
                    {
                        Console.WriteLine({|#0:Random.Shared|}.Next());
                    }
                    """,
                FixedCode = """
                    using System;
                    using SeedAnalyzers;

                    for (int i = 0; i < 3; i++)
                    {
                        Console.WriteLine(Determinism.Shared("Program").Next());
                    }
                    """,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"));
            return test.RunAsync();
        }

        /// <summary>The constant-seed fix of one 'Random.Shared' marked #0.</summary>
        private static Task VerifyWithoutRuntimeAsync(string source, string fixedSource)
        {
            var test = new VerifyCS.Test
            {
                IncludeRuntime = false,
                TestCode = source,
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = "UnseedableRandomFixer.ConstantSeed",
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"));
            return test.RunAsync();
        }
    }
}
