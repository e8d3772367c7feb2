using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The SEED010 fix's promise, checked by running its output: a Parallel.For body that drew from shared
    /// generators gives bitwise the same results with 1 and with 8 threads once fixed.
    /// </summary>
    public class GeneratorUsedAcrossThreadsBehaviourTests
    {
        private const string Sample = """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            public static class Sampler
            {
                public static double[] Run(int threads)
                {
                    var root = new DeterministicRandom(1234);
                    var noise = new Random(7);
                    var result = new double[20_000];
                    var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
                    Parallel.For(0, result.Length, options, i =>
                    {
                        double sum = 0;
                        for (int k = 0; k < 8; k++)
                        {
                            sum += root.NextDouble() * noise.Next(1, 100);
                        }

                        result[i] = sum;
                    });
                    return result;
                }
            }
            """;

        [Fact]
        public async Task FixedParallelForGivesTheSameBitsWithOneAndEightThreads()
        {
            string fixedSource = await FixAllAsync(Sample);
            Assert.Contains("root.ForIndex(i)", fixedSource, StringComparison.Ordinal);
            Assert.Contains("Determinism.Random(\"Sampler.noise\", i)", fixedSource, StringComparison.Ordinal);

            Func<int, double[]> run = Load(fixedSource);
            double[] one = run(1);
            double[] eight = run(8);
            double[] again = run(8);
            Assert.Equal(Bits(one), Bits(eight));
            Assert.Equal(Bits(one), Bits(again));
            Assert.Contains(one, value => value != 0);
        }

        private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

        /// <summary>Applies the fixer to every SEED010 diagnostic until none is left, as a user clicking through would.</summary>
        private static async Task<string> FixAllAsync(string source)
        {
            using var workspace = new AdhocWorkspace();
            Project project = workspace.AddProject("Sample", LanguageNames.CSharp)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .WithMetadataReferences(References());
            Document document = project.AddDocument("Sampler.cs", source);
            var fixer = new GeneratorUsedAcrossThreadsFixer();
            for (int round = 0; round < 10; round++)
            {
                Compilation compilation = (await document.Project.GetCompilationAsync())!;
                ImmutableArray<Diagnostic> diagnostics = await compilation
                    .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GeneratorUsedAcrossThreadsAnalyzer()))
                    .GetAnalyzerDiagnosticsAsync();
                if (diagnostics.IsEmpty)
                {
                    return (await document.GetTextAsync()).ToString();
                }

                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None));
                Assert.NotEmpty(actions);
                ApplyChangesOperation apply = (await actions[0].GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
                document = apply.ChangedSolution.GetDocument(document.Id)!;
            }

            throw new InvalidOperationException("SEED010 diagnostics remain after 10 fixes:\n" + (await document.GetTextAsync()));
        }

        private static Func<int, double[]> Load(string source)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(
                "FixedSampler" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source) },
                References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
            Assert.True(emitted.Success, "the fixed sample does not compile:\n" + string.Join("\n", emitted.Diagnostics) + "\n" + source);
            image.Position = 0;

            // The default context already holds the SeedAnalyzers runtime this test references, so the fixed code binds to it.
            Assembly assembly = new AssemblyLoadContext("FixedSampler", isCollectible: true).LoadFromStream(image);
            MethodInfo run = assembly.GetType("Sampler")!.GetMethod("Run")!;
            return threads => (double[])run.Invoke(null, new object[] { threads })!;
        }

        private static IEnumerable<MetadataReference> References() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .Append(MetadataReference.CreateFromFile(typeof(Determinism).Assembly.Location));
    }
}
