using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.NondeterministicSeedAnalyzer, SeedAnalyzers.CodeFixes.NondeterministicSeedFixer>;

namespace SeedAnalyzers.Tests
{
    public class NondeterministicSeedFixerTests
    {
        [Fact]
        public Task ReplacesTheSourceWithADerivedSeed() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Trainer
            {
                Random M()
                {
                    long seed = {|#0:DateTime.Now.Ticks|};
                    var shuffler = new Random({|#4:(int)seed|});
                    var named = new Random((int)({|#3:DateTime.UtcNow.Ticks|} % 1000));
                    return new Random({|#1:Environment.TickCount|} ^ {|#2:Environment.ProcessId|});
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(4).WithLocation(0).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through 'seed'"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.ProcessId", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", ""),
            },
            """
            using System;
            using SeedAnalyzers;

            class Trainer
            {
                Random M()
                {
                    long seed = Determinism.SeedFor("Trainer.seed");
                    var shuffler = new Random((int)seed);
                    var named = new Random(Determinism.SeedFor("Trainer.named"));
                    return new Random(Determinism.SeedFor("Trainer.M"));
                }
            }
            """);

        [Fact]
        public Task InitializeGetsTheDefaultSeed() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using SeedAnalyzers;

            class Program
            {
                static void Main()
                {
                    Determinism.Initialize({|#0:Environment.TickCount|});
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "Determinism.Initialize(...)", "") },
            """
            using System;
            using SeedAnalyzers;

            class Program
            {
                static void Main()
                {
                    Determinism.Initialize(Determinism.DefaultSeed);
                }
            }
            """);

        [Fact]
        public Task WithoutTheRuntimeUsesTheSeedConstant()
        {
            var test = new VerifyCS.Test
            {
                IncludeRuntime = false,
                TestCode = """
                    using System;

                    class Trainer
                    {
                        Random M() => new Random({|#0:Guid.NewGuid().GetHashCode()|});
                    }
                    """,
                FixedCode = """
                    using System;

                    class Trainer
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        Random M() => new Random(RandomSeed);
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", ""));
            return test.RunAsync();
        }
    }
}
