namespace SeedAnalyzers.Analyzers
{
    /// <summary>Every rule ID in one place; help links and docs pages are built from these.</summary>
    internal static class RuleIdentifiers
    {
        public const string UnseededRandom = "SEED001";
        public const string UnseedableRandom = "SEED002";
        public const string NondeterministicSeed = "SEED003";
        public const string LegacySeededRandom = "SEED004";

        public const string GeneratorUsedAcrossThreads = "SEED010";

        public const string TorchUnseededRandomOperation = "SEED020";
        public const string TorchClockReseed = "SEED021";
        public const string TorchCudaNotSeeded = "SEED022";
        public const string TorchCudaGeneratorIsCpu = "SEED023";
        public const string TorchDataLoaderShuffle = "SEED024";
        public const string TorchDataLoaderSameOrderEveryEpoch = "SEED025";
        public const string TorchTf32Enabled = "SEED030";
        public const string TorchGpuDeterminismNotEstablished = "SEED031";
    }
}
