using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.SharedGeneratorAnalyzer, SeedAnalyzers.CodeFixes.SharedGeneratorFixer>;

namespace SeedAnalyzers.Tests
{
    public class SharedGeneratorFixerTests
    {
        private const string Unlocked = "System.Random corrupts under concurrent calls, and which worker gets which numbers depends on scheduling";

        private const string ParallelForSample = """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            public static class Augment
            {
                public static double[] Run(int threads)
                {
                    Determinism.Initialize(7);
                    var noise = new Random(42);
                    var stream = Determinism.Random("Augment.stream");
                    var results = new double[1000];
                    Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    {
                        results[i] = {|#0:noise|}.NextDouble() + {|#1:stream|}.Next(100);
                    });
                    return results;
                }
            }
            """;

        private const string ParallelForFixed = """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            public static class Augment
            {
                public static double[] Run(int threads)
                {
                    Determinism.Initialize(7);
                    var noise = new Random(42);
                    var stream = Determinism.Random("Augment.stream");
                    var results = new double[1000];
                    Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    {
                        results[i] = Determinism.Random("Augment.noise", i).NextDouble() + stream.ForIndex(i).Next(100);
                    });
                    return results;
                }
            }
            """;

        [Fact]
        public Task ParallelForDrawsFromTheStreamOfItsIndex() => VerifyCS.VerifyCodeFixAsync(
            ParallelForSample,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("noise", "Parallel.For", Unlocked),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("stream", "Parallel.For", Unlocked),
            },
            ParallelForFixed);

        [Fact]
        public Task ParallelForEachSwitchesToTheIndexedOverload() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Jitter
            {
                private readonly Random _rng = new Random(1);

                void M(int[] items, double[] output)
                {
                    Parallel.ForEach(items, item =>
                    {
                        output[item] = {|#0:_rng|}.NextDouble() + {|#1:_rng|}.Next(item);
                    });
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("_rng", "Parallel.ForEach", Unlocked),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("_rng", "Parallel.ForEach", Unlocked),
            },
            """
            using System;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Jitter
            {
                private readonly Random _rng = new Random(1);

                void M(int[] items, double[] output)
                {
                    Parallel.ForEach(items, (item, state, index) =>
                    {
                        output[item] = Determinism.Random("Jitter._rng", index).NextDouble() + Determinism.Random("Jitter._rng", index).Next(item);
                    });
                }
            }
            """);

        [Fact]
        public Task ForEachWithIndexUsesIt() => VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Jitter
            {
                void M(int[] items, DeterministicRandom rng)
                {
                    Parallel.ForEach(items, (item, state, position) => {|#0:rng|}.Next(item));
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("rng", "Parallel.ForEach", Unlocked) },
            """
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Jitter
            {
                void M(int[] items, DeterministicRandom rng)
                {
                    Parallel.ForEach(items, (item, state, position) => rng.ForIndex(position).Next(item));
                }
            }
            """);

        [Fact]
        public Task NoFixWithoutAnIndex()
        {
            string source = """
                using System;
                using System.Threading.Tasks;

                class Work
                {
                    Task M(Random rng) => Task.Run(() => {|#0:rng|}.Next());
                }
                """;
            var test = new VerifyCS.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("rng", "Task.Run", Unlocked));
            return test.RunAsync();
        }

        /// <summary>
        /// The premise of the fix: the fixed Parallel.For body gives the same numbers with 1 and 8 threads. The exact
        /// fixed source above is compiled and run.
        /// </summary>
        [Fact]
        public void FixedParallelForNoLongerDependsOnThreadCount()
        {
            Func<int, double[]> run = CompileRun(ParallelForFixed);
            double[] one = run(1);
            Assert.Equal(one, run(8));
            Assert.Equal(one, run(8));
            Assert.NotEqual(one[0], one[1]);
        }

        private static Func<int, double[]> CompileRun(string source)
        {
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var references = platform.Select(path => MetadataReference.CreateFromFile(path)).Append(MetadataReference.CreateFromFile(typeof(Determinism).Assembly.Location));
            CSharpCompilation compilation = CSharpCompilation.Create(
                "FixedSample" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var emit = compilation.Emit(image);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
            Assembly assembly = Assembly.Load(image.ToArray());
            MethodInfo method = assembly.GetType("Augment")!.GetMethod("Run")!;
            return threads => (double[])method.Invoke(null, new object[] { threads })!;
        }
    }
}
