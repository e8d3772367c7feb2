using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.MLContextUnseededAnalyzer, SeedAnalyzers.CodeFixes.MLContextUnseededFixer>;

namespace SeedAnalyzers.Tests.MLNet
{
    public class MLContextUnseededFixerTests
    {
        [Fact]
        public Task SeedsFromTheMasterSeedNamedAfterTheReceiver() => LibraryTest.FixAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Trainer
            {
                private readonly MLContext _context = {|#0:new MLContext()|}; // shared by the pipeline
                private MLContext Other { get; } = {|#1:new()|};

                void M()
                {
                    var split = {|#2:new MLContext(seed: null)|};
                    var folds = {|#3:new MLContext(null)|};
                    Train(split, folds);
                }

                static void Train(params MLContext[] contexts)
                {
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new()"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("new MLContext(seed: null)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("new MLContext(null)"),
            },
            """
            using Microsoft.ML;
            using SeedAnalyzers;

            class Trainer
            {
                private readonly MLContext _context = new MLContext(seed: Determinism.SeedFor("Trainer._context")); // shared by the pipeline
                private MLContext Other { get; } = new(seed: Determinism.SeedFor("Trainer.Other"));

                void M()
                {
                    var split = new MLContext(seed: Determinism.SeedFor("Trainer.split"));
                    var folds = new MLContext(Determinism.SeedFor("Trainer.folds"));
                    Train(split, folds);
                }

                static void Train(params MLContext[] contexts)
                {
                }
            }
            """);

        // SeedFor continues: each context created in the loop gets the next sub-stream's seed, so they stay independent.
        [Fact]
        public Task InALoopEachContextStillGetsItsOwnSeed() => LibraryTest.FixAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Sweep
            {
                void Run()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        var context = {|#0:new MLContext()|};
                        context.Data.ShuffleRows(null);
                    }
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()") },
            """
            using Microsoft.ML;
            using SeedAnalyzers;

            class Sweep
            {
                void Run()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        var context = new MLContext(seed: Determinism.SeedFor("Sweep.context"));
                        context.Data.ShuffleRows(null);
                    }
                }
            }
            """);

        [Fact]
        public Task WithoutTheRuntimeEachContextGetsASeedOfItsOwn() => LibraryTest.FixAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Trainer
            {
                private readonly MLContext _context = {|#0:new MLContext()|};
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()") },
            $$"""
            using Microsoft.ML;

            class Trainer
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private readonly MLContext _context = new MLContext(seed: RandomSeeds.Next());
            {{UnseededRandomFixerTests.SeedSource(random: "System.Random")}}
            }
            """,
            runtime: false);

        // One constant for every iteration would make the contexts alike: each gets the next seed of the type's source.
        [Fact]
        public Task WithoutTheRuntimeContextsMadeInALoopStayIndependent() => LibraryTest.FixAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Sweep
            {
                void Run()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        var context = {|#0:new MLContext()|};
                        context.Data.ShuffleRows(null);
                    }
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()") },
            $$"""
            using Microsoft.ML;

            class Sweep
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                void Run()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        var context = new MLContext(seed: RandomSeeds.Next());
                        context.Data.ShuffleRows(null);
                    }
                }
            {{UnseededRandomFixerTests.SeedSource(random: "System.Random")}}
            }
            """,
            runtime: false);

        [Fact]
        public Task TopLevelProgram() => LibraryTest.FixAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            var context = {|#0:new MLContext()|};
            System.Console.WriteLine(context.Data);
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()") },
            """
            using Microsoft.ML;
            using SeedAnalyzers;

            var context = new MLContext(seed: Determinism.SeedFor("Program.context"));
            System.Console.WriteLine(context.Data);
            """,
            topLevel: true);
    }
}
