using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.GeneratorUsedAcrossThreadsAnalyzer, SeedAnalyzers.CodeFixes.GeneratorUsedAcrossThreadsTorchFixer>;

namespace SeedAnalyzers.Tests
{
    public class GeneratorUsedAcrossThreadsTorchFixerTests
    {
        private const string TorchGlobal = "it draws from torch's global generator, and the thread schedule decides which work item gets which numbers (pass each its own, split each time the region starts: generator: TorchDeterminism.Generator(workers, index))";

        private static DiagnosticResult At(int location, string draw, string construct) =>
            VerifyCS.Diagnostic().WithLocation(location).WithArguments(draw, construct, TorchGlobal, "");

        // Two draws of one index share one generator: a fresh generator per draw would repeat the same numbers. Each start
        // of a region takes the next sub-stream of the name, so an epoch or a restart draws new numbers.
        [Fact]
        public Task EachIndexGetsOneGeneratorSharedByItsDraws() => new VerifyCS.Test
        {
            IncludeTorchSharp = true,
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using TorchSharp;

                class Augment
                {
                    void M(torch.Tensor[] batches, List<torch.Tensor> items)
                    {
                        Parallel.For(0, batches.Length, i =>
                        {
                            var noise = {|#0:torch.randn(3)|};
                            batches[i] = batches[i] + noise * {|#1:torch.rand(3)|};
                        });
                        Parallel.For(0L, 4L, i => batches[i] = {|#2:torch.rand(3, generator: null)|});
                        Parallel.ForEach(items, (item, state, index) => item.add_({|#3:torch.randn(3)|}));
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using SeedAnalyzers;
                using TorchSharp;

                class Augment
                {
                    void M(torch.Tensor[] batches, List<torch.Tensor> items)
                    {
                        var generatorWorkers = Determinism.Random("Augment.M");
                        Parallel.For(0, batches.Length, i =>
                        {
                            var generator = TorchDeterminism.Generator(generatorWorkers, i);
                            var noise = torch.randn(3, generator: generator);
                            batches[i] = batches[i] + noise * torch.rand(3, generator: generator);
                        });
                        var generatorWorkers2 = Determinism.Random("Augment.M");
                        Parallel.For(0L, 4L, i =>
                        {
                            var generator = TorchDeterminism.Generator(generatorWorkers2, i);
                            batches[i] = torch.rand(3, generator: generator);
                        });
                        var generatorWorkers3 = Determinism.Random("Augment.M");
                        Parallel.ForEach(items, (item, state, index) =>
                        {
                            var generator = TorchDeterminism.Generator(generatorWorkers3, index);
                            item.add_(torch.randn(3, generator: generator));
                        });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                At(0, "torch.randn(3)", "Parallel.For"),
                At(1, "torch.rand(3)", "Parallel.For"),
                At(2, "torch.rand(3, generator: null)", "Parallel.For"),
                At(3, "torch.randn(3)", "Parallel.ForEach"),
            },
        }.RunAsync();

        [Fact]
        public Task NoFixWithoutAnIndexAGeneratorParameterOrOnADevice() => new VerifyCS.Test
        {
            IncludeTorchSharp = true,
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using TorchSharp;

                class Augment
                {
                    void M(torch.Tensor[] batches, List<torch.Tensor> items, torch.Device device)
                    {
                        Parallel.For(0, 4, i => batches[i] = {|#0:torch.nn.functional.dropout(batches[i], 0.5)|});
                        Parallel.For(0, 4, i => batches[i] = {|#1:torch.rand(3, device: device)|});
                        Parallel.ForEach(items, item => item.add_({|#2:torch.randn(3)|}));
                        var sums = items.AsParallel().Select(item => {|#3:torch.rand(1)|}).ToList();
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                At(0, "torch.nn.functional.dropout(batches[i], 0.5)", "Parallel.For"),
                At(1, "torch.rand(3, device: device)", "Parallel.For"),
                At(2, "torch.randn(3)", "Parallel.ForEach"),
                At(3, "torch.rand(1)", "the PLINQ operator Select"),
            },
        }.RunAsync();

        [Fact]
        public Task NoFixWithoutTheTorchRuntime() => new VerifyCS.Test
        {
            IncludeTorchSharp = true,
            IncludeRuntime = false,
            TestCode = """
                using System.Threading.Tasks;
                using TorchSharp;

                class Augment
                {
                    void M(torch.Tensor[] batches) => Parallel.For(0, 4, i => batches[i] = {|#0:torch.rand(3)|});
                }
                """,
            ExpectedDiagnostics = { At(0, "torch.rand(3)", "Parallel.For") },
        }.RunAsync();
    }
}
