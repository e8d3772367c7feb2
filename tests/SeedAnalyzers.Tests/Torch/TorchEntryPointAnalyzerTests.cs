using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SeedAnalyzers.Analyzers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.TorchEntryPointAnalyzer>;

namespace SeedAnalyzers.Tests.Torch
{
    public class TorchEntryPointAnalyzerTests
    {
        private static Task Verify(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            TorchTest.AnalyzeAsync<TorchEntryPointAnalyzer>(source, expected);

        [Theory]
        [InlineData("torch.randn(3)")]
        [InlineData("torch.rand(2, 2)")]
        [InlineData("torch.randint(10, new long[] { 4 })")]
        [InlineData("torch.randperm(10)")]
        [InlineData("torch.normal(0.0, 1.0, new long[] { 3 })")]
        [InlineData("torch.ones(3).bernoulli()")]
        [InlineData("torch.ones(3).multinomial(1)")]
        [InlineData("torch.empty(3).uniform_(0, 1)")]
        [InlineData("torch.empty(3).normal_()")]
        [InlineData("torch.empty(3).exponential_()")]
        [InlineData("torch.nn.init.kaiming_uniform_(torch.empty(3, 3))")]
        [InlineData("torch.nn.Linear(4, 2)")]
        [InlineData("torch.nn.Conv2d(1, 4, 3)")]
        [InlineData("torch.nn.LSTM(4, 8)")]
        [InlineData("torch.nn.Embedding(10, 4)")]
        [InlineData("torch.nn.Dropout(0.5)")]
        [InlineData("torch.nn.functional.dropout(torch.ones(3))")]
        public async Task RandomOperationInUnseededProgramIsReported(string call)
        {
            string source = $$"""
                using TorchSharp;

                var x = {|#0:{{call}}|};
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments(call));
        }

        [Theory]
        [InlineData("torch.manual_seed(42);")]
        [InlineData("torch.random.manual_seed(42);")]
        [InlineData("SeedAnalyzers.TorchDeterminism.Initialize(seed: 42);")]
        [InlineData("var generator = torch.manual_seed(42);")]
        public async Task SeededProgramIsClean(string seed)
        {
            string source = $$"""
                using TorchSharp;

                {{seed}}
                var x = torch.randn(3);
                var layer = torch.nn.Linear(4, 2);
                """;
            await Verify(source);
        }

        // The usual spellings are recognized from their names without binding Main; these are bound instead.
        [Theory]
        [InlineData("using T = TorchSharp.torch;", "T.manual_seed(42);")]
        [InlineData("using static TorchSharp.torch;", "manual_seed(42);")]
        [InlineData("using static TorchSharp.torch;", "random.manual_seed(42);")]
        [InlineData("using TorchSharp;", "global::TorchSharp.torch.manual_seed(42);")]
        [InlineData("using TorchSharp;", "TorchSharp.torch.random.manual_seed(42);")]
        [InlineData("using TD = SeedAnalyzers.TorchDeterminism;", "TD.Initialize(seed: 42);")]
        public async Task SeedSpelledThroughAnAliasStaticImportOrFullNameIsClean(string usingDirective, string seed)
        {
            string source = $$"""
                {{usingDirective}}
                using TorchSharp;

                {{seed}}
                var x = torch.randn(3);
                """;
            await Verify(source);
        }

        [Fact]
        public async Task AManualSeedThatIsNotTorchsDoesNotCount()
        {
            string source = """
                using TorchSharp;

                Fake.manual_seed(42);
                Fake.torch.manual_seed(42);
                var x = {|#0:torch.randn(3)|};

                static class Fake
                {
                    public static void manual_seed(long seed) { }

                    public static class torch
                    {
                        public static void manual_seed(long seed) { }
                    }
                }
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }

        [Fact]
        public async Task SeedInMainCoversOtherTypes()
        {
            const string source = """
                using TorchSharp;
                using static TorchSharp.torch;

                public static class Program
                {
                    public static void Main()
                    {
                        manual_seed(1);
                        var net = new Net();
                    }
                }

                public sealed class Net
                {
                    private readonly nn.Module<Tensor, Tensor> _layer = nn.Linear(3, 1);
                    public Tensor Noise() => randn(3);
                }
                """;
            await Verify(source);
        }

        [Fact]
        public async Task UnseededMainReportsUsesInOtherTypes()
        {
            const string source = """
                using TorchSharp;
                using static TorchSharp.torch;

                public static class Program
                {
                    public static void Main()
                    {
                        var net = new Net();
                    }
                }

                public sealed class Net
                {
                    private readonly nn.Module<Tensor, Tensor> _layer = {|#0:nn.Linear(3, 1)|};
                    public Tensor Noise() => {|#1:randn(3)|};
                }
                """;
            await Verify(
                source,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("nn.Linear(3, 1)"),
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(1).WithArguments("randn(3)"));
        }

        [Fact]
        public async Task AsyncMainIsTheEntryPoint()
        {
            const string source = """
                using System.Threading.Tasks;
                using TorchSharp;

                public static class Program
                {
                    public static async Task<int> Main(string[] args)
                    {
                        await Task.Yield();
                        var x = {|#0:torch.randn(3)|};
                        return 0;
                    }
                }
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }

        [Fact]
        public async Task SeededAsyncMainIsClean()
        {
            const string source = """
                using System.Threading.Tasks;
                using TorchSharp;

                public static class Program
                {
                    public static async Task Main()
                    {
                        torch.manual_seed(3);
                        await Task.Yield();
                        var x = torch.randn(3);
                    }
                }
                """;
            await Verify(source);
        }

        [Fact]
        public async Task SeedThroughAHelperCalledFirstCounts()
        {
            const string source = """
                using TorchSharp;

                Setup.Run();
                var x = torch.randn(3);

                static class Setup
                {
                    public static void Run() => Seed();
                    private static void Seed() { torch.manual_seed(7); }
                }
                """;
            await Verify(source);
        }

        // The names that can reach a seeding call are found by searching the text; a name spelled with a Unicode
        // escape, or called as x?.f() or f<T>(), must still be found.
        [Theory]
        [InlineData("Setup.R\\u0075n();")]
        [InlineData("Setup.Start();")]
        public async Task SeedThroughHelpersSpelledWithEscapesConditionalAccessOrTypeArgumentsCounts(string call)
        {
            string source = $$"""
                using TorchSharp;

                {{call}}
                var x = torch.randn(3);

                static class Setup
                {
                    public static void Run() => Seed();
                    public static void Start() => Other.Instance?.Go<int>();
                    private static void Seed() { torch.manual_seed(7); }
                }

                class Other
                {
                    public static Other? Instance = new Other();
                    public void Go<T>() { torch.manual_seed(8); }
                }
                """;
            await Verify(source);
        }

        [Fact]
        public async Task SeedInsideAConditionDoesNotCount()
        {
            const string source = """
                using TorchSharp;

                if (System.Environment.GetCommandLineArgs().Length > 3)
                {
                    torch.manual_seed(7);
                }

                var x = {|#0:torch.randn(3)|};
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }

        [Fact]
        public async Task DrawBeforeTheSeedInTheEntryPointIsReported()
        {
            const string source = """
                using TorchSharp;

                var early = {|#0:torch.randn(3)|};
                torch.manual_seed(7);
                var late = torch.randn(3);
                void Later() { var y = torch.rand(2); }
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.BeforeSeedRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }

        [Theory]
        [InlineData("torch.randn(3, generator: g)")]
        [InlineData("torch.empty(3).uniform_(0, 1, generator: g)")]
        [InlineData("torch.nn.functional.dropout(torch.ones(3), training: false)")]
        [InlineData("torch.ones(3)")]
        [InlineData("torch.nn.init.zeros_(torch.empty(3))")]
        [InlineData("torch.nn.ReLU()")]
        [InlineData("torch.nn.BatchNorm1d(3)")]
        public async Task DeterministicOrExplicitlySeededOperationsAreNotReported(string call)
        {
            string source = $$"""
                using TorchSharp;

                var g = new torch.Generator(42);
                var x = {{call}};
                """;
            await Verify(source);
        }

        [Fact]
        public async Task ExplicitNullGeneratorIsStillReported()
        {
            const string source = """
                using TorchSharp;

                var x = {|#0:torch.randn(3, generator: null)|};
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3, generator: null)"));
        }

        [Fact]
        public async Task LibraryIsSilentByDefault()
        {
            const string source = """
                using TorchSharp;

                public static class Layers
                {
                    public static torch.Tensor Noise() => torch.randn(3);
                    public static torch.Device Gpu => torch.CUDA;
                }
                """;
            await TorchTest.AnalyzeAsync<TorchEntryPointAnalyzer>(source, OutputKind.DynamicallyLinkedLibrary, null);
        }

        [Theory]
        [InlineData("seedanalyzers.torch.analyze_libraries")]
        [InlineData("seedanalyzers.SEED020.analyze_libraries")]
        public async Task LibraryIsAnalyzedWhenConfigured(string key)
        {
            const string source = """
                using TorchSharp;

                public static class Layers
                {
                    public static torch.Tensor Noise() => {|#0:torch.randn(3)|};
                    public static torch.Device Gpu => {|#1:torch.CUDA|};
                }
                """;
            string editorConfig = $"""
                root = true

                [*.cs]
                {key} = true
                """;
            await TorchTest.AnalyzeAsync<TorchEntryPointAnalyzer>(
                source,
                OutputKind.DynamicallyLinkedLibrary,
                editorConfig,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededInLibraryRule).WithLocation(0).WithArguments("torch.randn(3)"),
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.GpuInLibraryRule).WithLocation(1).WithArguments("torch.CUDA"));
        }

        // Issue 15: a library has no entry point, so its messages must not claim that "the entry point never seeds torch".
        [Fact]
        public void LibraryMessagesDoNotClaimAnythingAboutAnEntryPoint()
        {
            Assert.DoesNotContain("entry point never", TorchEntryPointAnalyzer.UnseededInLibraryRule.MessageFormat.ToString(), System.StringComparison.Ordinal);
            Assert.DoesNotContain("the entry point does not", TorchEntryPointAnalyzer.GpuInLibraryRule.MessageFormat.ToString(), System.StringComparison.Ordinal);
        }

        /// <summary>A program referencing a library project built against TorchSharp (issue 15's third case).</summary>
        internal static VerifyCS.Test ProgramWithLibrary(string program, string library, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        {
            var test = new VerifyCS.Test { TestCode = program, IncludeTorchSharp = true };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            var project = new Microsoft.CodeAnalysis.Testing.ProjectState("ModelLib", LanguageNames.CSharp, "/ModelLib/Lib", "cs")
            {
                Sources = { library },
            };
            project.AdditionalReferences.Add(Verifiers.TestReferences.TorchSharp);
            project.AdditionalReferences.Add(Verifiers.TestReferences.Runtime);
            test.TestState.AdditionalProjects.Add("ModelLib", project);
            test.TestState.AdditionalProjectReferences.Add("ModelLib");
            test.ExpectedDiagnostics.AddRange(expected);
            return test;
        }

        internal const string ModelLibrary = """
            using TorchSharp;
            using static TorchSharp.torch;

            namespace ModelLib
            {
                public sealed class Net : nn.Module<Tensor, Tensor>
                {
                    private readonly nn.Module<Tensor, Tensor> _layer = nn.Linear(4, 2);
                    private readonly nn.Module<Tensor, Tensor> _gru = nn.Embedding(10, 4);

                    public Net() : base("net") => RegisterComponents();

                    public override Tensor forward(Tensor input) => _layer.call(input + torch.randn(4));
                }

                public static class Trainer
                {
                    public static float Fit(Net net, int epochs) => net.forward(torch.ones(4)).sum().item<float>() * epochs;
                }

                public static class Seeding
                {
                    public static void SetSeed(long seed) => torch.manual_seed(seed);
                }

                public static class Tokens
                {
                    public static string Clean(string text) => text.Trim();
                }
            }
            """;

        [Fact]
        public Task LibraryCallsFromAnUnseededEntryPointAreReportedThere() => ProgramWithLibrary("""
            using ModelLib;

            static class Program
            {
                static void Main()
                {
                    System.Console.WriteLine(Tokens.Clean(" go "));
                    var net = {|#0:new Net()|};
                    for (int epoch = 0; epoch < 3; epoch++)
                    {
                        Trainer.Fit(net, epoch);
                    }

                    Evaluate(net);
                }

                static void Evaluate(Net net) => Trainer.Fit(net, 1);
            }
            """,
            ModelLibrary,
            VerifyCS.Diagnostic(TorchEntryPointAnalyzer.LibraryCallsRule).WithLocation(0).WithArguments("new Net()", "'new Net(...)', 'Trainer.Fit', 'Tokens.Clean'")).RunAsync();

        [Fact]
        public Task LibraryCallsThroughAHelperAreReportedAtTheHelperCall() => ProgramWithLibrary("""
            using ModelLib;

            {|#0:Run()|};

            static void Run() => Trainer.Fit(new Net(), 2);
            """,
            ModelLibrary,
            VerifyCS.Diagnostic(TorchEntryPointAnalyzer.LibraryCallsRule).WithLocation(0).WithArguments("Run()", "'Trainer.Fit', 'new Net(...)'")).RunAsync();

        [Theory]
        [InlineData("SeedAnalyzers.TorchDeterminism.Initialize(seed: 1);")]
        [InlineData("TorchSharp.torch.manual_seed(1);")]
        [InlineData("Seeding.SetSeed(1);")]
        public Task LibraryCallsAfterTheProgramSeedsTorchAreNotReported(string seed) => ProgramWithLibrary($$"""
            using ModelLib;

            {{seed}}
            var net = new Net();
            Trainer.Fit(net, 3);
            """, ModelLibrary).RunAsync();

        [Fact]
        public Task LibrariesWithoutTorchSharpAreNotReported()
        {
            var test = new VerifyCS.Test { TestCode = """
                using Text;

                System.Console.WriteLine(Tokens.Clean(" go "));
                var x = {|#0:TorchSharp.torch.randn(3)|};
                """, IncludeTorchSharp = true };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            var project = new Microsoft.CodeAnalysis.Testing.ProjectState("Text", LanguageNames.CSharp, "/Text/Lib", "cs")
            {
                Sources = { "namespace Text { public static class Tokens { public static string Clean(string t) => t.Trim(); } }" },
            };
            test.TestState.AdditionalProjects.Add("Text", project);
            test.TestState.AdditionalProjectReferences.Add("Text");
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("TorchSharp.torch.randn(3)"));
            return test.RunAsync();
        }

        // Issue 15: torch.cuda.is_available() (or any CUDA call) before Initialize makes Initialize throw on a GPU host.
        [Fact]
        public Task CudaTouchedBeforeInitializeIsReported() => Verify("""
            using SeedAnalyzers;
            using TorchSharp;

            bool gpu = {|#0:torch.cuda.is_available()|};
            var device = {|#1:PickDevice()|};
            TorchDeterminism.Initialize(seed: 1);
            bool later = torch.cuda.is_available();
            int count = torch.cuda.device_count();
            var again = PickDevice();

            static string PickDevice() => Probe() ? "cuda" : "cpu";

            static bool Probe() => torch.cuda.device_count() > 0;
            """,
            VerifyCS.Diagnostic(TorchEntryPointAnalyzer.CudaBeforeDeterminismRule).WithLocation(0).WithArguments("torch.cuda.is_available()"),
            VerifyCS.Diagnostic(TorchEntryPointAnalyzer.CudaReachedBeforeDeterminismRule).WithLocation(1).WithArguments("PickDevice()", "torch.cuda.device_count()"));

        [Fact]
        public Task CudaQueriesWithoutInitializeOrInLibrariesAreNotThisReport() => Verify("""
            using TorchSharp;

            bool gpu = torch.cuda.is_available();
            torch.manual_seed(1);
            """);

        [Theory]
        [InlineData("seedanalyzers.torch.seeding_methods")]
        [InlineData("seedanalyzers.SEED020.seeding_methods")]
        public async Task ConfiguredSeedingMethodCountsAsFullInitialization(string key)
        {
            const string source = """
                using TorchSharp;

                Lab.Bootstrap.Start();
                var x = torch.randn(3, device: torch.CUDA);

                namespace Lab
                {
                    public static class Bootstrap
                    {
                        public static extern void Start();
                    }
                }
                """;
            string editorConfig = $"""
                root = true

                [*.cs]
                {key} = Other.Setup.Go, Lab.Bootstrap.Start
                """;
            var test = new VerifyCS.Test { TestCode = source, IncludeTorchSharp = true, CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("torch.CUDA")]
        [InlineData("torch.device(\"cuda\")")]
        [InlineData("torch.device(\"cuda:1\")")]
        [InlineData("new torch.Device(DeviceType.CUDA)")]
        public async Task CudaWithManualSeedOnlyReportsSEED022AndSEED031(string device)
        {
            string marked = device.StartsWith("new torch.Device(") ? "new torch.Device({|#0:DeviceType.CUDA|})" : "{|#0:" + device + "|}";
            string shown = device.StartsWith("new torch.Device(") ? "DeviceType.CUDA" : device;
            string source = $$"""
                using TorchSharp;

                torch.manual_seed(1);
                var device = {{marked}};
                """;
            await Verify(
                source,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.CudaNotSeededRule).WithLocation(0).WithArguments(shown),
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.GpuNotDeterministicRule).WithLocation(0).WithArguments(shown));
        }

        /// <summary>Precision review (TorchSharp's own examples): comparisons against CUDA were reported as uses.</summary>
        [Fact]
        public async Task CheckingWhichDeviceIsInUseIsNotAUse()
        {
            const string source = """
                using TorchSharp;

                torch.manual_seed(1);
                var device = torch.CPU;
                if (device.type == DeviceType.CUDA) { }
                if (device.type != DeviceType.CUDA) { }
                bool onGpu = device.type is DeviceType.CUDA;
                bool same = device == torch.CUDA;
                bool viaEquals = device.type.Equals(DeviceType.CUDA);
                switch (device.type)
                {
                    case DeviceType.CUDA:
                        break;
                }
                """;
            await Verify(source);
        }

        [Fact]
        public async Task CudaMethodOnATensorAndAModuleIsAUse()
        {
            const string source = """
                using TorchSharp;

                torch.manual_seed(1);
                torch.cuda.manual_seed_all(1);
                var t = {|#0:torch.ones(3).cuda()|};
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.GpuNotDeterministicRule).WithLocation(0).WithArguments("torch.ones(3).cuda()"));
        }

        [Fact]
        public async Task CudaAfterTorchDeterminismIsCleanAndCpuCodeIsNeverReported()
        {
            const string source = """
                using SeedAnalyzers;
                using TorchSharp;

                TorchDeterminism.Initialize(seed: 42);
                var device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;
                var x = torch.randn(3).to(device);
                var y = torch.ones(2).to("cuda:0");
                """;
            await Verify(source);
        }

        [Fact]
        public async Task CudaBeforeTorchDeterminismIsReported()
        {
            const string source = """
                using SeedAnalyzers;
                using TorchSharp;

                var count = {|#1:torch.cuda.device_count()|};
                var device = {|#0:torch.CUDA|};
                TorchDeterminism.Initialize(seed: 42);
                """;
            // Issue 15: any torch.cuda call initializes CUDA, and Initialize then throws on a GPU host.
            await Verify(
                source,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.CudaBeforeDeterminismRule).WithLocation(0).WithArguments("torch.CUDA"),
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.CudaBeforeDeterminismRule).WithLocation(1).WithArguments("torch.cuda.device_count()"));
        }

        [Theory]
        [InlineData("AllowTF32 = true")]
        [InlineData("AllowReducedPrecisionReduction = true")]
        [InlineData("CuDnnBenchmark = true")]
        [InlineData("DeterministicCuDnn = false")]
        [InlineData("DeterministicAlgorithms = false")]
        [InlineData("DeterministicAlgorithmsWarnOnly = true")]
        [InlineData("SeedCuda = false")]
        [InlineData("CublasWorkspaceConfig = null")]
        [InlineData("WhenCudaAlreadyInitialized = CudaAlreadyInitializedAction.Warn")]
        public async Task RelaxedOptionWithoutReasonIsReported(string item)
        {
            string source = $$"""
                using SeedAnalyzers;

                TorchDeterminism.Initialize(42, new TorchDeterminismOptions { {|#0:{{item}}|} });
                """;
            await Verify(source, VerifyCS.Diagnostic(TorchEntryPointAnalyzer.RelaxedWithoutReasonRule).WithLocation(0).WithArguments(item));
        }

        [Theory]
        [InlineData("AllowTF32 = true, RelaxationReason = \"speed run for the sweep\"")]
        [InlineData("AllowTF32 = false")]
        [InlineData("CublasWorkspaceConfig = \":16:8\"")]
        [InlineData("DeterministicAlgorithms = true, CuDnnBenchmark = false")]
        public async Task ReasonedOrDefaultOptionsAreClean(string items)
        {
            string source = $$"""
                using SeedAnalyzers;

                TorchDeterminism.Initialize(42, new TorchDeterminismOptions { {{items}} });
                """;
            await Verify(source);
        }

        [Fact]
        public async Task OptionAssignmentStatementNeedsAReasonInTheSameMember()
        {
            const string source = """
                using SeedAnalyzers;

                static class Config
                {
                    public static TorchDeterminismOptions Fast()
                    {
                        var options = new TorchDeterminismOptions();
                        options.AllowTF32 = true;
                        options.RelaxationReason = "throughput benchmark";
                        return options;
                    }

                    public static TorchDeterminismOptions Quiet()
                    {
                        var options = new TorchDeterminismOptions();
                        {|#0:options.CuDnnBenchmark = true|};
                        return options;
                    }
                }
                """;
            await TorchTest.AnalyzeAsync<TorchEntryPointAnalyzer>(
                source,
                OutputKind.DynamicallyLinkedLibrary,
                null,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.RelaxedWithoutReasonRule).WithLocation(0).WithArguments("options.CuDnnBenchmark = true"));
        }

        [Fact]
        public async Task WithoutTorchSharpNothingRuns()
        {
            const string source = """
                public static class Program
                {
                    public static void Main() { var cuda = "cuda"; }
                }
                """;
            var test = new VerifyCS.Test { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task PartialCodeWhileTypingDoesNotThrow()
        {
            const string source = """
                using TorchSharp;

                torch.manual_seed(
                var x = torch.randn(3
                var l = torch.nn.Linear(
                var d = torch.device("cuda"
                """;
            await TorchTest.AnalyzePartialAsync<TorchEntryPointAnalyzer>(source);
        }

        [Fact]
        public async Task PartialMainWithoutSeedStillReportsCompleteCalls()
        {
            const string source = """
                using TorchSharp;

                public static class Program
                {
                    public static void Main()
                    {
                        var x = {|#0:torch.randn(3)|};
                        var y = torch.rand(
                    }
                }
                """;
            await TorchTest.AnalyzePartialAsync<TorchEntryPointAnalyzer>(
                source,
                VerifyCS.Diagnostic(TorchEntryPointAnalyzer.UnseededRule).WithLocation(0).WithArguments("torch.randn(3)"));
        }
    }
}
