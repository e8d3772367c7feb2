using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    public class PlaceholderTests
    {
        [Fact]
        public void DefaultSeedIsZero() => Assert.Equal(0, Determinism.DefaultSeed);
    }
}
