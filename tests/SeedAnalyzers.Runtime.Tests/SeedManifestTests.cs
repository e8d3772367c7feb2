using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class SeedManifestTests : GlobalStateTest
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "seedanalyzers-tests-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void ManifestRoundTripsAndReproducesTheStreams()
        {
            string path = Path.Combine(_directory, "nested", "seeds.json");
            Determinism.Initialize(31337, new DeterminismOptions { ManifestPath = path });
            int first = Determinism.Random("Trainer.rng").Next();
            int indexed = Determinism.Random("augment", 4).Next();
            Determinism.RecordSetting("torch.cudnn.deterministic", "true");

            SeedManifest loaded = SeedManifest.Load(path);
            Assert.Equal(31337, loaded.MasterSeed);
            Assert.Equal(SeedSource.Code, loaded.Source);
            Assert.Equal(new[] { ("Trainer.rng", false), ("augment", true) }, loaded.Streams.Select(s => (s.Name, s.Indexed)));
            Assert.Equal("true", loaded.Settings["torch.cudnn.deterministic"]);
            Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, loaded.Runtime);
            Assert.False(string.IsNullOrEmpty(loaded.OperatingSystem));
            Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), loaded.Architecture);
            Assert.InRange(loaded.CreatedUtc, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

            Determinism.Initialize(1);
            Determinism.Initialize(loaded);
            Assert.Equal(SeedSource.Manifest, Determinism.Source);
            Assert.Equal(first, Determinism.Random("Trainer.rng").Next());
            Assert.Equal(indexed, Determinism.Random("augment", 4).Next());
        }

        /// <summary>Runs of one sweep built from other code are told apart: the report compares these settings.</summary>
        [Fact]
        public void ManifestNamesTheProgramAndTheRuntimeVersions()
        {
            string path = Path.Combine(_directory, "versions.json");
            Determinism.Initialize(5, new DeterminismOptions { ManifestPath = path });

            SeedManifest loaded = SeedManifest.Load(path);
            AssemblyName entry = Assembly.GetEntryAssembly()!.GetName();
            Assert.StartsWith(entry.Name + " ", loaded.Settings["program.version"]);
            string runtime = typeof(Determinism).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            Assert.Equal("SeedAnalyzers.Runtime " + runtime, loaded.Settings["seedanalyzers.version"]);

            Determinism.Initialize(6);
            Assert.Equal(loaded.Settings["program.version"], Determinism.Manifest.Settings["program.version"]);
        }

        [Fact]
        public void EnvironmentPathWinsAndRecordsTheOverride()
        {
            string path = Path.Combine(_directory, "from-env.json");
            Environment.SetEnvironmentVariable("SEED_MANIFEST", path);
            Environment.SetEnvironmentVariable("SEED", "8");
            Determinism.Initialize(3, new DeterminismOptions { ManifestPath = Path.Combine(_directory, "ignored.json") });
            string json = File.ReadAllText(path);
            Assert.Contains("\"masterSeed\": 8", json);
            Assert.Contains("\"source\": \"Environment\"", json);
            Assert.Contains("\"codeSeed\": 3", json);
            Assert.Contains("\"reproduce\": \"SEED=8\"", json);
            Assert.False(File.Exists(Path.Combine(_directory, "ignored.json")));
        }

        [Fact]
        public void UnwritablePathIsAClearError()
        {
            Directory.CreateDirectory(_directory);
            string blocker = Path.Combine(_directory, "a-file");
            File.WriteAllText(blocker, "not a directory");
            string path = Path.Combine(blocker, "seeds.json");
            var error = Assert.Throws<IOException>(() => Determinism.Initialize(1, new DeterminismOptions { ManifestPath = path }));
            Assert.Contains(path, error.Message);
            Assert.Contains("SEED_MANIFEST", error.Message);
        }

        [Fact]
        public void LoadRejectsOtherFilesClearly()
        {
            Directory.CreateDirectory(_directory);
            string path = Path.Combine(_directory, "other.json");
            File.WriteAllText(path, "{\"name\": \"not a manifest\"}");
            var error = Assert.Throws<FormatException>(() => SeedManifest.Load(path));
            Assert.Contains(path, error.Message);
            File.WriteAllText(path, "{ broken");
            Assert.Throws<FormatException>(() => SeedManifest.Load(path));
            Assert.Throws<IOException>(() => SeedManifest.Load(Path.Combine(_directory, "missing.json")));
        }

        [Fact]
        public void StrangeNamesSurviveTheRoundTrip()
        {
            string path = Path.Combine(_directory, "names.json");
            Determinism.Initialize(2, new DeterminismOptions { ManifestPath = path });
            string name = "quote\" back\\slash\ttab\u0001ünï";
            Determinism.Random(name);
            Assert.Equal(name, SeedManifest.Load(path).Streams.Single().Name);
        }

        [Fact]
        public void ResultsRoundTripBitForBitIncludingNaNAndInfinities()
        {
            string path = Path.Combine(_directory, "results.json");
            Determinism.Initialize(5, new DeterminismOptions { ManifestPath = path });
            double[] values = { 0.8675, 0.1, -0.0, double.Epsilon, double.MaxValue, 1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity };
            for (int i = 0; i < values.Length; i++)
            {
                Determinism.RecordResult("metric" + i, values[i]);
            }

            Determinism.RecordResult("accuracy", 0.5);
            Determinism.RecordResult("accuracy", 0.75);

            SeedManifest loaded = SeedManifest.Load(path);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(loaded.Results["metric" + i]));
            }

            Assert.Equal(0.75, loaded.Results["accuracy"]);
            Assert.Equal(values.Length + 1, loaded.Results.Count);
            string json = File.ReadAllText(path);
            Assert.Contains("\"format\": \"seedanalyzers-manifest/2\"", json);
            Assert.Contains("\"accuracy\": 0.75", json);
            Assert.Contains("\"metric6\": \"NaN\"", json);
            Assert.Contains("\"metric8\": \"-Infinity\"", json);
        }

        [Fact]
        public void ResultsNeedAMetricName()
        {
            Determinism.Initialize(1);
            Assert.Throws<ArgumentNullException>(() => Determinism.RecordResult(null!, 1));
            Assert.Throws<ArgumentException>(() => Determinism.RecordResult("  ", 1));
        }

        [Fact]
        public void ResultsBelongToTheSeedInForce()
        {
            Determinism.Initialize(1);
            Determinism.RecordResult("loss", 2);
            Assert.Equal(2, Determinism.Manifest.Results["loss"]);
            Determinism.Initialize(1);
            Assert.Empty(Determinism.Manifest.Results);
        }

        [Fact]
        public void AProgramThatNeverInitializesStillWritesTheManifestTheEnvironmentAsksFor()
        {
            string path = Path.Combine(_directory, "implicit.json");
            Environment.SetEnvironmentVariable("SEED_MANIFEST", path);
            Environment.SetEnvironmentVariable("SEED", "12");
            Determinism.RecordResult("accuracy", 0.25);
            SeedManifest loaded = SeedManifest.Load(path);
            Assert.Equal(12, loaded.MasterSeed);
            Assert.Equal(SeedSource.Environment, loaded.Source);
            Assert.Equal(0.25, loaded.Results["accuracy"]);
        }

        [Fact]
        public void FormatOneManifestsStillLoad()
        {
            Directory.CreateDirectory(_directory);
            string path = Path.Combine(_directory, "v1.json");
            File.WriteAllText(path, "{ \"format\": \"seedanalyzers-manifest/1\", \"masterSeed\": -9, \"source\": \"Code\", \"streams\": [], \"settings\": { \"k\": \"v\" } }");
            SeedManifest loaded = SeedManifest.Load(path);
            Assert.Equal(-9, loaded.MasterSeed);
            Assert.Equal("v", loaded.Settings["k"]);
            Assert.Empty(loaded.Results);
        }

        [Theory]
        [InlineData("{ \"format\": \"seedanalyzers-manifest/3\", \"masterSeed\": 1 }", "seedanalyzers-manifest/3")]
        [InlineData("{ \"format\": \"seedanalyzers-manifest/2\", \"masterSeed\": 1, \"results\": { \"acc\": \"high\" } }", "\"acc\"")]
        [InlineData("{ \"format\": \"seedanalyzers-manifest/2\", \"masterSeed\": \"1\" }", "masterSeed")]
        public void OtherFormatsAndWrongTypesAreRefusedByName(string json, string named)
        {
            Directory.CreateDirectory(_directory);
            string path = Path.Combine(_directory, "refused.json");
            File.WriteAllText(path, json);
            var error = Assert.Throws<FormatException>(() => SeedManifest.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains(named, error.Message);
        }

        protected override void Cleanup()
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
