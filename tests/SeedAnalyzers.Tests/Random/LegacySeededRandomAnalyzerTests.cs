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
        public Task LeavesSeedsComputedFromAClockToSeed003() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Model
            {
                Random A() => new Random(Environment.TickCount);
                Random B() => new Random((int)(DateTime.Now.Ticks * 100));
                Random C() => new Random((int)(DateTime.Now.Ticks % int.MaxValue));
                Random D(object provider) => new Random(provider.GetHashCode());
                Random E() => new Random(Guid.NewGuid().GetHashCode() ^ 17);
                Random F() => new(-Environment.TickCount);
            }
            """);

        [Fact]
        public Task StillFlagsSeedsThatOnlyNameAClock() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Schedule
            {
                public const int Now = 3;
            }

            class Model
            {
                Random A() => {|#0:new Random(Schedule.Now * 7)|};
                Random B(int TickCount) => {|#1:new Random(TickCount + 1)|};
                Random C(Version version) => {|#2:new Random(version.GetHashCode())|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random(Schedule.Now * 7)"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random(TickCount + 1)"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new Random(version.GetHashCode())"));

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
