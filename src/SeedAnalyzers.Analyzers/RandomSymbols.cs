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
            Shared = FindProperty(random, "Shared");
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

        public IPropertySymbol? Shared { get; }

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
        public bool IsSharedProperty(IPropertySymbol property) =>
            Shared != null && property.Name == "Shared" && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, Shared);

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

    /// <summary>
    /// A search of an operation block's source text for the words a rule needs to see (a member name, the 'new'
    /// of an object creation). Rules that run for every block use it to skip most blocks without walking their
    /// operations or tokens: a vectorized text search costs a fraction of either.
    /// </summary>
    internal static class BlockText
    {
        private const int ChunkLength = 4096;

        [ThreadStatic]
        private static char[]? t_buffer;

        /// <summary>
        /// Calls <paramref name="found"/> with the token at each place where one of <paramref name="words"/>
        /// starts (comments, strings and longer identifiers hold the words too), until it returns true. Also true, without a call, when the text cannot be searched exactly:
        /// the tree has no text, or <paramref name="identifiers"/> is set and the text has a Unicode escape (an
        /// identifier may spell a letter that way). False when every occurrence was declined.
        /// </summary>
        public static bool Search(IOperation block, string[] words, bool identifiers, Func<SyntaxToken, bool> found) =>
            Search(block, words, identifiers, found, static (token, test) => test(token));

        /// <summary>As <see cref="Search(IOperation, string[], bool, Func{SyntaxToken, bool})"/>, with a state for <paramref name="found"/>, so that it need not capture one.</summary>
        public static bool Search<TState>(IOperation block, string[] words, bool identifiers, TState state, Func<SyntaxToken, TState, bool> found)
        {
            SyntaxNode syntax = block.Syntax;
            if (!syntax.SyntaxTree.TryGetText(out SourceText? text))
            {
                return true;
            }

            // Chunks overlap by the longest word less one, so a word cut by one chunk's end lies whole in the next.
            int overlap = 1;
            foreach (string word in words)
            {
                overlap = Math.Max(overlap, word.Length - 1);
            }

            char[] buffer = t_buffer ??= new char[ChunkLength];
            TextSpan span = syntax.Span;
            for (int chunkStart = span.Start; chunkStart < span.End; chunkStart += ChunkLength - overlap)
            {
                int length = Math.Min(ChunkLength, span.End - chunkStart);
                bool last = chunkStart + length >= span.End;

                // A word starting in the overlap is handled by the next chunk.
                int handledBefore = last ? span.End : chunkStart + ChunkLength - overlap;
                text.CopyTo(chunkStart, buffer, 0, length);
                var chunk = new ReadOnlySpan<char>(buffer, 0, length);
                if (identifiers && (chunk.IndexOf("\\u".AsSpan()) >= 0 || chunk.IndexOf("\\U".AsSpan()) >= 0))
                {
                    return true;
                }

                foreach (string word in words)
                {
                    for (int from = 0; from < length;)
                    {
                        int index = chunk.Slice(from).IndexOf(word.AsSpan());
                        if (index < 0)
                        {
                            break;
                        }

                        int position = chunkStart + from + index;
                        from += index + word.Length;
                        if (position < handledBefore && found(syntax.FindToken(position), state))
                        {
                            return true;
                        }
                    }
                }

                if (last)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>
        /// The operations of the blocks whose text holds one of <paramref name="words"/> as a token
        /// <paramref name="isWanted"/> accepts (see <see cref="Search(IOperation, string[], bool, Func{SyntaxToken, bool})"/>),
        /// each block visited once.
        /// </summary>
        public static IEnumerable<IOperation> OperationsWhereMentioned(ImmutableArray<IOperation> blocks, string[] words, bool identifiers, Func<SyntaxToken, bool> isWanted)
        {
            foreach (IOperation block in blocks)
            {
                if (IsInsideAnotherBlock(block, blocks) || !Search(block, words, identifiers, isWanted))
                {
                    continue;
                }

                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    yield return operation;
                }
            }
        }

        /// <summary>
        /// The blocks whose operations a block action visits: a method's body block can be listed next to the
        /// method body operation that holds it, and must be visited once.
        /// </summary>
        public static bool IsInsideAnotherBlock(IOperation block, ImmutableArray<IOperation> blocks)
        {
            for (IOperation? parent = block.Parent; parent != null; parent = parent.Parent)
            {
                if (blocks.Contains(parent))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
