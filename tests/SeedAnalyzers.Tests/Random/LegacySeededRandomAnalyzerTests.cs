using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.LegacySeededRandomAnalyzer>;

namespace SeedAnalyzers.Tests
{
    public class LegacySeededRandomAnalyzerTests
    {
        [Fact]
        public Task FlagsSeededSystemRandom() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Model
            {
                private const int Seed = 42;
                private readonly Random _rng = {|#0:new Random(Seed)|};
                private Random _other = {|#1:new(7)|};

                Random M(int seed) => {|#2:new System.Random(seed)|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(Seed)"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new(7)"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new System.Random(seed)"));

        [Fact]
        public Task IgnoresUnseededAndDeterministicGenerators() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using SeedAnalyzers;

            class Model
            {
                private readonly Random _a = new Random();
                private readonly Random _b = new DeterministicRandom(42);
                private readonly Random _c = new Derived(42);
            }

            class Derived : Random
            {
                public Derived(int seed) : base(seed) { }
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrash() => VerifyCS.VerifyPartialCodeAsync("""
            using System;

            class Model
            {
                Random a = new Random(42
                Random b = new Random(4, 2);
            }
            """);
    }
}
