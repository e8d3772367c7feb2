using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// One master seed for every generator family, and who wins: sweep and Verify seeds over everything, SEED over the
    /// program's own Initialize, a second Initialize warned about, every re-seed recorded.
    /// </summary>
    [Collection(GlobalStateCollection.Name)]
    public class GeneratorFamilyTests : GlobalStateTest
    {
        /// <summary>Stands in for a framework's global generator (torch's): reseeded only through the registration.</summary>
        private static Random _framework = new Random(12345);

        private readonly List<long> _reseeds = new List<long>();

        [Fact]
        public void InitializeReseedsEveryFamilyWithTheMasterSeed()
        {
            RegisterFramework();
            Determinism.RegisterGenerator("other", seed => _reseeds.Add(-seed));
            Determinism.Initialize(42);
            Assert.Equal(new[] { 42L, -42L }, _reseeds);
            Assert.Equal(new Random(42).Next(), _framework.Next());

            Environment.SetEnvironmentVariable("SEED", "7");
            Determinism.Initialize(42);
            Assert.Equal(7, _reseeds[^2]);
            Assert.Equal(new[] { "framework", "other" }, Determinism.Manifest.Reseeds[^1].Generators);
        }

        [Fact]
        public void RegisteringWhenASeedIsInForceSeedsAtOnceAndDisposingUnregisters()
        {
            Determinism.Initialize(5);
            IDisposable registration = RegisterFramework();
            Assert.Equal(new[] { 5L }, _reseeds);
            Assert.Contains("generator family 'framework' registered", Determinism.Manifest.Reseeds[^1].Note);
            registration.Dispose();
            Determinism.Initialize(5);
            Assert.Equal(new[] { 5L }, _reseeds);
        }

        [Fact]
        public void RegisteringBeforeAnySeedDoesNotTouchTheDefaultSeed()
        {
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;
            RegisterFramework();
            Assert.Empty(_reseeds);
            Assert.False(Determinism.IsInitialized);
            Assert.Equal(string.Empty, warnings.ToString());
        }

        [Fact]
        public void AFamilyThatFailsToReseedIsAnErrorNamingIt()
        {
            Determinism.RegisterGenerator("broken", _ => throw new InvalidOperationException("no device"));
            var error = Assert.Throws<InvalidOperationException>(() => Determinism.Initialize(3));
            Assert.Contains("'broken'", error.Message);
            Assert.Contains("no device", error.Message);
        }

        [Fact]
        public void ASweepReseedsEveryFamilyPerSeedSoTheSameSeedGivesTheSameValue()
        {
            RegisterFramework();
            Determinism.Initialize(99);
            SeedSweepResult result = SeedSweep.Run(new long[] { 1, 2, 1 }, _ => _framework.NextDouble());
            Assert.Equal(result.Runs[0].Value, result.Runs[2].Value);
            Assert.NotEqual(result.Runs[0].Value, result.Runs[1].Value);
            Assert.Equal(new Random(1).NextDouble(), result.Runs[0].Value);
        }

        [Fact]
        public void VerifyReseedsEveryFamilyAndStillCatchesAPlantedDifference()
        {
            Determinism.Initialize(4);
            Assert.False(Reproducibility.Verify(() => _framework.NextDouble()).Identical);

            RegisterFramework();
            Assert.True(Reproducibility.Verify(() => new[] { _framework.NextDouble(), _framework.NextDouble() }).Identical);
            int call = 0;
            ReproducibilityReport planted = Reproducibility.Verify(() => new[] { _framework.NextDouble(), call++ == 0 ? _framework.NextDouble() : 0.5 });
            Assert.False(planted.Identical);
            Assert.Equal(1, planted.FirstDifferingIndex);
        }

        [Fact]
        public void SweepSeedsWinOverSeedAndOverAnInitializeInsideTheRun()
        {
            RegisterFramework();
            Environment.SetEnvironmentVariable("SEED", "7");
            Determinism.Initialize(1000);
            Assert.Equal(7, Determinism.MasterSeed);
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;

            var seen = new List<long>();
            SeedSweepResult result = SeedSweep.Run(new long[] { 1, 2, 1 }, seed =>
            {
                Determinism.Initialize(seed == 2 ? 555 : seed); // what a program's Main does
                seen.Add(Determinism.MasterSeed);
                return Determinism.Random("model.init").NextDouble() + _framework.NextDouble();
            });

            Assert.Equal(new long[] { 1, 2, 1 }, seen);
            Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Error!.Message)));
            Assert.Equal(result.Runs[0].Value, result.Runs[2].Value);
            Assert.Equal(new DeterministicRandom(1).Fork("model.init").NextDouble() + new Random(1).NextDouble(), result.Runs[0].Value);
            Assert.Equal(string.Empty, warnings.ToString());
            string notes = string.Join("\n", Determinism.Manifest.Reseeds.Select(r => r.Note));
            Assert.Contains("Initialize(1) inside a SeedSweep run followed the run's seed 1", notes);
            Assert.Contains("SEED=7 does not apply", notes);
            Assert.Equal(7, Determinism.MasterSeed);
        }

        [Fact]
        public void VerifySeedWinsOverSeed()
        {
            Environment.SetEnvironmentVariable("SEED", "7");
            var seen = new List<(long, SeedSource)>();
            Reproducibility.Verify(() =>
            {
                Determinism.Initialize(1);
                seen.Add((Determinism.MasterSeed, Determinism.Source));
                return 0;
            }, seed: 3);
            Assert.Equal(new[] { (3L, SeedSource.Verify), (3L, SeedSource.Verify) }, seen);
        }

        [Fact]
        public void ASecondInitializeWithAnotherSeedWritesOneWarningNamingBoth()
        {
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;
            Determinism.Initialize(1);
            Determinism.Initialize(1);
            Assert.Equal(string.Empty, warnings.ToString());

            Determinism.Initialize(2);
            string text = warnings.ToString();
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("from 1", text);
            Assert.Contains("to 2", text);
            Assert.Equal(2, Determinism.MasterSeed);
        }

        [Fact]
        public void TheSeedChangeCanBeAnError()
        {
            Determinism.Initialize(1);
            var error = Assert.Throws<InvalidOperationException>(() => Determinism.Initialize(2, new DeterminismOptions { WhenSeedChanges = SeedChangeAction.Throw }));
            Assert.Contains("from 1", error.Message);
            Assert.Contains("to 2", error.Message);
            Assert.Equal(1, Determinism.MasterSeed);
        }

        [Fact]
        public void TheProgramsSeedAfterASweepIsNoChange()
        {
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;
            Determinism.Initialize(42);
            SeedSweep.Run(new long[] { 1, 2 }, seed => seed);
            Determinism.Initialize(42);
            Assert.Equal(string.Empty, warnings.ToString());
        }

        [Fact]
        public void TheManifestRecordsEveryReseed()
        {
            Environment.SetEnvironmentVariable("SEED", "8");
            Determinism.Initialize(1);
            Environment.SetEnvironmentVariable("SEED", null);
            SeedSweep.Run(new long[] { 3, 4 }, seed => seed);
            Reproducibility.Verify(() => 0, seed: 5);
            Determinism.WarningWriter = TextWriter.Null;
            Determinism.Initialize(1);

            SeedManifest.ReseedRecord[] reseeds = Determinism.Manifest.Reseeds.ToArray();
            Assert.Equal(
                new[]
                {
                    (8L, SeedSource.Environment),
                    (3, SeedSource.Sweep), (8, SeedSource.Environment),
                    (4, SeedSource.Sweep), (8, SeedSource.Environment),
                    (5, SeedSource.Verify), (8, SeedSource.Environment),
                    (5, SeedSource.Verify), (8, SeedSource.Environment),
                    (1, SeedSource.Code),
                },
                reseeds.Select(r => (r.Seed, r.Source)));
            Assert.Equal("SeedSweep run 1 ended; the program's seed 8 is back", reseeds[2].Note);
            Assert.Equal("SEED=8 overrides Initialize(1)", reseeds[0].Note);

            string path = Path.Combine(Path.GetTempPath(), "seedanalyzers-reseeds-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                Determinism.WriteManifest(path);
                Assert.Equal(reseeds.Select(r => (r.Seed, r.Source, r.Note)), SeedManifest.Load(path).Reseeds.Select(r => (r.Seed, r.Source, r.Note)));
            }
            finally
            {
                File.Delete(path);
            }
        }

        private IDisposable RegisterFramework() =>
            Determinism.RegisterGenerator("framework", seed =>
            {
                _reseeds.Add(seed);
                _framework = new Random((int)seed);
            });
    }
}
