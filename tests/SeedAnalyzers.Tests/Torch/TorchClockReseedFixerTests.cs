using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using Xunit;
using ReseedFix = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.TorchClockReseedAnalyzer, SeedAnalyzers.CodeFixes.TorchClockReseedFixer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED021 fix: TorchDeterminism.Reseed from the master seed.</summary>
    public class TorchClockReseedFixerTests
    {
        [Theory]
        [InlineData("torch.seed()", "TorchDeterminism.Reseed(\"Lab.Restart\")")]
        [InlineData("torch.random.seed()", "TorchDeterminism.Reseed(\"Lab.Restart\")")]
        [InlineData("generator.seed()", "TorchDeterminism.Reseed(generator, \"Lab.Restart\")")]
        public async Task ClockReseedBecomesReseedFromTheMasterSeed(string call, string replacement)
        {
            string source = $$"""
                using TorchSharp;

                public static class Lab
                {
                    public static long Restart(torch.Generator generator)
                    {
                        return {|#0:{{call}}|};
                    }
                }
                """;
            string fixedSource = $$"""
                using SeedAnalyzers;
                using TorchSharp;

                public static class Lab
                {
                    public static long Restart(torch.Generator generator)
                    {
                        return {{replacement}};
                    }
                }
                """;
            await TorchTest.FixAsync<TorchClockReseedAnalyzer, TorchClockReseedFixer>(
                source,
                new[] { ReseedFix.Diagnostic().WithLocation(0).WithArguments(call) },
                fixedSource,
                kind: OutputKind.DynamicallyLinkedLibrary);
        }

        [Fact]
        public async Task ClockReseedNamedAfterTheReceivingVariable()
        {
            const string source = """
                using TorchSharp;

                long runSeed = {|#0:torch.seed()|};
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                long runSeed = TorchDeterminism.Reseed("Program.runSeed");
                """;
            await TorchTest.FixAsync<TorchClockReseedAnalyzer, TorchClockReseedFixer>(
                source, new[] { ReseedFix.Diagnostic().WithLocation(0).WithArguments("torch.seed()") }, fixedSource);
        }
    }
}
