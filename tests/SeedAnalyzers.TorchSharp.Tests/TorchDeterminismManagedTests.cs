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
        public void DefaultOptionsRelaxNothing()
        {
            var options = new TorchDeterminismOptions();

            Assert.Empty(options.RelaxedItems());
            Assert.Equal(":4096:8", options.CublasWorkspaceConfig);
            Assert.Equal(CudaAlreadyInitializedAction.Throw, options.WhenCudaAlreadyInitialized);
        }

        [Fact]
        public void EveryRelaxedItemIsNamedInAFixedOrder()
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
        public void OnlyTheDeterministicWorkspaceConfigsCountAsEnforced(string config, bool relaxed)
        {
            var options = new TorchDeterminismOptions { CublasWorkspaceConfig = config };

            Assert.Equal(relaxed, options.RelaxedItems().Contains("CublasWorkspaceConfig"));
        }

        [Fact]
        public void WarnOnlyCountsAsRelaxedOnlyWhileDeterministicAlgorithmsAreOn()
        {
            Assert.Equal(new[] { "DeterministicAlgorithmsWarnOnly" }, new TorchDeterminismOptions { DeterministicAlgorithmsWarnOnly = true }.RelaxedItems());
            Assert.Equal(new[] { "DeterministicAlgorithms" },
                new TorchDeterminismOptions { DeterministicAlgorithms = false, DeterministicAlgorithmsWarnOnly = true }.RelaxedItems());
        }

        [Fact]
        public void EachEpochIsAValidPermutationAndDiffersFromTheOthers()
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
        public void EpochKIsAFunctionOfMasterSeedNameAndK()
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

        /// <summary>
        /// A loader made again (per fold, per restart, each epoch) shuffled its own way on an unseeded generator: the
        /// next shuffler of a name continues the stream, and setting the master seed again repeats them all.
        /// </summary>
        [Fact]
        public void AShufflerMadeAgainShufflesItsOwnWayAndTheMasterSeedRepeatsThem()
        {
            Determinism.Initialize(42);
            long[] first = TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray();
            long[] second = TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray();
            Assert.NotEqual(first, second);
            Assert.Equal(TorchDeterminism.Permutation("Trainer.batches", 20, 0), first);

            Determinism.Initialize(42);
            Assert.Equal(first, TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray());
            Assert.Equal(second, TorchDeterminism.Shuffler("Trainer.batches", 20).ToArray());
        }

        [Fact]
        public void EmptyAndSingleElementDataSetsShuffleToThemselves()
        {
            Determinism.Initialize(42);

            Assert.Empty(TorchDeterminism.Shuffler("empty", 0));
            Assert.Equal(new long[] { 0 }, TorchDeterminism.Shuffler("single", 1));
        }

        [Fact]
        public void BadArgumentsSayWhatIsAllowed()
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
