using System;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>Reading a run's torch setup back from its manifest: managed code only.</summary>
    public sealed class TorchOptionsFromManifestTests
    {
        [Fact]
        public void AManifestsTorchSettingsBecomeTheOptionsThatReproduceIt()
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
        public void ASettingOptionsCannotHoldIsNamed(string settings, string named)
        {
            var error = Assert.Throws<FormatException>(() => TorchDeterminismOptions.FromManifest(Load(settings)));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ThreadCountsMustBePositive()
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
