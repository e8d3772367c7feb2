using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The uses of a local in the member that declares it, for rules that judge an object by what the member does with
    /// it (an MLContext only loading a model, a distribution only asked for its density). Walked only for what a rule
    /// already reports, never for every local.
    /// </summary>
    internal static class LocalUses
    {
        /// <summary>The outermost operation above <paramref name="operation"/>: its member's body (or initializer).</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>Every reference to <paramref name="local"/> in the member that holds <paramref name="within"/>.</summary>
        public static IEnumerable<ILocalReferenceOperation> Of(ILocalSymbol local, IOperation within)
        {
            foreach (IOperation operation in Root(within).Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    yield return reference;
                }
            }
        }
    }
}
