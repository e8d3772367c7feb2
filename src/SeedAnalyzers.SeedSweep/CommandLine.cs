using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>What <c>seedsweep run</c> was asked to do.</summary>
    internal sealed record RunOptions(IReadOnlyList<long> Seeds, int Parallel, TimeSpan? Timeout, string Output, IReadOnlyList<string> Command);

    /// <summary>What <c>seedsweep report</c> was asked to do.</summary>
    internal sealed record ReportOptions(string Folder, string? Metric, string? SvgPath, IReadOnlyList<long>? ExpectedSeeds, ChosenSeed Chosen);

    /// <summary>Which seed the table marks: the best (what "pick the best seed" would report), none, or a given one.</summary>
    internal sealed record ChosenSeed(bool Best, long? Seed)
    {
        internal static readonly ChosenSeed BestSeed = new ChosenSeed(true, null);

        internal static readonly ChosenSeed None = new ChosenSeed(false, null);
    }

    /// <summary>A command line that cannot be obeyed; the message says what to change.</summary>
    internal sealed class UsageException : Exception
    {
        internal UsageException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// The two verbs and their options. Options take their value as the next word or after '=' (--seeds=0..9);
    /// in <c>run</c>, everything after <c>--</c> is the command, passed to the process word for word.
    /// </summary>
    internal static class CommandLine
    {
        internal const string Usage = """
            usage:
              dotnet seedsweep run --seeds SEEDS [--parallel N] [--timeout TIME] [--out DIR] -- COMMAND [ARGS...]
              dotnet seedsweep report [DIR] [--metric NAME] [--svg FILE] [--seeds SEEDS] [--chosen best|none|SEED]

            run     runs COMMAND once per seed, each in its own process with SEED and SEED_MANIFEST set
                    (and SEEDSWEEP_SLOT, 0 to N-1), N at a time; per-seed logs and status in DIR;
                    running it again resumes
            report  reads the seed manifests in DIR (from run, or copied back from a cluster) and prints
                    the metric per seed, mean, std and 95% CI; flags runs that disagree on versions or settings

              --seeds SEEDS     0..9 (inclusive), 1,2,5, 0..99:10 (step), or a mix: 0..4,10
              --parallel N      runs at a time (default: the number of cores)
              --timeout TIME    time limit per run: 90s, 30m, 2h, 1h30m, 1:30:00 (default: none);
                                a run past it is killed with its child processes
              --out DIR         the sweep folder (default: sweep)
              --metric NAME     the result to report (default: every result the manifests record)
              --svg FILE        also draw the sweep as an SVG plot (needs one metric)
              --chosen          the seed the table marks: best (default: the highest metric), none, or a seed
              --version, --help

            exit codes: 0 all good; 1 done, but some runs failed or some manifests were flagged;
                        2 bad command line or nothing to report; 130 interrupted (run again to resume)
            docs: https://github.com/seedanalyzers/seedanalyzers/blob/main/docs/sweeps.md
            """;

        internal static RunOptions ParseRun(IReadOnlyList<string> words)
        {
            int separator = words.ToList().IndexOf("--");
            if (separator < 0 || separator == words.Count - 1)
            {
                throw new UsageException("run needs the command after '--', as in: dotnet seedsweep run --seeds 0..9 -- dotnet run --project Trainer");
            }

            Dictionary<string, string> options = ReadOptions(words.Take(separator).ToArray(), new[] { "--seeds", "--parallel", "--timeout", "--out" }, out List<string> positional);
            if (positional.Count > 0)
            {
                throw new UsageException($"run takes its command after '--'; '{positional[0]}' comes before it");
            }

            if (!options.TryGetValue("--seeds", out string? seedsText))
            {
                throw new UsageException("run needs --seeds, for example --seeds 0..9");
            }

            int parallel = Environment.ProcessorCount;
            if (options.TryGetValue("--parallel", out string? parallelText)
                && (!int.TryParse(parallelText, NumberStyles.None, CultureInfo.InvariantCulture, out parallel) || parallel < 1))
            {
                throw new UsageException($"--parallel takes a whole number of runs at a time, at least 1; '{parallelText}' is not one");
            }

            TimeSpan? timeout = null;
            if (options.TryGetValue("--timeout", out string? timeoutText))
            {
                timeout = Parse("--timeout", timeoutText, Duration.Parse);
            }

            return new RunOptions(
                Parse("--seeds", seedsText, SeedList.Parse),
                parallel,
                timeout,
                NonEmpty("--out", options.GetValueOrDefault("--out", SweepFolder.DefaultPath)),
                words.Skip(separator + 1).ToArray());
        }

        internal static ReportOptions ParseReport(IReadOnlyList<string> words)
        {
            Dictionary<string, string> options = ReadOptions(words, new[] { "--metric", "--svg", "--seeds", "--chosen" }, out List<string> positional);
            if (positional.Count > 1)
            {
                throw new UsageException($"report reads one folder; '{positional[1]}' is a second one");
            }

            ChosenSeed chosen = ChosenSeed.BestSeed;
            if (options.TryGetValue("--chosen", out string? chosenText))
            {
                chosen = chosenText switch
                {
                    "best" => ChosenSeed.BestSeed,
                    "none" => ChosenSeed.None,
                    _ => long.TryParse(chosenText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed)
                        ? new ChosenSeed(false, seed)
                        : throw new UsageException($"--chosen takes best, none or a seed; '{chosenText}' is none of them"),
                };
            }

            return new ReportOptions(
                NonEmpty("the folder", positional.Count == 1 ? positional[0] : SweepFolder.DefaultPath),
                options.TryGetValue("--metric", out string? metric) ? NonEmpty("--metric", metric) : null,
                options.TryGetValue("--svg", out string? svg) ? NonEmpty("--svg", svg) : null,
                options.TryGetValue("--seeds", out string? seeds) ? Parse("--seeds", seeds, SeedList.Parse) : null,
                chosen);
        }

        private static Dictionary<string, string> ReadOptions(IReadOnlyList<string> words, string[] known, out List<string> positional)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            positional = new List<string>();
            for (int i = 0; i < words.Count; i++)
            {
                string word = words[i];
                if (!word.StartsWith("-", StringComparison.Ordinal) || word == "-")
                {
                    positional.Add(word);
                    continue;
                }

                int equals = word.IndexOf('=');
                string name = equals < 0 ? word : word.Substring(0, equals);
                if (!known.Contains(name))
                {
                    throw new UsageException($"unknown option '{name}'; this verb takes {string.Join(", ", known)}");
                }

                string value;
                if (equals >= 0)
                {
                    value = word.Substring(equals + 1);
                }
                else if (i + 1 < words.Count)
                {
                    value = words[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (!options.TryAdd(name, value))
                {
                    throw new UsageException($"{name} is given twice");
                }
            }

            return options;
        }

        private static T Parse<T>(string option, string text, Func<string, T> parse)
        {
            try
            {
                return parse(text);
            }
            catch (FormatException e)
            {
                throw new UsageException($"{option}: {e.Message}");
            }
        }

        private static string NonEmpty(string what, string value) =>
            string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{what} is empty") : value;
    }
}
