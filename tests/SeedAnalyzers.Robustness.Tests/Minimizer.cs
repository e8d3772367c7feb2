using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Shrinks a failing variant to a few lines that still fail the same way (delta debugging over lines: drop ever
    /// smaller chunks while the failure stays). Bounded in time, so a hard case still reports what it reached.
    /// </summary>
    public static class Minimizer
    {
        public static async Task<string> MinimizeAsync(string text, Func<string, Task<bool>> stillFails, TimeSpan budget)
        {
            var clock = Stopwatch.StartNew();
            List<string> lines = text.Split('\n').ToList();
            int chunk = Math.Max(1, lines.Count / 2);
            while (clock.Elapsed < budget)
            {
                bool removed = false;
                for (int start = 0; start < lines.Count && clock.Elapsed < budget;)
                {
                    var candidate = lines.Take(start).Concat(lines.Skip(start + chunk)).ToList();
                    if (candidate.Count < lines.Count && await stillFails(string.Join("\n", candidate)).ConfigureAwait(false))
                    {
                        lines = candidate;
                        removed = true;
                    }
                    else
                    {
                        start += chunk;
                    }
                }

                if (!removed)
                {
                    if (chunk == 1)
                    {
                        break;
                    }

                    chunk = Math.Max(1, chunk / 2);
                }
            }

            return string.Join("\n", lines);
        }
    }
}
