using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>Options and the epoch shuffle: managed code only, so these run without libtorch.</summary>
    [Collection(TorchProcessState.Name)]
    public sealed class TorchDeterminismManagedTests
    {
        [Fact]
        public void Default_options_relax_nothing()
        {
            var options = new TorchDeterminismOptions();

            Assert.Empty(options.RelaxedItems());
            Assert.Equal(":4096:8", options.CublasWorkspaceConfig);
            Assert.Equal(CudaAlreadyInitializedAction.Throw, options.WhenCudaAlreadyInitialized);
        }

        [Fact]
        public void Every_relaxed_item_is_named_in_a_fixed_order()
        {
            var options = new TorchDeterminismOptions
            {
                SeedCuda = false,
                DeterministicCuDnn = false,
                CuDnnBenchmark = true,
                DeterministicAlgorithms = false,
                AllowTF32 = true,
                AllowReducedPrecisionReduction = true,
                CublasWorkspaceConfig = null,
                WhenCudaAlreadyInitialized = CudaAlreadyInitializedAction.Warn,
            };

            Assert.Equal(
                new[] { "SeedCuda", "DeterministicCuDnn", "CuDnnBenchmark", "DeterministicAlgorithms", "AllowTF32", "AllowReducedPrecisionReduction", "CublasWorkspaceConfig", "WhenCudaAlreadyInitialized" },
                options.RelaxedItems());
        }

        [Theory]
        [InlineData(":16:8", false)]
        [InlineData(":4096:8", false)]
        [InlineData(":4096:2", true)]
        public void Only_the_deterministic_workspace_configs_count_as_enforced(string config, bool relaxed)
        {
            var options = new TorchDeterminismOptions { CublasWorkspaceConfig = config };

            Assert.Equal(relaxed, options.RelaxedItems().Contains("CublasWorkspaceConfig"));
        }

        [Fact]
        public void Warn_only_counts_as_relaxed_only_while_deterministic_algorithms_are_on()
        {
            Assert.Equal(new[] { "DeterministicAlgorithmsWarnOnly" }, new TorchDeterminismOptions { DeterministicAlgorithmsWarnOnly = true }.RelaxedItems());
            Assert.Equal(new[] { "DeterministicAlgorithms" },
                new TorchDeterminismOptions { DeterministicAlgorithms = false, DeterministicAlgorithmsWarnOnly = true }.RelaxedItems());
        }

        [Fact]
        public void Each_epoch_is_a_valid_permutation_and_differs_from_the_others()
        {
            Determinism.Initialize(42);
            IEnumerable<long> shuffler = TorchDeterminism.Shuffler("Trainer.batches", 100);

            long[][] epochs = Enumerable.Range(0, 5).Select(_ => shuffler.ToArray()).ToArray();

            foreach (long[] order in epochs)
            {
                Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), order.OrderBy(i => i));
            }

            Assert.Equal(5, epochs.Select(order => string.Join(",", order)).Distinct().Count());
        }

        [Fact]
        public void Epoch_k_is_a_function_of_master_seed_name_and_k()
        {
            Determinism.Initialize(42);
            IEnumerable<long> shuffler = TorchDeterminism.Shuffler("Trainer.batches", 50);
            long[] epoch0 = shuffler.ToArray(), epoch1 = shuffler.ToArray();
            long[] otherName = TorchDeterminism.Permutation("Trainer.validation", 50, 1);
            Determinism.Initialize(43);
            long[] otherSeed = TorchDeterminism.Permutation("Trainer.batches", 50, 1);
            Determinism.Initialize(42);

            Assert.Equal(TorchDeterminism.Permutation("Trainer.batches", 50, 0), epoch0);
            Assert.Equal(TorchDeterminism.Permutation("Trainer.batches", 50, 1), epoch1);
            Assert.NotEqual(epoch1, otherName);
            Assert.NotEqual(epoch1, otherSeed);
        }

        [Fact]
        public void A_fresh_shuffler_starts_again_at_epoch_zero()
        {
            Determinism.Initialize(42);

            long[] first = TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray();
            long[] second = TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray();

            Assert.Equal(first, second);
        }

        [Fact]
        public void Empty_and_single_element_data_sets_shuffle_to_themselves()
        {
            Determinism.Initialize(42);

            Assert.Empty(TorchDeterminism.Shuffler("empty", 0));
            Assert.Equal(new long[] { 0 }, TorchDeterminism.Shuffler("single", 1));
        }

        [Fact]
        public void Bad_arguments_say_what_is_allowed()
        {
            Determinism.Initialize(42);

            var count = Assert.Throws<ArgumentOutOfRangeException>(() => TorchDeterminism.Shuffler("batches", -1));
            var epoch = Assert.Throws<ArgumentOutOfRangeException>(() => TorchDeterminism.Permutation("batches", 3, -1));

            Assert.Contains("count must be between 0", count.Message, StringComparison.Ordinal);
            Assert.Contains("epoch must not be negative", epoch.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentNullException>(() => TorchDeterminism.Initialize(42, null!));
        }
    }
}

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>Reading a run's torch setup back from its manifest: managed code only.</summary>
    public sealed class TorchOptionsFromManifestTests
    {
        [Fact]
        public void A_manifests_torch_settings_become_the_options_that_reproduce_it()
        {
            TorchDeterminismOptions options = TorchDeterminismOptions.FromManifest(Load(
                "\"torch.intraOpThreads\": \"3\", \"torch.interOpThreads\": \"2\", \"torch.allowTF32\": \"true\", " +
                "\"torch.cublasWorkspaceConfig\": \"(not set)\", \"torch.relaxationReason\": \"speed\", \"torch.seedCuda\": \"false\""));

            Assert.Equal(3, options.IntraOpThreads);
            Assert.Equal(2, options.InterOpThreads);
            Assert.True(options.AllowTF32);
            Assert.Null(options.CublasWorkspaceConfig);
            Assert.Equal("speed", options.RelaxationReason);
            Assert.False(options.SeedCuda);
            Assert.True(options.DeterministicAlgorithms);
        }

        [Theory]
        [InlineData("\"torch.intraOpThreads\": \"0\"", "torch.intraOpThreads")]
        [InlineData("\"torch.interOpThreads\": \"many\"", "torch.interOpThreads")]
        [InlineData("\"torch.allowTF32\": \"yes\"", "torch.allowTF32")]
        public void A_setting_options_cannot_hold_is_named(string settings, string named)
        {
            var error = Assert.Throws<FormatException>(() => TorchDeterminismOptions.FromManifest(Load(settings)));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Thread_counts_must_be_positive()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => TorchDeterminism.Initialize(1, new TorchDeterminismOptions { IntraOpThreads = 0 }));
            Assert.Contains("IntraOpThreads", error.Message, StringComparison.Ordinal);
        }

        private static SeedManifest Load(string settings)
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seedanalyzers-torch-options-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                System.IO.File.WriteAllText(path, "{ \"format\": \"seedanalyzers-manifest/2\", \"masterSeed\": 5, \"settings\": { " + settings + " } }");
                return SeedManifest.Load(path);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
