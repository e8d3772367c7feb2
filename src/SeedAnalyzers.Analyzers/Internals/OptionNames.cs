using System.Collections.Immutable;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Every .editorconfig key the analyzers read, and the rules each one controls (their pages document it). Lists are
    /// separated by <see cref="ListSeparator"/>.
    /// </summary>
    internal static class OptionNames
    {
        /// <summary>Comma-separated members (Namespace.Type.Member) that SEED003 treats as nondeterministic sources.</summary>
        public const string AdditionalSeedSources = "seedanalyzers.SEED003.additional_sources";

        /// <summary>true: judge library projects as if nothing seeded torch (default false: libraries stay silent).</summary>
        public const string TorchAnalyzeLibraries = "seedanalyzers.torch.analyze_libraries";

        /// <summary>Comma-separated methods (Namespace.Type.Method) that establish full torch determinism when called first.</summary>
        public const string TorchSeedingMethods = "seedanalyzers.torch.seeding_methods";

        /// <summary>The name <see cref="TorchAnalyzeLibraries"/> had in 0.1, still read when the new key is absent.</summary>
        public const string TorchAnalyzeLibrariesAlias = "seedanalyzers.SEED020.analyze_libraries";

        /// <summary>The name <see cref="TorchSeedingMethods"/> had in 0.1, still read when the new key is absent.</summary>
        public const string TorchSeedingMethodsAlias = "seedanalyzers.SEED020.seeding_methods";

        /// <summary>The one separator of list-valued options.</summary>
        public const char ListSeparator = ',';

        private static readonly ImmutableArray<string> TorchEntryPointRules =
            ImmutableArray.Create(RuleIdentifiers.TorchUnseededRandomOperation, RuleIdentifiers.TorchCudaNotSeeded, RuleIdentifiers.TorchGpuDeterminismNotEstablished);

        /// <summary>Old names still read when the current key is absent; the docs index lists only current keys.</summary>
        public static ImmutableHashSet<string> Aliases { get; } = ImmutableHashSet.Create(TorchAnalyzeLibrariesAlias, TorchSeedingMethodsAlias);

        /// <summary>Each key and the rules it controls: the pages of those rules document it.</summary>
        public static ImmutableDictionary<string, ImmutableArray<string>> Rules { get; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty
            .Add(AdditionalSeedSources, ImmutableArray.Create(RuleIdentifiers.NondeterministicSeed))
            .Add(TorchAnalyzeLibraries, TorchEntryPointRules)
            .Add(TorchSeedingMethods, TorchEntryPointRules)
            .Add(TorchAnalyzeLibrariesAlias, ImmutableArray.Create(RuleIdentifiers.TorchUnseededRandomOperation))
            .Add(TorchSeedingMethodsAlias, ImmutableArray.Create(RuleIdentifiers.TorchUnseededRandomOperation));
    }
}
