using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The System.Random and SeedAnalyzers runtime symbols the Random rules need: a view of <see cref="KnownSymbols"/>.
    /// </summary>
    internal sealed class RandomSymbols
    {
        private RandomSymbols(KnownSymbols known, INamedTypeSymbol random)
        {
            Random = random;
            RandomShared = FindProperty(random, "Shared");
            DeterministicRandom = known.Type("SeedAnalyzers.DeterministicRandom");
            Determinism = known.Type("SeedAnalyzers.Determinism");
            Activator = known.Type("System.Activator");
            Guid = known.Type("System.Guid");
            Enumerable = known.Type("System.Linq.Enumerable");
            Queryable = known.Type("System.Linq.Queryable");
            ParallelEnumerable = known.Type("System.Linq.ParallelEnumerable");
            Int32 = known.Compilation.GetSpecialType(SpecialType.System_Int32);
        }

        public INamedTypeSymbol Random { get; }

        public IPropertySymbol? RandomShared { get; }

        public INamedTypeSymbol? DeterministicRandom { get; }

        public INamedTypeSymbol? Determinism { get; }

        public INamedTypeSymbol? Activator { get; }

        public INamedTypeSymbol? Guid { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? Queryable { get; }

        public INamedTypeSymbol? ParallelEnumerable { get; }

        public INamedTypeSymbol Int32 { get; }

        /// <summary>Null when the compilation has no System.Random (the rules then stay silent).</summary>
        internal static RandomSymbols? TryCreate(KnownSymbols known) =>
            known.Type("System.Random") is INamedTypeSymbol random ? new RandomSymbols(known, random) : null;

        /// <summary>Random.Shared; the name is compared first because this runs for every property reference.</summary>
        public bool IsRandomShared(IPropertySymbol property) =>
            RandomShared != null && property.Name == "Shared" && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, RandomShared);

        /// <summary>True for a LINQ ordering operator (OrderBy, OrderByDescending, ThenBy, ThenByDescending).</summary>
        public bool IsOrderingOperator(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                    INamedTypeSymbol containing = method.ContainingType;
                    return SymbolEqualityComparer.Default.Equals(containing, Enumerable)
                        || SymbolEqualityComparer.Default.Equals(containing, Queryable)
                        || SymbolEqualityComparer.Default.Equals(containing, ParallelEnumerable);
                default:
                    return false;
            }
        }

        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            foreach (ISymbol member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property && property.IsStatic)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
