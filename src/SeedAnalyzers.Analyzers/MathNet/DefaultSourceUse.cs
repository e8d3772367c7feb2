namespace SeedAnalyzers.Analyzers
{
    /// <summary>How a Math.NET member that draws from the shared default source can be given a source instead (SEED045).</summary>
    internal enum DefaultSourceKind
    {
        /// <summary>An overload takes one more parameter, a System.Random, at <see cref="DefaultSourceUse.Index"/>.</summary>
        AddSource,

        /// <summary>An optional System.Random parameter (<see cref="DefaultSourceUse.Parameter"/>) is left out or null.</summary>
        OptionalSource,

        /// <summary>An overload takes one more parameter, a distribution, at <see cref="DefaultSourceUse.Index"/> (Matrix/Vector builders).</summary>
        AddDistribution,

        /// <summary>An overload (named <see cref="DefaultSourceUse.Method"/>) takes one more parameter, an int seed, at <see cref="DefaultSourceUse.Index"/>.</summary>
        AddSeed,

        /// <summary>Generate.Uniform, Normal, Standard and their Map and Sequence forms: Generate.Random* with a distribution.</summary>
        Generate,

        /// <summary>A generator's static Default instance (SystemRandomSource.Default, MersenneTwister.Default).</summary>
        DefaultInstance,
    }

    /// <summary>A use of Math.NET's shared default source and the overload that takes a source instead.</summary>
    internal sealed class DefaultSourceUse
    {
        public DefaultSourceUse(DefaultSourceKind kind, int index = -1, string parameter = "", string method = "")
        {
            Kind = kind;
            Index = index;
            Parameter = parameter;
            Method = method;
        }

        public DefaultSourceKind Kind { get; }

        /// <summary>Where the overload's extra parameter is; -1 when none.</summary>
        public int Index { get; }

        /// <summary>The name of the parameter that takes the source.</summary>
        public string Parameter { get; }

        /// <summary>The name of the method to call instead; empty when it keeps its name.</summary>
        public string Method { get; }
    }
}
