using System;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>Tests that touch the process-wide master seed or environment run one at a time.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class GlobalStateCollection
    {
        public const string Name = "Process-wide determinism state";
    }

    /// <summary>Resets the master seed and the SEED / SEED_MANIFEST variables around each test.</summary>
    public abstract class GlobalStateTest : IDisposable
    {
        private readonly string? _seed = Environment.GetEnvironmentVariable(Determinism.SeedEnvironmentVariable);
        private readonly string? _manifest = Environment.GetEnvironmentVariable(Determinism.ManifestEnvironmentVariable);

        protected GlobalStateTest()
        {
            Environment.SetEnvironmentVariable(Determinism.SeedEnvironmentVariable, null);
            Environment.SetEnvironmentVariable(Determinism.ManifestEnvironmentVariable, null);
            Determinism.Reset();
        }

        public void Dispose()
        {
            Cleanup();
            Environment.SetEnvironmentVariable(Determinism.SeedEnvironmentVariable, _seed);
            Environment.SetEnvironmentVariable(Determinism.ManifestEnvironmentVariable, _manifest);
            Determinism.Reset();
            Determinism.WarningWriter = Console.Error;
        }

        protected virtual void Cleanup()
        {
        }
    }
}
