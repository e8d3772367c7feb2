using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.LegacySeededRandomAnalyzer, SeedAnalyzers.CodeFixes.LegacySeededRandomFixer>;

namespace SeedAnalyzers.Tests
{
    public class LegacySeededRandomFixerTests
    {
        [Fact]
        public Task KeepsTheSeedAndTheTrivia() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Model
            {
                private const int Seed = 42;
                private readonly Random _rng = /* fixed */ {|#0:new Random(Seed)|}; // init
                private Random _other = {|#1:new(7 * 3)|};

                int Draw(int seed) => {|#2:new System.Random(seed)|}.Next();
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(Seed)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new(7 * 3)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("new System.Random(seed)"),
            },
            """
            using System;
            using SeedAnalyzers;

            class Model
            {
                private const int Seed = 42;
                private readonly Random _rng = /* fixed */ new DeterministicRandom(Seed); // init
                private Random _other = new DeterministicRandom(7 * 3);

                int Draw(int seed) => new DeterministicRandom(seed).Next();
            }
            """);

        [Fact]
        public Task VarLocalAssignedAgainKeepsTheRandomType() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Model
            {
                int M(bool reseed)
                {
                    var rng = {|#0:new Random(1)|};
                    if (reseed)
                    {
                        rng = {|#1:new Random(2)|};
                    }

                    return rng.Next();
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(1)"), VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random(2)") },
            """
            using System;
            using SeedAnalyzers;

            class Model
            {
                int M(bool reseed)
                {
                    Random rng = new DeterministicRandom(1);
                    if (reseed)
                    {
                        rng = new DeterministicRandom(2);
                    }

                    return rng.Next();
                }
            }
            """);

        [Fact]
        public Task NoFixWithoutTheRuntime()
        {
            string source = """
                using System;

                class Model
                {
                    private readonly Random _rng = {|#0:new Random(42)|};
                }
                """;
            var test = new VerifyCS.Test { IncludeRuntime = false, TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(42)"));
            return test.RunAsync();
        }

        /// <summary>
        /// After a using still being typed (no semicolon), the added using goes first instead of running into it
        /// (found by the robustness fuzz test).
        /// </summary>
        [Fact]
        public Task UsingIsAddedWhenTheLastUsingIsUnfinished()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;
                    using System.Linq

                    class Model
                    {
                        private readonly Random _rng = {|#0:new Random(7)|};
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Linq

                    using SeedAnalyzers;

                    class Model
                    {
                        private readonly Random _rng = new DeterministicRandom(7);
                    }
                    """,
                CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(7)"));
            return test.RunAsync();
        }
    }
}
