using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Breaks source text the way typing does: cut short, tokens or semicolons missing, lines swapped or doubled,
    /// brackets unbalanced, stray tokens. Every choice comes from the given <see cref="DeterministicRandom"/>, so a
    /// variant is reproduced from its master seed, source and index on any .NET version.
    /// </summary>
    public static class Mutator
    {
        /// <summary>Stray text, biased towards what the rules look at and what confuses the parser most.</summary>
        private static readonly string[] s_insertions =
        {
            "new Random()", "Random.Shared", "new Random(Environment.TickCount)", "Parallel.For(0, 10, i =>", "Task.Run(() =>",
            "torch.randn(3)", "torch.seed()", "new torch.Generator(1, device: torch.CUDA)", "Guid.NewGuid()", ".GetHashCode()",
            "lock", "=>", "?", "??=", "static", "async", "await", "var", "ref", "out", "default", "null", "this", "base", "new",
            "new()", "(", ")", "{", "}", "[", "]", "<", ">", ",", ".", ";", "=", "+", "!", "@", "\"", "'", "$\"", "/*", "//",
            "yield", "return", "class", "namespace", "using", "stackalloc", "__arglist", "global::", "..", "x", "42", "1e309",
            "\n#if DEBUG\n", "\n#endif\n", "\n#region\n", "int", "void", "Random", "rng", "i", "=> new Random(", "params",
        };

        private delegate string? Mutation(string text, DeterministicRandom random, out string description);

        private static readonly Mutation[] s_mutations = { Truncate, DeleteToken, SwapLines, DuplicateLine, UnbalanceBrackets, DeleteSemicolons, InsertToken };

        /// <summary>Applies one to three mutations; the descriptions say what each did, for the failure report.</summary>
        public static (string Text, IReadOnlyList<string> Steps) Mutate(string text, DeterministicRandom random)
        {
            var steps = new List<string>();
            int count = 1 + random.Next(3);
            for (int attempt = 0; steps.Count < count && attempt < 10; attempt++)
            {
                string? mutated = s_mutations[random.Next(s_mutations.Length)](text, random, out string description);
                if (mutated != null && mutated != text)
                {
                    text = mutated;
                    steps.Add(description);
                }
            }

            return (text, steps);
        }

        private static string? Truncate(string text, DeterministicRandom random, out string description)
        {
            int position = random.Next(text.Length);
            description = $"truncate at {Where(text, position)}";
            return text.Substring(0, position);
        }

        private static string? DeleteToken(string text, DeterministicRandom random, out string description)
        {
            SyntaxToken token = Pick(Tokens(text), random);
            description = $"delete token '{token.Text}' at {Where(text, token.SpanStart)}";
            return token.Span.IsEmpty ? null : text.Remove(token.SpanStart, token.Span.Length);
        }

        private static string? SwapLines(string text, DeterministicRandom random, out string description)
        {
            string[] lines = text.Split('\n');
            int first = random.Next(lines.Length), second = random.Next(lines.Length);
            description = $"swap lines {first + 1} and {second + 1}";
            (lines[first], lines[second]) = (lines[second], lines[first]);
            return string.Join("\n", lines);
        }

        private static string? DuplicateLine(string text, DeterministicRandom random, out string description)
        {
            var lines = text.Split('\n').ToList();
            int line = random.Next(lines.Count), target = random.Next(lines.Count + 1);
            description = $"copy line {line + 1} before line {target + 1}";
            lines.Insert(target, lines[line]);
            return string.Join("\n", lines);
        }

        private static string? UnbalanceBrackets(string text, DeterministicRandom random, out string description)
        {
            var brackets = Tokens(text).Where(token => token.IsKind(SyntaxKind.OpenBraceToken) || token.IsKind(SyntaxKind.CloseBraceToken)
                || token.IsKind(SyntaxKind.OpenParenToken) || token.IsKind(SyntaxKind.CloseParenToken)).ToList();
            if (brackets.Count > 0 && random.Next(2) == 0)
            {
                SyntaxToken bracket = Pick(brackets, random);
                description = $"delete '{bracket.Text}' at {Where(text, bracket.SpanStart)}";
                return bracket.Span.IsEmpty ? null : text.Remove(bracket.SpanStart, bracket.Span.Length);
            }

            string inserted = "{}()"[random.Next(4)].ToString();
            int position = Pick(Tokens(text), random).SpanStart;
            description = $"insert '{inserted}' at {Where(text, position)}";
            return text.Insert(position, inserted);
        }

        private static string? DeleteSemicolons(string text, DeterministicRandom random, out string description)
        {
            var semicolons = Tokens(text).Where(token => token.IsKind(SyntaxKind.SemicolonToken) && !token.IsMissing).ToList();
            if (semicolons.Count == 0)
            {
                description = "no semicolon";
                return null;
            }

            var chosen = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(semicolons, random)).Distinct().OrderByDescending(token => token.SpanStart).ToList();
            description = "delete ';' at " + string.Join(", ", chosen.Select(token => Where(text, token.SpanStart)).Reverse());
            foreach (SyntaxToken semicolon in chosen)
            {
                text = text.Remove(semicolon.SpanStart, 1);
            }

            return text;
        }

        private static string? InsertToken(string text, DeterministicRandom random, out string description)
        {
            string inserted = s_insertions[random.Next(s_insertions.Length)];
            SyntaxToken token = Pick(Tokens(text), random);
            int position = random.Next(2) == 0 ? token.SpanStart : token.Span.End;
            description = $"insert '{inserted.Replace("\n", "\\n", StringComparison.Ordinal)}' at {Where(text, position)}";
            return text.Insert(position, " " + inserted + " ");
        }

        private static List<SyntaxToken> Tokens(string text)
        {
            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(token => !token.IsMissing && !token.Span.IsEmpty).ToList();
            return tokens.Count > 0 ? tokens : new List<SyntaxToken> { SyntaxFactory.Token(SyntaxKind.EndOfFileToken) };
        }

        private static T Pick<T>(IReadOnlyList<T> items, DeterministicRandom random) => items[random.Next(items.Count)];

        /// <summary>1-based line:column of an offset, as an editor shows it.</summary>
        private static string Where(string text, int position)
        {
            int line = 1, column = 1;
            for (int i = 0; i < position && i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return $"{line}:{column}";
        }
    }
}
