using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// <c>seedsweep report</c>: the seed manifests of a folder (from <c>run</c>, or copied back from a cluster) as
    /// the table, statistics and plot of <see cref="SeedSweepResult"/>, with every manifest that cannot be used,
    /// every failed or missing seed and every disagreement between runs named. What is valid is always reported.
    /// </summary>
    internal sealed class SweepReport
    {
        private readonly ReportOptions _options;
        private readonly TextWriter _output;
        private readonly List<string> _flagged = new List<string>();

        internal SweepReport(ReportOptions options, TextWriter output)
        {
            _options = options;
            _output = output;
        }

        /// <summary>Prints the report; the exit code of the tool (0 clean, 1 something flagged, 2 nothing to report).</summary>
        internal int Run()
        {
            string folder = Path.GetFullPath(_options.Folder);
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"there is no sweep folder '{_options.Folder}'; give the folder that run wrote (--out) or the manifests were copied to");
            }

            SweepRecords records = SweepRecords.Read(folder, _options.ExpectedSeeds, _flagged);
            string[] recorded = records.Runs.Values.SelectMany(run => run.Manifest?.Results.Keys ?? Enumerable.Empty<string>())
                .Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal).ToArray();
            string[] metrics = _options.Metric != null ? new[] { _options.Metric } : recorded;
            string? nothing = records.Runs.Count == 0 ? $"no seed manifest (*.manifest.json) in '{_options.Folder}'"
                : recorded.Length == 0 ? "no run recorded a result; record one with Determinism.RecordResult(\"accuracy\", value)"
                : !recorded.Contains(metrics[0]) ? $"no run recorded '{metrics[0]}'; they record {string.Join(", ", recorded)}"
                : null;
            if (nothing != null)
            {
                PrintFlagged();
                _output.WriteLine("seedsweep: nothing to report: " + nothing);
                return 2;
            }

            if (_options.SvgPath != null && metrics.Length > 1)
            {
                throw new UsageException($"--svg draws one metric and the runs record {metrics.Length} ({string.Join(", ", metrics)}); choose one with --metric");
            }

            foreach (string metric in metrics)
            {
                SeedSweepResult result = Summarize(records, metric);
                long? chosen = Chosen(result, metric);
                _output.WriteLine($"{metric} over {result.Runs.Count} seeds in {SweepFolder.Show(folder)}");
                _output.Write(result.ToTable(chosen));
                if (_options.SvgPath != null)
                {
                    WriteSvg(result.ToSvg(chosen, metric));
                }

                _output.WriteLine();
            }

            foreach (string line in Consistency.Check(records.Runs.Values))
            {
                _flagged.Add(line);
            }

            PrintFlagged();
            return _flagged.Count == 0 ? 0 : 1;
        }

        private SeedSweepResult Summarize(SweepRecords records, string metric)
        {
            var values = new List<(long Seed, double Value)>();
            var failures = new List<(long Seed, string Reason)>();
            foreach (SeedRecord run in records.Runs.Values)
            {
                string? failure = run.Failure;
                if (failure == null && run.Manifest != null)
                {
                    if (!run.Manifest.Results.TryGetValue(metric, out double value))
                    {
                        failure = run.Manifest.Results.Count == 0
                            ? $"no result '{metric}' (it recorded none)"
                            : $"no result '{metric}' (it recorded {string.Join(", ", run.Manifest.Results.Keys)})";
                        _flagged.Add(string.Create(CultureInfo.InvariantCulture, $"seed {run.Seed}: {failure} in '{SweepFolder.Show(run.ManifestPath!)}'{LogHint(run)}"));
                    }
                    else if (double.IsNaN(value) || double.IsInfinity(value))
                    {
                        failure = string.Create(CultureInfo.InvariantCulture, $"{metric} is {value} (diverged?)");
                        _flagged.Add(string.Create(CultureInfo.InvariantCulture, $"seed {run.Seed}: {failure} in '{SweepFolder.Show(run.ManifestPath!)}'{LogHint(run)}"));
                    }
                    else
                    {
                        values.Add((run.Seed, value));
                        continue;
                    }
                }

                failures.Add((run.Seed, failure ?? "no manifest"));
            }

            return SeedSweepResult.FromRuns(values, failures);
        }

        /// <summary>Where the run's output is, when the layout has it next to the manifest (run, the Slurm recipe).</summary>
        private static string LogHint(SeedRecord run)
        {
            string log = SweepFolder.LogPath(Path.GetDirectoryName(run.ManifestPath!)!, run.Seed);
            return File.Exists(log) ? $" (log '{SweepFolder.Show(log)}')" : string.Empty;
        }

        private long? Chosen(SeedSweepResult result, string metric)
        {
            if (_options.Chosen.Best)
            {
                return result.Count > 0 ? result.Best().Seed : null;
            }

            if (_options.Chosen.Seed is long seed && !result.Runs.Any(run => run.Seed == seed && run.Succeeded))
            {
                _flagged.Add(string.Create(CultureInfo.InvariantCulture, $"--chosen {seed}: seed {seed} has no {metric} in this sweep"));
            }

            return _options.Chosen.Seed;
        }

        private void WriteSvg(string svg)
        {
            try
            {
                string? directory = Path.GetDirectoryName(Path.GetFullPath(_options.SvgPath!));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.WriteAllText(_options.SvgPath!, svg);
                _output.WriteLine($"plot written to {_options.SvgPath}");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                _flagged.Add($"the plot cannot be written to '{_options.SvgPath}': {e.Message}");
            }
        }

        private void PrintFlagged()
        {
            if (_flagged.Count == 0)
            {
                return;
            }

            string[] lines = _flagged.Distinct().ToArray();
            _output.WriteLine($"flagged ({lines.Length}):");
            foreach (string line in lines)
            {
                _output.WriteLine("  - " + line);
            }
        }
    }
}
