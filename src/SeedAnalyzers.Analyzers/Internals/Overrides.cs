using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>The bodies a call to an abstract, virtual or interface method may run: its overrides and implementations in the compilation.</summary>
    internal static class Overrides
    {
        /// <summary>
        /// The methods of <paramref name="types"/> (the compilation's own) that override <paramref name="method"/> or
        /// implement it, directly or further down; empty for a method that is neither abstract, virtual nor an
        /// interface member.
        /// </summary>
        public static List<IMethodSymbol> Of(IMethodSymbol method, ImmutableArray<INamedTypeSymbol> types)
        {
            var found = new List<IMethodSymbol>();
            method = method.OriginalDefinition;
            bool inInterface = method.ContainingType.TypeKind == TypeKind.Interface;
            if (!inInterface && !method.IsAbstract && !method.IsVirtual && !method.IsOverride)
            {
                return found;
            }

            foreach (INamedTypeSymbol type in types)
            {
                if (SymbolEqualityComparer.Default.Equals(type, method.ContainingType))
                {
                    continue;
                }

                foreach (ISymbol member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate && !candidate.IsAbstract && Implements(candidate, method, type, inInterface))
                    {
                        found.Add(candidate);
                    }
                }
            }

            return found;
        }

        private static bool Implements(IMethodSymbol candidate, IMethodSymbol method, INamedTypeSymbol type, bool inInterface)
        {
            if (inInterface)
            {
                return type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, candidate.OriginalDefinition);
            }

            for (IMethodSymbol? overridden = candidate.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
