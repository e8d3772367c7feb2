using System;
using TorchSharp;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>TorchDeterminism against the real CPU libtorch of libtorch-cpu-linux-x64.</summary>
    [Trait("Category", "Native")]
    [Collection(TorchProcessState.Name)]
    public sealed class TorchDeterminismNativeTests
    {
        [LibTorchFact]
        public void Initialize42GivesPyTorchsRandn()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);

            float[] values = torch.randn(3).data<float>().ToArray();

            // torch.manual_seed(42); torch.randn(3) in PyTorch.
            Assert.Equal(new[] { 0.33669037f, 0.1288094f, 0.23446237f }, values);
        }

        [LibTorchFact]
        public void ReseedReplacesTorchSeedWithASeedDerivedFromTheMasterSeedAndName()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            torch.randn(5);
            long first = TorchDeterminism.Reseed("epoch.noise");
            float[] a = torch.randn(4).data<float>().ToArray();

            TorchDeterminism.Initialize(42);
            long again = TorchDeterminism.Reseed("epoch.noise");
            float[] b = torch.randn(4).data<float>().ToArray();
            long other = TorchDeterminism.Reseed("other.noise");
            float[] c = torch.randn(4).data<float>().ToArray();

            TorchDeterminism.Initialize(7);
            long otherMaster = TorchDeterminism.Reseed("epoch.noise");

            Assert.Equal(first, again);
            Assert.Equal(a, b);
            Assert.Equal(otherMaster, torch.initial_seed());
            Assert.NotEqual(first, other);
            Assert.NotEqual(a, c);
            Assert.NotEqual(first, otherMaster);
            Assert.True(first >= 0 && other >= 0 && otherMaster >= 0);
        }

        [LibTorchFact]
        public void ReseedOfAGeneratorReseedsThatGeneratorOnly()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            using var generator = new torch.Generator(1);
            long seed = TorchDeterminism.Reseed(generator, "sampler");
            float[] fromGenerator = torch.rand(3, generator: generator).data<float>().ToArray();
            float[] fromDefault = torch.randn(3).data<float>().ToArray();

            Assert.Equal(seed, generator.initial_seed());
            using var expected = new torch.Generator((ulong)seed);
            Assert.Equal(torch.rand(3, generator: expected).data<float>().ToArray(), fromGenerator);
            Assert.Equal(new[] { 0.33669037f, 0.1288094f, 0.23446237f }, fromDefault);
        }

        [LibTorchFact]
        public void DescribeReadsBackEverySwitchAsEnforced()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);

            TorchDeterminismReport report = TorchDeterminism.Describe();

            Assert.Equal(TorchSettingStatus.Enforced, report["CPU generator seed"].Status);
            Assert.Equal("on (flag only: no CUDA device here)", report["deterministic cuDNN"].Value);
            Assert.Equal("off (flag only: no CUDA device here)", report["cuDNN benchmark"].Value);
            Assert.Equal("on", report["deterministic algorithms"].Value);
            Assert.Equal("off", report["deterministic algorithms warn-only"].Value);
            Assert.Equal("off (flag only: no CUDA device here)", report["TF32 in cuDNN"].Value);
            Assert.Equal("off (flag only: no CUDA device here)", report["TF32 in cuBLAS matmul"].Value);
            Assert.Equal("off (flag only: no CUDA device here)", report["FP16 reduced-precision reductions"].Value);
            Assert.Equal(":4096:8 (no cuBLAS here)", report["CUBLAS_WORKSPACE_CONFIG"].Value);
            Assert.Equal(TorchSettingStatus.Unavailable, report["CUDA generator seeds"].Status);
            Assert.True(report.NothingRelaxed, report.ToString());
            Assert.False(report.CudaAvailable);
        }

        [LibTorchFact]
        public void TheManifestRecordsEveryChoice()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);

            var settings = Determinism.Manifest.Settings;

            Assert.Equal("none", settings["torch.relaxed"]);
            Assert.Equal("true", settings["torch.deterministicCuDNN"]);
            Assert.Equal("false", settings["torch.benchmarkCuDNN"]);
            Assert.Equal("true", settings["torch.deterministicAlgorithms"]);
            Assert.Equal("false", settings["torch.allowTF32"]);
            Assert.Equal("false", settings["torch.allowFP16ReducedPrecisionReduction"]);
            Assert.Equal(":4096:8", settings["torch.cublasWorkspaceConfig"]);
            Assert.Equal("false", settings["torch.cudaSeeded"]);
            Assert.Equal("false", settings["torch.cudaInitializedBefore"]);
            Assert.Contains("\"torch.relaxed\"", Determinism.Manifest.ToJson(), StringComparison.Ordinal);
        }

        [LibTorchFact]
        public void DescribeReadsLibtorchsStateNotTheRequest()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            try
            {
                // Changed behind TorchDeterminism's back, through TorchSharp itself.
                torch.backends.cuda.matmul.allow_tf32 = true;

                TorchSetting tf32 = TorchDeterminism.Describe()["TF32 in cuBLAS matmul"];

                Assert.Equal(TorchSettingStatus.NotEnforced, tf32.Status);
                Assert.Contains("NOT ENFORCED", tf32.ToString(), StringComparison.Ordinal);
            }
            finally
            {
                torch.backends.cuda.matmul.allow_tf32 = false;
            }
        }

        [LibTorchFact]
        public void RelaxedOptionsAreAppliedReadBackAndRecorded()
        {
            LibTorch.Require();
            var options = new TorchDeterminismOptions { CuDnnBenchmark = true, AllowTF32 = true, RelaxationReason = "speed run" };
            try
            {
                TorchDeterminism.Initialize(42, options);

                TorchDeterminismReport report = TorchDeterminism.Describe();

                Assert.Equal(TorchSettingStatus.NotEnforced, report["cuDNN benchmark"].Status);
                Assert.Equal(TorchSettingStatus.NotEnforced, report["TF32 in cuDNN"].Status);
                Assert.Equal(TorchSettingStatus.Enforced, report["deterministic algorithms"].Status);
                Assert.Equal("CuDnnBenchmark,AllowTF32", Determinism.Manifest.Settings["torch.relaxed"]);
                Assert.Equal("speed run", Determinism.Manifest.Settings["torch.relaxationReason"]);
            }
            finally
            {
                TorchDeterminism.Initialize(42);
            }
        }

        [LibTorchFact]
        public void GeneratorIsAFunctionOfMasterSeedNameAndCreationOrder()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            float[] first = Draw("weights"), second = Draw("weights"), other = Draw("noise");
            TorchDeterminism.Initialize(42);
            float[] firstAgain = Draw("weights"), secondAgain = Draw("weights");
            TorchDeterminism.Initialize(43);
            float[] otherSeed = Draw("weights");

            // Like Determinism.Random(name): the k-th generator of a name is sub-stream k, so two differ and a run repeats them.
            Assert.NotEqual(first, second);
            Assert.Equal(first, firstAgain);
            Assert.Equal(second, secondAgain);
            Assert.NotEqual(first, other);
            Assert.NotEqual(first, otherSeed);
        }

        [LibTorchFact]
        public void GeneratorPerIndexDependsOnlyOnMasterSeedNameAndIndex()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            float[] three = DrawAt("noise", 3), zero = DrawAt("noise", 0), threeAgain = DrawAt("noise", 3), other = DrawAt("mask", 3);
            TorchDeterminism.Initialize(42);
            Determinism.Random("noise");
            float[] threeAfterOtherUse = DrawAt("noise", 3);
            TorchDeterminism.Initialize(43);
            float[] otherSeed = DrawAt("noise", 3);

            // Unlike Generator(name), asking again or in another order gives the same generator: what a worker of a
            // Parallel loop needs, whichever thread runs index 3 and whenever.
            Assert.Equal(three, threeAgain);
            Assert.Equal(three, threeAfterOtherUse);
            Assert.NotEqual(three, zero);
            Assert.NotEqual(three, other);
            Assert.NotEqual(three, otherSeed);
        }

        [LibTorchFact]
        public void GeneratorPerIndexMakesAParallelLoopReproducible()
        {
            LibTorch.Require();
            float[][] Run()
            {
                TorchDeterminism.Initialize(42);
                var results = new float[16][];
                System.Threading.Tasks.Parallel.For(0, results.Length, i =>
                    results[i] = torch.rand(4, generator: TorchDeterminism.Generator("augment", i)).data<float>().ToArray());
                return results;
            }

            float[][] first = Run(), second = Run();
            for (int i = 0; i < first.Length; i++)
            {
                Assert.Equal(first[i], second[i]);
            }
        }

        /// <summary>
        /// SEED010's torch fix: a split taken each time the loop starts. Every start (an epoch) draws new numbers, as the
        /// global generator did, each index its own, and a second run of the program repeats them all.
        /// </summary>
        [LibTorchFact]
        public void AGeneratorPerIndexOfASplitDrawsNewNumbersEachStartAndRepeatsEveryRun()
        {
            LibTorch.Require();
            float[][][] Run()
            {
                TorchDeterminism.Initialize(42);
                var epochs = new float[2][][];
                for (int epoch = 0; epoch < epochs.Length; epoch++)
                {
                    DeterministicRandom workers = Determinism.Random("augment");
                    var results = new float[16][];
                    System.Threading.Tasks.Parallel.For(0, results.Length, i =>
                        results[i] = torch.rand(4, generator: TorchDeterminism.Generator(workers, i)).data<float>().ToArray());
                    epochs[epoch] = results;
                }

                return epochs;
            }

            float[][][] first = Run(), second = Run();
            for (int i = 0; i < first[0].Length; i++)
            {
                Assert.Equal(first[0][i], second[0][i]);
                Assert.Equal(first[1][i], second[1][i]);
                Assert.NotEqual(first[0][i], first[1][i]);
            }

            Assert.NotEqual(first[0][0], first[0][1]);
            Assert.Throws<ArgumentNullException>(() => TorchDeterminism.Generator((DeterministicRandom)null!, 0));
        }

        private static float[] DrawAt(string name, long index) =>
            torch.rand(4, generator: TorchDeterminism.Generator(name, index)).data<float>().ToArray();

        private static float[] Draw(string name) =>
            torch.rand(4, generator: TorchDeterminism.Generator(name)).data<float>().ToArray();
    }

    /// <summary>Tests that change libtorch's process-wide state run one at a time.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TorchProcessState
    {
        public const string Name = "libtorch process state";
    }
}
