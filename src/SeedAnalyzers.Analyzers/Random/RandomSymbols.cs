using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The System.Random and SeedAnalyzers runtime symbols the rules need, resolved once per compilation.
    /// </summary>
    internal sealed class RandomSymbols
    {
        private RandomSymbols(Compilation compilation, INamedTypeSymbol random)
        {
            Random = random;
            RandomShared = FindProperty(random, "Shared");
            DeterministicRandom = compilation.GetTypeByMetadataName("SeedAnalyzers.DeterministicRandom");
            Determinism = compilation.GetTypeByMetadataName("SeedAnalyzers.Determinism");
            Activator = compilation.GetTypeByMetadataName("System.Activator");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            Queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
            ParallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
            Int32 = compilation.GetSpecialType(SpecialType.System_Int32);
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
        public static RandomSymbols? TryCreate(Compilation compilation)
        {
            INamedTypeSymbol? random = compilation.GetTypeByMetadataName("System.Random");
            return random is null ? null : new RandomSymbols(compilation, random);
        }

        /// <summary>True for System.Random itself and every type derived from it.</summary>
        public bool IsRandomOrDerived(ITypeSymbol? type)
        {
            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, Random))
                {
                    return true;
                }
            }

            return false;
        }

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
