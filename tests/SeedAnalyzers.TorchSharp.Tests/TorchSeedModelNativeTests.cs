using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>One master seed reaches torch: sweeps, Verify, Initialize inside a sweep, thread counts in the manifest.</summary>
    [Trait("Category", "Native")]
    [Collection(TorchProcessState.Name)]
    public sealed class TorchSeedModelNativeTests
    {
        private static readonly float[] PyTorchRandn42 = { 0.33669037f, 0.1288094f, 0.23446237f };

        [LibTorchFact]
        public void ATorchSweepGivesTheSameValueForTheSameSeed()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);

            SeedSweepResult result = SeedSweep.Run(new long[] { 1, 2, 1 }, _ => torch.randn(1).item<float>());

            Assert.Equal(result.Runs[0].Value, result.Runs[2].Value);
            Assert.NotEqual(result.Runs[0].Value, result.Runs[1].Value);
            torch.manual_seed(1);
            Assert.Equal(torch.randn(1).item<float>(), (float)result.Runs[0].Value);
        }

        [LibTorchFact]
        public void InitializeInsideASweepFollowsTheSweepsSeedEvenWithSEEDSet()
        {
            LibTorch.Require();
            string? before = Environment.GetEnvironmentVariable("SEED");
            try
            {
                Environment.SetEnvironmentVariable("SEED", "7");
                var seen = new List<long>();
                SeedSweepResult result = SeedSweep.Run(new long[] { 1, 2, 1 }, seed =>
                {
                    TorchDeterminism.Initialize(seed);
                    seen.Add(torch.initial_seed());
                    return torch.randn(1).item<float>();
                });

                Assert.Empty(result.Failures);
                Assert.Equal(new long[] { 1, 2, 1 }, seen);
                Assert.Equal(result.Runs[0].Value, result.Runs[2].Value);
                Assert.NotEqual(result.Runs[0].Value, result.Runs[1].Value);
            }
            finally
            {
                Environment.SetEnvironmentVariable("SEED", before);
                TorchDeterminism.Initialize(42);
            }
        }

        [LibTorchFact]
        public void Initialize42StillGivesPyTorchsRandnAndVerifySaysReproducible()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            Assert.Equal(PyTorchRandn42, torch.randn(3).data<float>().ToArray());

            ReproducibilityReport report = Reproducibility.Verify(() => torch.randn(3));
            Assert.True(report.Identical, report.ToString());
            Assert.True(Reproducibility.Verify(() => new[] { torch.randn(2, 2), torch.rand(4) }.ToList(), runs: 3).Identical);
            Assert.True(Reproducibility.Verify(() => torch.randn(3).data<float>().ToArray()).Identical);
        }

        [LibTorchFact]
        public void VerifyCatchesAPlantedDifferenceInATensorAtItsIndex()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);
            int call = 0;

            ReproducibilityReport report = Reproducibility.Verify(() =>
            {
                torch.Tensor values = torch.randn(5);
                if (call++ == 1)
                {
                    values[3] = values[3] + 1e-3f;
                }

                return values;
            });

            Assert.False(report.Identical);
            Assert.Equal(3, report.FirstDifferingIndex);
            Assert.Contains("[\"values\"][3]", report.Description);

            call = 0;
            ReproducibilityReport shape = Reproducibility.Verify(() => call++ == 0 ? torch.zeros(2, 3) : torch.zeros(3, 2));
            Assert.False(shape.Identical);
            Assert.Contains("[\"shape\"]", shape.Description);

            call = 0;
            Assert.False(Reproducibility.Verify(() => call++ == 0 ? torch.zeros(2) : torch.zeros(2, dtype: torch.float64)).Identical);
        }

        [LibTorchFact]
        public void TheManifestRecordsThreadCountsAndVersions()
        {
            LibTorch.Require();
            TorchDeterminism.Initialize(42);

            IReadOnlyDictionary<string, string> settings = Determinism.Manifest.Settings;

            Assert.Equal(torch.get_num_threads().ToString(), settings["torch.intraOpThreads"]);
            Assert.Equal(torch.get_num_interop_threads().ToString(), settings["torch.interOpThreads"]);
            Assert.StartsWith("0.107.", settings["torch.torchSharpVersion"], StringComparison.Ordinal);
            Assert.StartsWith("2.", settings["torch.libtorchVersion"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(Determinism.Manifest.Runtime));
            Assert.True(Determinism.Manifest.ProcessorCount > 0);
            Assert.Contains(TorchDeterminism.GeneratorFamily, Determinism.Manifest.Reseeds[^1].Generators);
        }

        [LibTorchFact]
        public void PinnedThreadCountsAreAppliedDescribedAndRestoredFromAManifest()
        {
            LibTorch.Require();
            int before = torch.get_num_threads();
            string path = Path.Combine(Path.GetTempPath(), "seedanalyzers-threads-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                TorchDeterminism.Initialize(42, new TorchDeterminismOptions { IntraOpThreads = 1, InterOpThreads = torch.get_num_interop_threads() });
                Assert.Equal(1, torch.get_num_threads());
                TorchSetting intraOp = TorchDeterminism.Describe()["intra-op threads"];
                Assert.Equal(TorchSettingStatus.Enforced, intraOp.Status);
                Assert.Equal("1 (pinned to 1)", intraOp.Value);
                Assert.Equal(TorchSettingStatus.Enforced, TorchDeterminism.Describe()["inter-op threads"].Status);
                Determinism.WriteManifest(path);

                torch.set_num_threads(2);
                Assert.Equal(TorchSettingStatus.NotEnforced, TorchDeterminism.Describe()["intra-op threads"].Status);

                TorchDeterminism.Initialize(SeedManifest.Load(path));
                Assert.Equal(1, torch.get_num_threads());
                Assert.Equal(SeedSource.Manifest, Determinism.Source);
                Assert.Equal(PyTorchRandn42, torch.randn(3).data<float>().ToArray());

                TorchDeterminism.Initialize(42);
                Assert.Equal(TorchSettingStatus.Recorded, TorchDeterminism.Describe()["intra-op threads"].Status);
                Assert.True(TorchDeterminism.Describe().NothingRelaxed);
            }
            finally
            {
                torch.set_num_threads(before);
                File.Delete(path);
            }
        }

        [LibTorchFact]
        public void AnInterOpCountLibtorchNoLongerAcceptsIsAClearErrorNotAnAbort()
        {
            LibTorch.Require();
            int current = torch.get_num_interop_threads();

            // The first pin in the process succeeds (unless an earlier test pinned it); after one, another count is
            // refused by this library, since libtorch would abort the process.
            try
            {
                TorchDeterminism.Initialize(42, new TorchDeterminismOptions { InterOpThreads = current + 1 });
            }
            catch (InvalidOperationException)
            {
            }

            int pinned = torch.get_num_interop_threads();
            var error = Assert.Throws<InvalidOperationException>(() =>
                TorchDeterminism.Initialize(42, new TorchDeterminismOptions { InterOpThreads = pinned + 1 }));

            Assert.Contains("inter-op thread count", error.Message, StringComparison.Ordinal);
            Assert.Contains("first in Main", error.Message, StringComparison.Ordinal);
            Assert.Equal(pinned, torch.get_num_interop_threads());
            TorchDeterminism.Initialize(42, new TorchDeterminismOptions { InterOpThreads = pinned });
        }
    }
}
