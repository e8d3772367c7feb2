using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.MathNetUnseededGeneratorAnalyzer>;

namespace SeedAnalyzers.Tests.MathNet
{
    public class MathNetUnseededGeneratorAnalyzerTests
    {
        [Fact]
        public Task FlagsEveryGeneratorWithoutASeed() => LibraryTest.AnalyzeAsync<MathNetUnseededGeneratorAnalyzer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics.Random;

            class Simulation
            {
                private readonly Random _a = {|#0:new MersenneTwister()|};
                private readonly Random _b = {|#1:new SystemRandomSource(threadSafe: true)|};
                private readonly Xorshift _c = {|#2:new()|};
                private readonly Random _d = {|#3:new Mrg32k3a()|};
                private readonly Random _e = {|#4:new Palf(false)|};
                private readonly Random _f = {|#5:new WH2006()|};
                private readonly Random _g = {|#6:new Xoshiro256StarStar()|};
                private readonly Random _h = {|#7:new Xorshift(1, 2, 3, 4)|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MersenneTwister()"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new SystemRandomSource(threadSafe: true)"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new()"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("new Mrg32k3a()"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("new Palf(false)"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("new WH2006()"),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("new Xoshiro256StarStar()"),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("new Xorshift(1, 2, 3, 4)"));

        // CryptoRandomSource cannot be seeded on purpose: it is for secrets, where a seed would be the bug.
        [Fact]
        public Task IgnoresSeededAndCryptographicGenerators() => LibraryTest.AnalyzeAsync<MathNetUnseededGeneratorAnalyzer>(LibraryReferences.MathNet, """
            using System;
            using MathNet.Numerics.Random;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly Random _a = new MersenneTwister(42);
                private readonly Random _b = new SystemRandomSource(Determinism.SeedFor("Simulation._b"), threadSafe: true);
                private readonly Random _c = new CryptoRandomSource();
                private readonly Random _d = new Xorshift(seed: 3, a: 1, c: 2, x1: 3, x2: 4);
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrashOrReport() => LibraryTest.AnalyzePartialAsync<MathNetUnseededGeneratorAnalyzer>(LibraryReferences.MathNet, """
            using MathNet.Numerics.Random;

            class Simulation
            {
                void M()
                {
                    var a = new MersenneTwister(
                    var b = new MersenneTwister(seed:
                    var c = new MersenneTwistr();
                    var d = {|#0:new MersenneTwister()|};
                }
            }
            """, VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MersenneTwister()"));
    }
}
