using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// Bad manifests get a FormatException naming the file: never another exception, never a stack overflow.
    /// The variants are drawn from a fixed stream, so a failure reproduces.
    /// </summary>
    public class ManifestReaderFuzzTests
    {
        private const string Path = "/runs/seed-3/manifest.json";

        [Fact]
        public void DeepNestingIsAnErrorNotAStackOverflow()
        {
            foreach (string deep in new[] { new string('[', 200_000), new string('[', 200_000) + new string(']', 200_000), string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) })
            {
                var error = Assert.Throws<FormatException>(() => SeedManifest.Parse(deep, Path));
                Assert.Contains(Path, error.Message);
                Assert.Contains("nested deeper than 64", error.Message);
            }
        }

        [Fact]
        public void DeepNestingInAFileIsAnErrorNamingTheFile()
        {
            string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seedanalyzers-deep-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(file, new string('[', 200_000));
                Assert.Contains(file, Assert.Throws<FormatException>(() => SeedManifest.Load(file)).Message);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void EveryTruncationIsAnError()
        {
            string valid = ValidManifest();
            Assert.Equal(12, SeedManifest.Parse(valid, Path).MasterSeed);
            string trimmed = valid.TrimEnd();
            for (int length = 0; length < trimmed.Length; length++)
            {
                var error = Assert.Throws<FormatException>(() => SeedManifest.Parse(trimmed.Substring(0, length), Path));
                Assert.Contains(Path, error.Message);
            }
        }

        [Fact]
        public void MutatedManifestsParseOrFailWithAFormatExceptionOnly()
        {
            string valid = ValidManifest();
            var random = new DeterministicRandom(2024);
            const string alphabet = "{}[]\",:0123456789-+.eE\\u tnfalsrNI\n\u0001\u00e9";
            int rejected = 0;
            for (int variant = 0; variant < 3_000; variant++)
            {
                var text = new StringBuilder(valid);
                int edits = 1 + random.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(text.Length);
                    switch (random.Next(3))
                    {
                        case 0: text.Remove(at, 1); break;
                        case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                        default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                    }
                }

                try
                {
                    SeedManifest.Parse(text.ToString(), Path);
                }
                catch (FormatException error)
                {
                    Assert.Contains(Path, error.Message);
                    rejected++;
                }
            }

            Assert.InRange(rejected, 1_000, 3_000);
        }

        [Theory]
        [InlineData("\"masterSeed\": 1e400", "masterSeed")]
        [InlineData("\"masterSeed\": 99999999999999999999", "masterSeed")]
        [InlineData("\"masterSeed\": 1.5", "masterSeed")]
        [InlineData("\"masterSeed\": 1, \"processorCount\": 99999999999", "processorCount")]
        [InlineData("\"masterSeed\": 1, \"results\": { \"loss\": 1e999 }", "\"loss\"")]
        [InlineData("\"masterSeed\": 1, \"results\": { \"loss\": \"high\" }", "\"loss\"")]
        [InlineData("\"masterSeed\": 1, \"results\": []", "\"results\"")]
        [InlineData("\"masterSeed\": 1, \"streams\": 5", "\"streams\"")]
        [InlineData("\"masterSeed\": 1, \"streams\": [ 5 ]", "\"streams\"")]
        [InlineData("\"masterSeed\": 1, \"streams\": [ { \"indexed\": true } ]", "\"name\"")]
        [InlineData("\"masterSeed\": 1, \"streams\": [ { \"name\": \"a\", \"indexed\": \"yes\" } ]", "\"indexed\"")]
        [InlineData("\"masterSeed\": 1, \"streams\": [ { \"name\": \"a\", \"substreams\": -1 } ]", "negative")]
        [InlineData("\"masterSeed\": 1, \"streams\": [ { \"name\": \"a\" }, { \"name\": \"a\" } ]", "twice")]
        [InlineData("\"masterSeed\": 1, \"settings\": { \"k\": 5 }", "\"k\"")]
        [InlineData("\"masterSeed\": 1, \"source\": \"Moon\"", "Moon")]
        [InlineData("\"masterSeed\": 1, \"source\": \"3\"", "\"source\"")]
        [InlineData("\"masterSeed\": 1, \"createdUtc\": \"yesterday\"", "createdUtc")]
        [InlineData("\"masterSeed\": 1, \"reseeds\": [ { \"source\": \"Code\" } ]", "\"seed\"")]
        [InlineData("\"masterSeed\": 1, \"masterSeed\": 2", "twice")]
        [InlineData("\"masterSeed\": 01", "offset")]
        [InlineData("\"masterSeed\": 1, \"os\": \"tab\tinside\"", "control character")]
        [InlineData("\"masterSeed\": 1, \"os\": \"\\x\"", "escape")]
        [InlineData("\"masterSeed\": 1, \"os\": \"\\u12G4\"", "hex")]
        public void WrongTypesAndHugeNumbersAreNamed(string fields, string named)
        {
            string json = "{ \"format\": \"seedanalyzers-manifest/2\", " + fields + " }";
            var error = Assert.Throws<FormatException>(() => SeedManifest.Parse(json, Path));
            Assert.Contains(Path, error.Message);
            Assert.Contains(named, error.Message);
        }

        [Fact]
        public void ExtremeButValidValuesAreRead()
        {
            string json = "{ \"format\": \"seedanalyzers-manifest/2\", \"masterSeed\": -9223372036854775808, \"codeSeed\": 9223372036854775807, "
                + "\"os\": \"\\u00e9\\/\\\"\", \"results\": { \"tiny\": 4.9E-324, \"big\": 1.7976931348623157e308, \"nan\": \"NaN\" }, \"unknown\": [ { \"x\": null } ] }";
            SeedManifest manifest = SeedManifest.Parse(json, Path);
            Assert.Equal(long.MinValue, manifest.MasterSeed);
            Assert.Equal(long.MaxValue, manifest.CodeSeed);
            Assert.Equal("é/\"", manifest.OperatingSystem);
            Assert.Equal(double.Epsilon, manifest.Results["tiny"]);
            Assert.Equal(double.MaxValue, manifest.Results["big"]);
            Assert.True(double.IsNaN(manifest.Results["nan"]));
        }

        private static string ValidManifest()
        {
            SeedManifest manifest = SeedManifest.Capture(12, SeedSource.Environment, 3, null, "SEED=12 overrides Initialize(3)", new[] { "torch" });
            manifest.GetOrAddStream("Trainer.rng", StreamKey.FromSeed(12).DeriveName, out _).TakeSubstream();
            manifest.GetOrAddStream("augment", StreamKey.FromSeed(12).DeriveName, out _).MarkIndexed();
            manifest.SetSetting("torch.intraOpThreads", "2");
            manifest.SetResult("accuracy", 0.8675);
            manifest.SetResult("loss", double.NaN);
            return manifest.ToJson();
        }
    }
}
