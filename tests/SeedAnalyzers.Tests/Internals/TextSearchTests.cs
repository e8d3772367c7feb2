using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SeedAnalyzers.Analyzers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The text search the rules skip code with. Text over one string is searched in place; any other text (editor
    /// snapshots, large files) a chunk at a time, with chunks that overlap so a word cut by a chunk's end is still
    /// found, once. Both must find exactly the occurrences a walk of the tokens finds.
    /// </summary>
    public class TextSearchTests
    {
        private static readonly string[] Words = { "Random", "Shuffle" };

        public static IEnumerable<object[]> Shifts() =>
            Enumerable.Range(0, 12).SelectMany(shift => new[] { new object[] { shift, true }, new object[] { shift, false } });

        /// <summary>Occurrences around every chunk boundary of a long method (the chunks hold 4,096 characters).</summary>
        [Theory]
        [MemberData(nameof(Shifts))]
        public void FindsEveryOccurrenceOnceWhereverAChunkEnds(int shift, bool inPlace)
        {
            var body = new StringBuilder();
            body.Append(' ', shift);
            for (int i = 0; i < 900; i++)
            {
                body.Append(i % 3 == 0 ? "Random r" + i + " = null; " : i % 3 == 1 ? "Shuffle(r" + (i - 1) + "); " : "x += " + i + "; ");
            }

            SyntaxTree tree = Parse("class C { int x; void Shuffle(object o) { } void M() {" + body + "} }", inPlace);
            MethodDeclarationSyntax method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");

            var found = new List<int>();
            bool stopped = TextSearch.Search(method.Body!, Words, found, static (token, list) =>
            {
                list.Add(token.SpanStart);
                return false;
            });

            int[] expected = method.Body!.DescendantTokens()
                .Where(token => token.IsKind(SyntaxKind.IdentifierToken) && Words.Contains(token.ValueText))
                .Select(token => token.SpanStart)
                .ToArray();
            Assert.False(stopped);
            Assert.True(method.Body.Span.Length > 3 * 4096, "the body must span several chunks");
            Assert.Equal(600, expected.Length);
            Assert.Equal(expected, found.OrderBy(position => position));
        }

        /// <summary>The first accepted occurrence ends the search, in either kind of text.</summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void StopsAtTheFirstAcceptedOccurrence(bool inPlace)
        {
            SyntaxTree tree = Parse("class C { void M() { // Random\n var s = \"Random\"; System.Random r = null; Random q = null; } }", inPlace);
            BlockSyntax body = tree.GetRoot().DescendantNodes().OfType<BlockSyntax>().Single();

            var seen = new List<string>();
            bool stopped = TextSearch.Search(body, Words, seen, static (token, list) =>
            {
                list.Add(token.Kind() + ":" + token.ValueText);
                return token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "Random";
            });

            Assert.True(stopped);

            // The comment's occurrence lands on the token whose trivia holds it (the brace before it on its line); the
            // string's is the literal; the first identifier stops the search.
            Assert.Equal(new[] { "OpenBraceToken:{", "StringLiteralToken:Random", "IdentifierToken:Random" }, seen);
        }

        /// <summary>A Unicode escape can spell a letter of an identifier, which no text search sees: the search gives up (true, no call).</summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void GivesUpOnAnEscapedIdentifierButNotAnEscapeInAString(bool inPlace)
        {
            SyntaxTree escaped = Parse("class C { void M() { var r = new System.R\\u0061ndom(); } }", inPlace);
            SyntaxTree inString = Parse("class C { void M() { var s = \"\\u0041\"; } }", inPlace);

            Assert.True(TextSearch.Search(Body(escaped), Words, 0, static (token, _) => false));
            Assert.False(TextSearch.Search(Body(inString), Words, 0, static (token, _) => false));
        }

        private static BlockSyntax Body(SyntaxTree tree) => tree.GetRoot().DescendantNodes().OfType<BlockSyntax>().Single();

        /// <summary>A tree over a plain string (searched in place) or over a text Roslyn does not know (searched in chunks).</summary>
        private static SyntaxTree Parse(string source, bool inPlace)
        {
            SourceText text = inPlace ? SourceText.From(source) : new ForeignText(source);
            SyntaxTree tree = CSharpSyntaxTree.ParseText(text);
            Assert.Equal(inPlace, tree.GetText().GetType().Name == "StringText");
            return tree;
        }

        /// <summary>A text of a kind the search cannot read in place, as an editor buffer's.</summary>
        private sealed class ForeignText : SourceText
        {
            private readonly string _source;

            public ForeignText(string source)
            {
                _source = source;
            }

            public override char this[int position] => _source[position];

            public override int Length => _source.Length;

            public override Encoding? Encoding => null;

            public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) =>
                _source.CopyTo(sourceIndex, destination, destinationIndex, count);
        }
    }
}
