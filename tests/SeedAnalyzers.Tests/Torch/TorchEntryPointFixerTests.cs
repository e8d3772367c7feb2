using System.Threading;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using Xunit;
using EntryFix = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.TorchEntryPointAnalyzer, SeedAnalyzers.CodeFixes.TorchEntryPointFixer>;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>SEED020, SEED022 and SEED031 fix: the entry point seeds torch first. Fixed sources compile against TorchSharp 0.107.0 and SeedAnalyzers.TorchSharp.</summary>
    public class TorchEntryPointFixerTests
    {
        [Fact]
        public async Task InitializeIsInsertedOnceAtTheStartOfTopLevelStatements()
        {
            const string source = """
                using TorchSharp;

                var x = {|#0:torch.randn(3)|};
                var layer = {|#1:torch.nn.Linear(4, 2)|};
                var drop = {|#2:torch.nn.Dropout(0.1)|};
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                TorchDeterminism.Initialize(seed: 42);
                var x = torch.randn(3);
                var layer = torch.nn.Linear(4, 2);
                var drop = torch.nn.Dropout(0.1);
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[]
                {
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"),
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(1).WithArguments("torch.nn.Linear(4, 2)"),
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(2).WithArguments("torch.nn.Dropout(0.1)"),
                },
                fixedSource);
        }

        // An expression-bodied Main becomes a block: Initialize first, then the expression, returned where it is the result.
        [Fact]
        public async Task ExpressionBodiedMainBecomesABlockThatInitializesFirst()
        {
            const string source = """
                using System.Threading.Tasks;
                using TorchSharp;

                class Program
                {
                    static async Task<int> Main() => await Train();

                    static Task<int> Train() => Task.FromResult((int)({|#0:torch.randn(3)|}.sum().item<float>() * 10));
                }
                """;
            const string fixedSource = """
                using System.Threading.Tasks;
                using SeedAnalyzers;
                using TorchSharp;

                class Program
                {
                    static async Task<int> Main()
                    {
                        TorchDeterminism.Initialize(seed: 42);
                        return await Train();
                    }

                    static Task<int> Train() => Task.FromResult((int)(torch.randn(3).sum().item<float>() * 10));
                }
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[] { EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)") },
                fixedSource);
        }

        [Fact]
        public async Task ExpressionBodiedVoidMainKeepsItsCallAsAStatement()
        {
            const string source = """
                using TorchSharp;

                class Program
                {
                    static void Main() => Train();

                    static void Train() => System.Console.WriteLine({|#0:torch.rand(2)|});
                }
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                class Program
                {
                    static void Main()
                    {
                        TorchDeterminism.Initialize(seed: 42);
                        Train();
                    }

                    static void Train() => System.Console.WriteLine(torch.rand(2));
                }
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[] { EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.rand(2)") },
                fixedSource);
        }

        // Issue 15: the existing entry-point fix applies to the library report and to CUDA touched before Initialize.
        [Fact]
        public async Task LibraryReportGetsInitializeFirst()
        {
            var test = TorchTest.FixTest<TorchEntryPointAnalyzer, TorchEntryPointFixer>();
            test.TestCode = """
                using ModelLib;

                var net = {|#0:new Net()|};
                Trainer.Fit(net, 3);
                """;
            test.FixedCode = """
                using ModelLib;
                using SeedAnalyzers;

                TorchDeterminism.Initialize(seed: 42);
                var net = new Net();
                Trainer.Fit(net, 3);
                """;
            foreach (var state in new[] { test.TestState, test.FixedState, test.BatchFixedState })
            {
                var project = new Microsoft.CodeAnalysis.Testing.ProjectState("ModelLib", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/ModelLib/Lib", "cs")
                {
                    Sources = { TorchEntryPointAnalyzerTests.ModelLibrary },
                };
                project.AdditionalReferences.Add(Verifiers.TestReferences.TorchSharp);
                project.AdditionalReferences.Add(Verifiers.TestReferences.Runtime);
                state.AdditionalProjects.Add("ModelLib", project);
                state.AdditionalProjectReferences.Add("ModelLib");
            }

            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.LibraryCallsRule).WithLocation(0).WithArguments("new Net()", "'new Net(...)', 'Trainer.Fit'"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task CudaTouchedBeforeInitializeMovesInitializeFirst()
        {
            const string source = """
                using SeedAnalyzers;
                using TorchSharp;

                var device = {|#0:torch.cuda.is_available()|} ? "cuda" : "cpu";
                TorchDeterminism.Initialize(seed: 7);
                System.Console.WriteLine(device);
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                TorchDeterminism.Initialize(seed: 7);
                var device = torch.cuda.is_available() ? "cuda" : "cpu";
                System.Console.WriteLine(device);
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[] { EntryFix.Diagnostic(TorchEntryPointAnalyzer.CudaBeforeDeterminismRule).WithLocation(0).WithArguments("torch.cuda.is_available()") },
                fixedSource);
        }

        [Fact]
        public async Task FixAllAcrossDocumentsEditsTheEntryPointOnce()
        {
            var test = TorchTest.FixTest<TorchEntryPointAnalyzer, TorchEntryPointFixer>();
            test.TestState.Sources.Add(("/Program.cs", """
                namespace Lab
                {
                    public static class Program
                    {
                        public static void Main(string[] args)
                        {
                            System.Console.WriteLine(new Net().Forward());
                        }
                    }
                }
                """));
            test.TestState.Sources.Add(("/Net.cs", """
                using TorchSharp;
                using static TorchSharp.torch;

                namespace Lab
                {
                    public sealed class Net
                    {
                        private readonly nn.Module<Tensor, Tensor> _fc = {|#0:nn.Linear(3, 1)|};
                        public Tensor Forward() => _fc.call({|#1:randn(2, 3)|});
                        public Tensor Noise(Device device) => {|#2:rand(3)|}.to(device);
                    }
                }
                """));
            test.FixedState.Sources.Add(("/Program.cs", """
                using SeedAnalyzers;

                namespace Lab
                {
                    public static class Program
                    {
                        public static void Main(string[] args)
                        {
                            TorchDeterminism.Initialize(seed: 42);
                            System.Console.WriteLine(new Net().Forward());
                        }
                    }
                }
                """));
            test.FixedState.Sources.Add(test.TestState.Sources[1].filename == "/Net.cs"
                ? ("/Net.cs", test.TestState.Sources[1].content.ToString().Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("|}", string.Empty))
                : default);
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("nn.Linear(3, 1)"));
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(1).WithArguments("randn(2, 3)"));
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(2).WithArguments("rand(3)"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task ExistingManualSeedIsReplacedKeepingItsSeed()
        {
            const string source = """
                using TorchSharp;

                var early = {|#0:torch.randn(3)|};
                torch.manual_seed(2024);
                var device = {|#1:torch.CUDA|};
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                TorchDeterminism.Initialize(seed: 2024);
                var early = torch.randn(3);
                var device = torch.CUDA;
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[]
                {
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.BeforeSeedRule).WithLocation(0).WithArguments("torch.randn(3)"),
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.CudaNotSeededRule).WithLocation(1).WithArguments("torch.CUDA"),
                    EntryFix.Diagnostic(TorchEntryPointAnalyzer.GpuNotDeterministicRule).WithLocation(1).WithArguments("torch.CUDA"),
                },
                fixedSource);
        }

        [Fact]
        public async Task LateInitializeIsMovedFirst()
        {
            const string source = """
                using SeedAnalyzers;
                using TorchSharp;

                // Pick the device.
                var device = {|#0:torch.CUDA|};
                TorchDeterminism.Initialize(seed: 5);
                var x = torch.randn(3, device: device);
                """;
            const string fixedSource = """
                using SeedAnalyzers;
                using TorchSharp;

                TorchDeterminism.Initialize(seed: 5);
                // Pick the device.
                var device = torch.CUDA;
                var x = torch.randn(3, device: device);
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[] { EntryFix.Diagnostic(TorchEntryPointAnalyzer.CudaBeforeDeterminismRule).WithLocation(0).WithArguments("torch.CUDA") },
                fixedSource);
        }

        [Fact]
        public async Task CudaSeedFixAddsManualSeedAllAfterManualSeed()
        {
            var test = TorchTest.FixTest<TorchEntryPointAnalyzer, TorchEntryPointFixer>();
            test.TestCode = """
                    using TorchSharp;

                    public static class Program
                    {
                        private const long Seed = 9;

                        public static void Main()
                        {
                            torch.manual_seed(Seed);
                            var x = torch.randn(3, device: {|#0:torch.CUDA|});
                        }
                    }
                    """;
            test.FixedCode = """
                    using TorchSharp;

                    public static class Program
                    {
                        private const long Seed = 9;

                        public static void Main()
                        {
                            torch.manual_seed(Seed);
                            torch.cuda.manual_seed_all(Seed);
                            var x = torch.randn(3, device: torch.CUDA);
                        }
                    }
                    """;
            test.CodeActionEquivalenceKey = TorchEntryPointFixer.EquivalenceKey(TorchEntryPointAnalyzer.CudaSeedFix);
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.CudaNotSeededRule).WithLocation(0).WithArguments("torch.CUDA"));
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.GpuNotDeterministicRule).WithLocation(0).WithArguments("torch.CUDA"));
            test.FixedState.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.GpuNotDeterministicRule).WithLocation(11, 40).WithArguments("torch.CUDA"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task SeedFromALocalIsNotMovedAboveItsDeclaration()
        {
            const string source = """
                using TorchSharp;

                var early = {|#0:torch.randn(3)|};
                long seed = long.Parse("11");
                torch.manual_seed(seed);
                """;
            await TorchTest.FixAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                new[] { EntryFix.Diagnostic(TorchEntryPointAnalyzer.BeforeSeedRule).WithLocation(0).WithArguments("torch.randn(3)") },
                source,
                iterations: 0);
        }

        /// <summary>Fuzzing: in a half-typed entry point the inserted Initialize bound to a recovered local (CS0841).</summary>
        [Fact]
        public async Task NoEntryPointFixWhileTheEntryPointHasSyntaxErrors()
        {
            const string source = """
                using TorchSharp;

                var x = {|#0:torch.randn(3)|};
                var y = (1 + ;
                """;
            await TorchTest.NoFixInPartialCodeAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                source,
                EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }

        [Fact]
        public async Task NoFixWithoutSeedAnalyzersTorchSharp()
        {
            const string source = """
                using TorchSharp;

                var x = {|#0:torch.randn(3)|};
                """;
            var test = TorchTest.FixTest<TorchEntryPointAnalyzer, TorchEntryPointFixer>();
            test.IncludeRuntime = false;
            test.TestCode = source;
            test.FixedCode = source;
            test.ExpectedDiagnostics.Add(EntryFix.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
