using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.MathNetUnseededGeneratorAnalyzer, SeedAnalyzers.CodeFixes.MathNetUnseededGeneratorFixer>;

namespace SeedAnalyzers.Tests.MathNet
{
    public class MathNetUnseededGeneratorFixerTests
    {
        [Fact]
        public Task SeedsTheSameGeneratorFromTheMasterSeed() => LibraryTest.FixAsync<MathNetUnseededGeneratorAnalyzer, MathNetUnseededGeneratorFixer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics.Random;

            class Simulation
            {
                private readonly Random _a = {|#0:new MersenneTwister()|};
                private readonly Random _b = {|#1:new SystemRandomSource(threadSafe: true)|};
                private readonly Xorshift _c = {|#2:new(false)|};
                private readonly Random _d = {|#3:new Xorshift(1, 2, 3, 4)|};

                void M()
                {
                    for (int walker = 0; walker < 4; walker++)
                    {
                        var steps = {|#4:new Mrg32k3a()|};
                    }
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MersenneTwister()"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new SystemRandomSource(threadSafe: true)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("new(false)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("new Xorshift(1, 2, 3, 4)"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("new Mrg32k3a()"),
            },
            """
            using System;
            using MathNet.Numerics.Random;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _a = new MersenneTwister(Determinism.SeedFor("Simulation._a"));
                private readonly Random _b = new SystemRandomSource(threadSafe: true, seed: Determinism.SeedFor("Simulation._b"));
                private readonly Xorshift _c = new(Determinism.SeedFor("Simulation._c"), false);
                private readonly Random _d = new Xorshift(Determinism.SeedFor("Simulation._d"), 1, 2, 3, 4);

                void M()
                {
                    for (int walker = 0; walker < 4; walker++)
                    {
                        var steps = new Mrg32k3a(Determinism.SeedFor("Simulation.steps"));
                    }
                }
            }
            """);

        [Fact]
        public Task WithoutTheRuntimeEachGeneratorGetsASeedOfItsOwn() => LibraryTest.FixAsync<MathNetUnseededGeneratorAnalyzer, MathNetUnseededGeneratorFixer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics.Random;

            class Simulation
            {
                private readonly Random _a = {|#0:new MersenneTwister()|};

                void M()
                {
                    for (int walker = 0; walker < 4; walker++)
                    {
                        var steps = {|#1:new Mrg32k3a()|};
                    }
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MersenneTwister()"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Mrg32k3a()"),
            },
            $$"""
            using System;
            using MathNet.Numerics.Random;

            class Simulation
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private readonly Random _a = new MersenneTwister(RandomSeeds.Next());

                void M()
                {
                    for (int walker = 0; walker < 4; walker++)
                    {
                        var steps = new Mrg32k3a(RandomSeeds.Next());
                    }
                }
            {{UnseededRandomFixerTests.SeedSource()}}
            }
            """,
            runtime: false);
    }
}
