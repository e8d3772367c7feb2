using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// A search of source text for the words a rule needs to see (the names of methods that can seed, for the
    /// entry-point rules): a vectorized text search costs a fraction of a walk of the tokens. Rules that can wait for
    /// the driver's own walk of the operations use callbacks instead: text read long after parsing is cold in memory.
    /// </summary>
    internal static class TextSearch
    {
        private const int ChunkLength = 4096;

        /// <summary>
        /// Roslyn's text over one string (what parsing a file or a string gives, below the large-text size):
        /// <c>ToString()</c> returns that string without copying, so its text is searched in place. Other texts
        /// (editor snapshots, large files) are copied a chunk at a time. Null if a Roslyn version renames the type.
        /// </summary>
        private static readonly Type? s_stringText = typeof(SourceText).Assembly.GetType("Microsoft.CodeAnalysis.Text.StringText");

        /// <summary>
        /// Trees with an identifier that spells a letter with a Unicode escape: found once per tree, for every rule and
        /// block, so that the blocks of the other trees (nearly all) need no search for backslashes of their own.
        /// </summary>
        private static readonly ConditionalWeakTable<SyntaxTree, object> s_escapedIdentifiers = new ConditionalWeakTable<SyntaxTree, object>();
        private static readonly object s_escaped = new object();
        private static readonly object s_plain = new object();
        private static readonly ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback s_findEscapes =
            tree => HasEscapedIdentifier(tree.GetRoot(), tree.GetText()) ? s_escaped : s_plain;

        [ThreadStatic]
        private static char[]? t_buffer;

        /// <summary>
        /// Calls <paramref name="found"/> with the token at each place in <paramref name="syntax"/> where one of
        /// <paramref name="words"/> starts (comments, strings and longer identifiers hold the words too), until it
        /// returns true. Also true, without a call, when the text cannot be searched exactly: an identifier spells a
        /// letter with a Unicode escape (escapes in strings, characters and comments do not count). False when every
        /// occurrence was declined.
        /// </summary>
        public static bool Search<TState>(SyntaxNode syntax, string[] words, TState state, Func<SyntaxToken, TState, bool> found)
        {
            SourceText text = syntax.SyntaxTree.GetText();

            // Chunks overlap by the longest word less one, so a word cut by one chunk's end lies whole in the next.
            int overlap = 1;
            foreach (string word in words)
            {
                overlap = Math.Max(overlap, word.Length - 1);
            }

            TextSpan span = syntax.Span;
            bool escapes = s_escapedIdentifiers.GetValue(syntax.SyntaxTree, s_findEscapes) == s_escaped;
            if (text.GetType() == s_stringText)
            {
                // The whole span is one chunk: nothing is copied and no word is cut.
                return SearchChunk(syntax, text.ToString().AsSpan(span.Start, span.Length), span.Start, span.End, escapes, words, state, found);
            }

            char[] buffer = t_buffer ??= new char[ChunkLength];
            for (int chunkStart = span.Start; chunkStart < span.End; chunkStart += ChunkLength - overlap)
            {
                int length = Math.Min(ChunkLength, span.End - chunkStart);
                bool last = chunkStart + length >= span.End;

                // A word starting in the overlap is handled by the next chunk.
                int handledBefore = last ? span.End : chunkStart + ChunkLength - overlap;
                text.CopyTo(chunkStart, buffer, 0, length);
                if (SearchChunk(syntax, new ReadOnlySpan<char>(buffer, 0, length), chunkStart, handledBefore, escapes, words, state, found))
                {
                    return true;
                }

                if (last)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>
        /// <see cref="Search"/> over one chunk of text that starts at <paramref name="chunkStart"/>; words starting at or
        /// after <paramref name="handledBefore"/> are left to the next chunk. <paramref name="escapes"/>: the tree has an
        /// escaped identifier somewhere, perhaps in this chunk.
        /// </summary>
        private static bool SearchChunk<TState>(SyntaxNode syntax, ReadOnlySpan<char> chunk, int chunkStart, int handledBefore, bool escapes, string[] words, TState state, Func<SyntaxToken, TState, bool> found)
        {
            if (escapes && HasEscapedIdentifier(syntax, chunk, chunkStart, handledBefore))
            {
                return true;
            }

            foreach (string word in words)
            {
                for (int from = 0; from < chunk.Length;)
                {
                    int index = chunk.Slice(from).IndexOf(word.AsSpan());
                    if (index < 0)
                    {
                        break;
                    }

                    int inChunk = from + index;
                    int position = chunkStart + inChunk;
                    from = inChunk + word.Length;
                    if (position < handledBefore && found(syntax.FindToken(position), state))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when a backslash-u anywhere in the tree's text sits inside an identifier token.</summary>
        private static bool HasEscapedIdentifier(SyntaxNode root, SourceText text)
        {
            if (text.GetType() == s_stringText)
            {
                return HasEscapedIdentifier(root, text.ToString().AsSpan(), 0, text.Length);
            }

            // Chunks overlap by one character, so a backslash at a chunk's end is judged with its 'u' in the next.
            char[] buffer = t_buffer ??= new char[ChunkLength];
            for (int chunkStart = 0; chunkStart < text.Length; chunkStart += ChunkLength - 1)
            {
                int length = Math.Min(ChunkLength, text.Length - chunkStart);
                bool last = chunkStart + length >= text.Length;
                text.CopyTo(chunkStart, buffer, 0, length);
                if (HasEscapedIdentifier(root, new ReadOnlySpan<char>(buffer, 0, length), chunkStart, last ? text.Length : chunkStart + ChunkLength - 1))
                {
                    return true;
                }

                if (last)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>True when a backslash-u in the chunk sits inside an identifier token (<c>R\u0061ndom</c>).</summary>
        private static bool HasEscapedIdentifier(SyntaxNode syntax, ReadOnlySpan<char> chunk, int chunkStart, int handledBefore)
        {
            for (int from = 0; from < chunk.Length;)
            {
                int index = chunk.Slice(from).IndexOf('\\');
                if (index < 0)
                {
                    return false;
                }

                int inChunk = from + index;
                from = inChunk + 1;
                int position = chunkStart + inChunk;
                if (position < handledBefore && inChunk + 1 < chunk.Length && (chunk[inChunk + 1] == 'u' || chunk[inChunk + 1] == 'U'))
                {
                    SyntaxToken token = syntax.FindToken(position);
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
