using System.Threading.Tasks;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.UnseedableRandomAnalyzer, SeedAnalyzers.CodeFixes.UnseedableRandomFixer>;

namespace SeedAnalyzers.Tests
{
    public class UnseedableRandomFixerTests
    {
        /// <summary>
        /// Random.Shared is one thread-safe stream that continues across objects and calls: what replaces it is too,
        /// Determinism.Shared, named after what stores it or, for inline draws, after the type.
        /// </summary>
        [Fact]
        public Task StoredGeneratorsGetNamedSharedStreamsInlineDrawsTheTypeStream() => VerifyCS.VerifyCodeFixAsync("""
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
                private readonly Random _rng = Determinism.Shared("Split._rng");

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
        /// Without the runtime nothing replaces Random.Shared that is both reproducible and thread-safe: a static
        /// new Random(seed) would turn working concurrent code into code that corrupts the generator. No fix.
        /// </summary>
        [Fact]
        public Task WithoutTheRuntimeNoFixIsOffered()
        {
            const string source = """
                using System;
                using System.Linq;

                class Dice
                {
                    private static readonly Random s_rng = {|#0:Random.Shared|};

                    int Roll() => {|#1:Random.Shared|}.Next(1, 7);

                    int[] Order(int[] rows) => rows.OrderBy({|#2:_ => Random.Shared.Next()|}).ToArray();
                }
                """;
            var test = new VerifyCS.Test { IncludeRuntime = false, TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("'Random.Shared'"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(2).WithArguments("The shuffle key 'Random.Shared.Next()'"));
            return test.RunAsync();
        }

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
    }
}
