using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>
        /// What the light traces of one compilation learn about the symbols they pass, kept for the next trace: a library
        /// hands the same fields and locals to many calls into its own code, each call a light trace of its own.
        /// Used only by traces without configured sources, whose answers then depend on the symbol alone.
        /// </summary>
        /// <remarks>
        /// Keyed by reference: the driver hands out one symbol object per declared symbol, and a second object for the
        /// same symbol only costs a second entry.
        /// </remarks>
        private sealed class LightCache
        {
            private readonly ConcurrentDictionary<ISymbol, ImmutableArray<ExpressionSyntax>> _members =
                new ConcurrentDictionary<ISymbol, ImmutableArray<ExpressionSyntax>>(ReferenceComparer.Instance);

            private readonly ConcurrentDictionary<ISymbol, bool> _quietLocals =
                new ConcurrentDictionary<ISymbol, bool>(ReferenceComparer.Instance);

            /// <summary>
            /// A field's or auto-property's initializers whose text names a source; default (IsDefault) when the light
            /// trace does not follow the member.
            /// </summary>
            public ImmutableArray<ExpressionSyntax> SourcedInitializers(ISymbol member, Func<ISymbol, ImmutableArray<ExpressionSyntax>> find)
            {
                if (!_members.TryGetValue(member, out ImmutableArray<ExpressionSyntax> initializers))
                {
                    initializers = _members.GetOrAdd(member, find(member));
                }

                return initializers;
            }

            /// <summary>
            /// True when a light trace from a local's initializer, or from what the body assigns to a parameter, has found
            /// no source (one that starts deeper finds less).
            /// </summary>
            public bool IsQuiet(ISymbol localOrParameter) => _quietLocals.ContainsKey(localOrParameter);

            public void MarkQuiet(ISymbol localOrParameter) => _quietLocals.TryAdd(localOrParameter, true);

            private sealed class ReferenceComparer : IEqualityComparer<ISymbol>
            {
                public static readonly ReferenceComparer Instance = new ReferenceComparer();

                public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

                public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
            }
        }
    }
}
