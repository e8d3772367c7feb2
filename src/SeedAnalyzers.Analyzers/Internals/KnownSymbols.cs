using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The one place symbols are resolved: each type once per compilation, shared by every analyzer and code fix that
    /// looks at the same compilation (the WellKnownTypeProvider pattern of roslyn-analyzers). The rule families read
    /// their views from here: <see cref="Random"/>, <see cref="Concurrency"/>, <see cref="SeedSources"/>,
    /// <see cref="SeedSinks"/>, <see cref="Torch"/>, <see cref="MLNet"/> and <see cref="MathNet"/>, each built on first
    /// use and null when the compilation lacks what the family needs.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new ConditionalWeakTable<Compilation, KnownSymbols>();
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols>.CreateValueCallback s_create = compilation => new KnownSymbols(compilation);

        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        private readonly Lazy<RandomSymbols?> _random;
        private readonly Lazy<ConcurrencySymbols?> _concurrency;
        private readonly Lazy<SeedSources?> _seedSources;
        private readonly Lazy<SeedSinks?> _seedSinks;
        private readonly Lazy<TorchSymbols?> _torch;
        private readonly Lazy<MLNetSymbols?> _mlNet;
        private readonly Lazy<MathNetSymbols?> _mathNet;
        private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _sourceTypes;

        private KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
            _random = new Lazy<RandomSymbols?>(() => RandomSymbols.TryCreate(this), LazyThreadSafetyMode.ExecutionAndPublication);
            _concurrency = new Lazy<ConcurrencySymbols?>(() => Random is RandomSymbols random ? new ConcurrencySymbols(this, random) : null, LazyThreadSafetyMode.ExecutionAndPublication);
            _seedSources = new Lazy<SeedSources?>(() => Random is RandomSymbols random ? new SeedSources(this, random) : null, LazyThreadSafetyMode.ExecutionAndPublication);
            _seedSinks = new Lazy<SeedSinks?>(() => Random is RandomSymbols random ? new SeedSinks(this, random) : null, LazyThreadSafetyMode.ExecutionAndPublication);
            _torch = new Lazy<TorchSymbols?>(() => TorchSymbols.TryCreate(this), LazyThreadSafetyMode.ExecutionAndPublication);
            _mlNet = new Lazy<MLNetSymbols?>(() => MLNetSymbols.TryCreate(this), LazyThreadSafetyMode.ExecutionAndPublication);
            _mathNet = new Lazy<MathNetSymbols?>(() => MathNetSymbols.TryCreate(this), LazyThreadSafetyMode.ExecutionAndPublication);
            _sourceTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => CollectTypes(compilation.Assembly.GlobalNamespace), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public Compilation Compilation { get; }

        /// <summary>System.Random and the SeedAnalyzers runtime; null when the compilation has no System.Random.</summary>
        public RandomSymbols? Random => _random.Value;

        /// <summary>Generator types and the concurrency APIs SEED010 knows; null without System.Random.</summary>
        public ConcurrencySymbols? Concurrency => _concurrency.Value;

        /// <summary>The values that differ on every run (clocks, ids, GUIDs, hash codes); null without System.Random.</summary>
        public SeedSources? SeedSources => _seedSources.Value;

        /// <summary>The arguments and members that take a seed (System.Random, the runtime, ML.NET, Math.NET); null without System.Random.</summary>
        public SeedSinks? SeedSinks => _seedSinks.Value;

        /// <summary>TorchSharp and SeedAnalyzers.TorchSharp; null when TorchSharp is not referenced or is being compiled.</summary>
        public TorchSymbols? Torch => _torch.Value;

        /// <summary>ML.NET (MLContext and its trainers); null when Microsoft.ML is not referenced or is being compiled.</summary>
        public MLNetSymbols? MLNet => _mlNet.Value;

        /// <summary>Math.NET Numerics (its random sources and samplers); null when it is not referenced or is being compiled.</summary>
        public MathNetSymbols? MathNet => _mathNet.Value;

        /// <summary>True when the compilation references the SeedAnalyzers runtime (what the code fixes call).</summary>
        public bool HasRuntime => Random?.Determinism != null && Random.DeterministicRandom != null;

        /// <summary>True when the compilation references SeedAnalyzers.TorchSharp (TorchDeterminism).</summary>
        public bool HasTorchRuntime => Type("SeedAnalyzers.TorchDeterminism") != null;

        /// <summary>
        /// Every type the compilation declares, nested ones included; listed on first request (only rules that look for
        /// overrides ask, and only on a path that needs them).
        /// </summary>
        public ImmutableArray<INamedTypeSymbol> SourceTypes => _sourceTypes.Value;

        /// <summary>The symbols of <paramref name="compilation"/>, made on first request and kept while it lives.</summary>
        public static KnownSymbols Get(Compilation compilation) => s_cache.GetValue(compilation, s_create);

        private static ImmutableArray<INamedTypeSymbol> CollectTypes(INamespaceSymbol root)
        {
            ImmutableArray<INamedTypeSymbol>.Builder types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (ISymbol member in pending.Pop().GetMembers())
                {
                    if (member is INamedTypeSymbol type)
                    {
                        types.Add(type);
                        pending.Push(type);
                    }
                    else if (member is INamespaceSymbol space)
                    {
                        pending.Push(space);
                    }
                }
            }

            return types.ToImmutable();
        }

        /// <summary>The type with this metadata name, or null; resolved once per compilation.</summary>
        public INamedTypeSymbol? Type(string metadataName) =>
            _types.GetOrAdd(metadataName, name => Compilation.GetTypeByMetadataName(name));
    }
}
