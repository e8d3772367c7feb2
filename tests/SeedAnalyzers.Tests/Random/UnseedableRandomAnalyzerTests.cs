using System.Threading.Tasks;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.UnseedableRandomAnalyzer>;

namespace SeedAnalyzers.Tests
{
    public class UnseedableRandomAnalyzerTests
    {
        [Fact]
        public Task FlagsEveryUseOfRandomShared() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Trainer
            {
                private readonly Random _rng = {|#0:Random.Shared|};

                double M(int[] data)
                {
                    int i = {|#1:Random.Shared|}.Next(10);
                    {|#2:System.Random.Shared|}.Shuffle(data);
                    return {|#3:Random.Shared|}.NextDouble();
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("'Random.Shared'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("'Random.Shared'"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("'Random.Shared'"));

        [Fact]
        public Task FlagsTheShuffleIdiomOnceAtTheSelector() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;

            class Split
            {
                void M(int[] rows)
                {
                    var a = rows.OrderBy({|#0:_ => Guid.NewGuid()|}).ToArray();
                    var b = rows.OrderBy({|#1:r => Random.Shared.Next()|}).ToList();
                    var c = rows.OrderByDescending({|#2:_ => new Random().NextDouble()|});
                    var d = rows.OrderBy(r => r).ThenBy({|#3:_ => Guid.NewGuid()|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("The shuffle key 'Guid.NewGuid()'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("The shuffle key 'Random.Shared.Next()'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("The shuffle key 'new Random().NextDouble()'"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("The shuffle key 'Guid.NewGuid()'"));

        [Fact]
        public Task FlagsEnumerableShuffleOnNet10()
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
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Enumerable.Shuffle'"));
            return test.RunAsync();
        }

        [Fact]
        public Task IgnoresSeededOrderingAndOrdinaryKeys() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using SeedAnalyzers;

            class Split
            {
                private static readonly DeterministicRandom Rng = Determinism.Random("Split");

                void M(int[] rows, Random seeded)
                {
                    var a = rows.OrderBy(r => r).ToArray();
                    var b = rows.OrderBy(_ => Rng.Next()).ToArray();
                    var c = rows.OrderBy(_ => seeded.Next()).ToArray();
                    var d = rows.OrderBy(r => Guid.Empty).ToArray();
                    Rng.Shuffle(rows);
                    string name = nameof(Random.Shared);
                }
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrash() => VerifyCS.VerifyPartialCodeAsync("""
            using System;
            using System.Linq;

            class Split
            {
                void M(int[] rows)
                {
                    var a = {|#0:Random.Shared|}.
                    var b = rows.OrderBy(_ => Guid.NewGuid(
                    var c = rows.OrderBy(_ =>
                    var d = Random.Shar
                }
            }
            """,
            // Random.Shared itself is complete while the member after it is still being typed.
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("'Random.Shared'"));
    }
}
