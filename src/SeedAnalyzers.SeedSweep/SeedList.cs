using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// The seeds of a sweep, written as a comma-separated list of seeds and inclusive ranges:
    /// <c>0..9</c> (ten seeds), <c>1,2,5</c>, <c>0..99:10</c> (0, 10, ..., 90), <c>-2..2</c>, or a mix such as
    /// <c>0..4,10,20..22</c>. Seeds run in the order written; a seed written twice is an error.
    /// </summary>
    internal static class SeedList
    {
        /// <summary>More runs than anyone means to start from one command line: a typo such as 0..1000000.</summary>
        internal const int MaxSeeds = 100_000;

        internal static IReadOnlyList<long> Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("no seeds given; write them as 0..9, 1,2,5 or 0..99:10");
            }

            var seeds = new List<long>();
            var seen = new HashSet<long>();
            foreach (string rawItem in text.Split(','))
            {
                string item = rawItem.Trim();
                if (item.Length == 0)
                {
                    throw new FormatException($"'{text}' has an empty item between commas");
                }

                foreach (long seed in ParseItem(item))
                {
                    if (!seen.Add(seed))
                    {
                        throw new FormatException($"seed {seed.ToString(CultureInfo.InvariantCulture)} is listed twice in '{text}'");
                    }

                    if (seeds.Count == MaxSeeds)
                    {
                        throw new FormatException($"'{text}' lists more than {MaxSeeds.ToString("N0", CultureInfo.InvariantCulture)} seeds");
                    }

                    seeds.Add(seed);
                }
            }

            return seeds;
        }

        /// <summary>The seeds as the shortest list of ranges, for messages: "0..4, 7, 9..11".</summary>
        internal static string Describe(IEnumerable<long> seeds)
        {
            long[] sorted = seeds.Distinct().OrderBy(seed => seed).ToArray();
            var parts = new List<string>();
            for (int start = 0; start < sorted.Length;)
            {
                int end = start;
                while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1)
                {
                    end++;
                }

                parts.Add(end == start
                    ? sorted[start].ToString(CultureInfo.InvariantCulture)
                    : FormattableString.Invariant($"{sorted[start]}..{sorted[end]}"));
                start = end + 1;
            }

            return string.Join(", ", parts);
        }

        /// <summary>"seed 7" or "seeds 0..4, 9", for a sentence about them.</summary>
        internal static string Name(IReadOnlyCollection<long> seeds) => (seeds.Count == 1 ? "seed " : "seeds ") + Describe(seeds);

        /// <summary>The verb that goes with <see cref="Name"/>: <paramref name="one"/> for a single seed, else <paramref name="many"/>.</summary>
        internal static string Verb(IReadOnlyCollection<long> seeds, string one, string many) => seeds.Count == 1 ? one : many;

        private static IEnumerable<long> ParseItem(string item)
        {
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                return new[] { ParseSeed(item, item) };
            }

            string startText = item.Substring(0, dots);
            string rest = item.Substring(dots + 2);
            string endText = rest;
            long step = 1;
            int colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                endText = rest.Substring(0, colon);
                step = ParseSeed(rest.Substring(colon + 1), item);
                if (step <= 0)
                {
                    throw new FormatException($"the step in '{item}' must be a positive whole number");
                }
            }

            long start = ParseSeed(startText, item);
            long end = ParseSeed(endText, item);
            if (end < start)
            {
                throw new FormatException($"the range '{item}' ends before it starts; write it as {end}..{start}");
            }

            if ((((decimal)end - start) / step) + 1 > MaxSeeds)
            {
                throw new FormatException($"the range '{item}' holds more than {MaxSeeds.ToString("N0", CultureInfo.InvariantCulture)} seeds");
            }

            return Range(start, end, step);
        }

        private static IEnumerable<long> Range(long start, long end, long step)
        {
            for (long seed = start; ; seed += step)
            {
                yield return seed;
                if ((decimal)end - seed < step)
                {
                    yield break;
                }
            }
        }

        private static long ParseSeed(string text, string item)
        {
            string trimmed = text.Trim();
            if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new FormatException(trimmed.Length == 0
                    ? $"'{item}' is missing a number"
                    : $"'{trimmed}' in '{item}' is not a whole number between {long.MinValue} and {long.MaxValue}");
            }

            return value;
        }
    }
}
