using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using Xunit;
using Reseed = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchClockReseedAnalyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED021: torch.seed() and Generator.seed() reseed from the clock.</summary>
    public class TorchClockReseedAnalyzerTests
    {
        [Theory]
        [InlineData("torch.seed()")]
        [InlineData("torch.random.seed()")]
        [InlineData("new torch.Generator(1).seed()")]
        public async Task ClockReseedIsReportedInAnyProject(string call)
        {
            string source = $$"""
                using TorchSharp;

                public static class Lab
                {
                    public static long Go() => {|#0:{{call}}|};
                }
                """;
            await TorchTest.AnalyzeAsync<TorchClockReseedAnalyzer>(source, OutputKind.DynamicallyLinkedLibrary, null,
                Reseed.Diagnostic().WithLocation(0).WithArguments(call));
        }

        [Fact]
        public async Task OtherSeedCallsAreClean()
        {
            const string source = """
                using TorchSharp;

                torch.manual_seed(3);
                var g = new torch.Generator(1);
                g.manual_seed(4);
                long initial = g.initial_seed() + torch.initial_seed();
                long seed() => 5;
                long mine = seed();
                """;
            await TorchTest.AnalyzeAsync<TorchClockReseedAnalyzer>(source);
        }

        /// <summary>Precision review: TorchSharp's own sources define torch.seed() by forwarding to Generator.seed().</summary>
        [Fact]
        public async Task TorchSharpsOwnSourcesAreNotAnalyzed()
        {
            const string source = """
                namespace TorchSharp
                {
                    public static class torch
                    {
                        public static long seed() => random.seed();

                        public static class random
                        {
                            public static long seed() => Generator.Default.seed();
                        }

                        public sealed class Generator
                        {
                            public static Generator Default { get; } = new Generator();
                            public long seed() => 0;
                        }
                    }
                }
                """;
            var test = new Verifiers.CSharpAnalyzerVerifier<TorchClockReseedAnalyzer>.Test { TestCode = source, IncludeTorchSharp = false };
            await test.RunAsync();
        }

        [Fact]
        public async Task PartialCode()
        {
            const string source = """
                using TorchSharp;

                var a = {|#0:torch.seed()|};
                var b = torch.seed(
                var c = torch.random.
                """;
            await TorchTest.AnalyzePartialAsync<TorchClockReseedAnalyzer>(source, Reseed.Diagnostic().WithLocation(0).WithArguments("torch.seed()"));
        }
    }
}
