using System;
using System.IO;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class MasterSeedTests : GlobalStateTest
    {
        [Fact]
        public void InitializeSetsTheSeedFromCode()
        {
            Determinism.Initialize(1234);
            Assert.Equal(1234, Determinism.MasterSeed);
            Assert.Equal(SeedSource.Code, Determinism.Source);
            Assert.True(Determinism.IsInitialized);
        }

        [Fact]
        public void EnvironmentOverridesTheSeedInCode()
        {
            Environment.SetEnvironmentVariable("SEED", " -77 ");
            Determinism.Initialize(1234);
            Assert.Equal(-77, Determinism.MasterSeed);
            Assert.Equal(SeedSource.Environment, Determinism.Source);
            Assert.Equal(1234, Determinism.Manifest.CodeSeed);
            Assert.Equal(new DeterministicRandom(-77).Fork("s").Next(), Determinism.Random("s").Next());
        }

        [Fact]
        public void EnvironmentOverrideCanBeDisabled()
        {
            Environment.SetEnvironmentVariable("SEED", "5");
            Determinism.Initialize(1234, new DeterminismOptions { AllowEnvironmentOverride = false });
            Assert.Equal(1234, Determinism.MasterSeed);
        }

        [Theory]
        [InlineData("abc")]
        [InlineData("4.2")]
        [InlineData("0x2A")]
        [InlineData("99999999999999999999")]
        public void MalformedEnvironmentSeedIsAClearError(string value)
        {
            Environment.SetEnvironmentVariable("SEED", value);
            var error = Assert.Throws<InvalidOperationException>(() => Determinism.Initialize(1));
            Assert.Contains("SEED", error.Message);
            Assert.Contains($"'{value}'", error.Message);
            Assert.False(Determinism.IsInitialized);
        }

        [Fact]
        public void ReadingBeforeInitializeUsesTheDefaultSeedAndWarnsOnce()
        {
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;
            Assert.Equal(Determinism.DefaultSeed, Determinism.MasterSeed);
            Determinism.Random("a").Next();
            Determinism.Random("b").Next();
            Assert.Equal(SeedSource.Default, Determinism.Source);
            string text = warnings.ToString();

            // A library run by a program that never initializes: the warning says how to set the seed, and what not to use it for.
            Assert.Contains("Determinism.Initialize(seed)", text);
            Assert.Contains("SEED=42", text);
            Assert.Contains("RandomNumberGenerator", text);
            Assert.Equal(text.IndexOf("warning:", StringComparison.Ordinal), text.LastIndexOf("warning:", StringComparison.Ordinal));
        }

        [Fact]
        public void ReadingBeforeInitializeHonoursTheEnvironmentWithoutWarning()
        {
            var warnings = new StringWriter();
            Determinism.WarningWriter = warnings;
            Environment.SetEnvironmentVariable("SEED", "9");
            Assert.Equal(9, Determinism.MasterSeed);
            Assert.Equal(string.Empty, warnings.ToString());
        }

        [Fact]
        public void MalformedEnvironmentSeedIsAnErrorEvenWithoutInitialize()
        {
            Environment.SetEnvironmentVariable("SEED", "forty-two");
            var error = Assert.Throws<InvalidOperationException>(() => Determinism.Random("x"));
            Assert.Contains("'forty-two'", error.Message);
        }
    }
}
