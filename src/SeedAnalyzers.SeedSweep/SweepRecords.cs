using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>One seed of a sweep folder: its manifest and status when there are usable ones, or why it has no result.</summary>
    internal sealed record SeedRecord(long Seed, string? ManifestPath, SeedManifest? Manifest, RunStatus? Status, string? Failure);

    /// <summary>
    /// Reads a sweep folder and every folder below it: the manifests (<c>*.manifest.json</c>) and the status files
    /// <c>run</c> wrote (<c>seed-N.status.json</c>, optional: a cluster's folder has none). Everything that cannot be
    /// used is added to the flagged list with the file or seed named; each seed ends up with at most one record.
    /// </summary>
    internal sealed class SweepRecords
    {
        private SweepRecords(SortedDictionary<long, SeedRecord> runs) => Runs = runs;

        /// <summary>The seeds to report, by seed: a manifest to read a metric from, or a failure reason.</summary>
        internal SortedDictionary<long, SeedRecord> Runs { get; }

        internal static SweepRecords Read(string folder, IReadOnlyList<long>? expectedSeeds, List<string> flagged)
        {
            var candidates = new Dictionary<long, List<SeedRecord>>();
            foreach (string path in Directory.EnumerateFiles(folder, "*" + SweepFolder.ManifestSuffix, SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
            {
                SeedRecord? record = ReadManifest(path, flagged);
                if (record != null)
                {
                    Add(candidates, record);
                }
            }

            foreach (string path in Directory.EnumerateFiles(folder, "*" + SweepFolder.StatusSuffix, SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
            {
                AttachStatus(candidates, path, flagged);
            }

            var runs = new SortedDictionary<long, SeedRecord>();
            foreach ((long seed, List<SeedRecord> records) in candidates)
            {
                SeedRecord chosen = records.OrderByDescending(record => record.Manifest != null)
                    .ThenByDescending(record => record.Manifest?.CreatedUtc ?? default).First();
                if (records.Count > 1)
                {
                    flagged.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"seed {seed} has {records.Count} manifests ({string.Join(", ", records.Select(record => "'" + SweepFolder.Show(record.ManifestPath ?? "(status only)") + "'"))}); using the newest, '{SweepFolder.Show(chosen.ManifestPath ?? "(status only)")}'"));
                }

                if (chosen.Status?.Outcome == RunOutcome.Cancelled)
                {
                    flagged.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed} was interrupted before it finished and has no result; run the sweep again to resume it"));
                    continue;
                }

                runs[seed] = chosen;
            }

            if (expectedSeeds != null)
            {
                long[] extra = runs.Keys.Except(expectedSeeds).ToArray();
                if (extra.Length > 0)
                {
                    flagged.Add($"{SeedList.Name(extra)} {SeedList.Verb(extra, "is", "are")} in the folder but not in --seeds; left out");
                    foreach (long seed in extra)
                    {
                        runs.Remove(seed);
                    }
                }

                long[] missing = expectedSeeds.Where(seed => !runs.ContainsKey(seed)).ToArray();
                foreach (long seed in missing)
                {
                    runs[seed] = new SeedRecord(seed, null, null, null, "no manifest");
                }

                if (missing.Length > 0)
                {
                    flagged.Add($"{SeedList.Name(missing)} {SeedList.Verb(missing, "has", "have")} no manifest in the folder (never ran, or not copied back)");
                }
            }

            return new SweepRecords(runs);
        }

        private static SeedRecord? ReadManifest(string path, List<string> flagged)
        {
            long? named = SweepFolder.SeedOfFile(path);
            SeedManifest manifest;
            try
            {
                manifest = ManifestFile.Load(path);
            }
            catch (InvalidDataException e)
            {
                flagged.Add(e.Message);
                return named.HasValue ? new SeedRecord(named.Value, path, null, null, "unreadable manifest") : null;
            }

            if (named.HasValue && ManifestFile.CheckSeed(manifest, named.Value, path) is string wrongSeed)
            {
                flagged.Add(wrongSeed);
                return new SeedRecord(named.Value, path, null, null, string.Create(CultureInfo.InvariantCulture, $"ran with master seed {manifest.MasterSeed}, not its SEED"));
            }

            return new SeedRecord(manifest.MasterSeed, path, manifest, null, null);
        }

        /// <summary>
        /// A status file belongs to the record of its seed in the same folder. A run that failed keeps its failure
        /// even when its manifest holds a result (the process did not end well; the value is not trusted).
        /// </summary>
        private static void AttachStatus(Dictionary<long, List<SeedRecord>> candidates, string path, List<string> flagged)
        {
            RunStatus status;
            try
            {
                status = RunStatus.Read(path);
            }
            catch (InvalidDataException e)
            {
                flagged.Add(e.Message);
                return;
            }

            if (SweepFolder.SeedOfFile(path) is long named && named != status.Seed)
            {
                flagged.Add(string.Create(CultureInfo.InvariantCulture, $"the status file '{SweepFolder.Show(path)}' is about seed {status.Seed}; left out"));
                return;
            }

            string? failure = status.Outcome switch
            {
                RunOutcome.Failed => status.Message,
                RunOutcome.TimedOut => status.Message,
                _ => null,
            };
            if (failure != null)
            {
                flagged.Add(string.Create(CultureInfo.InvariantCulture, $"seed {status.Seed}: {failure} (log '{SweepFolder.Show(SweepFolder.LogPath(Path.GetDirectoryName(path)!, status.Seed))}')"));
            }

            string directory = Path.GetDirectoryName(path)!;
            List<SeedRecord> records = candidates.TryGetValue(status.Seed, out List<SeedRecord>? found) ? found : new List<SeedRecord>();
            int index = records.FindIndex(record => record.ManifestPath != null && Path.GetDirectoryName(record.ManifestPath) == directory);
            if (index >= 0)
            {
                records[index] = records[index] with { Status = status, Failure = records[index].Failure ?? failure };
                return;
            }

            if (status.Outcome == RunOutcome.Succeeded)
            {
                flagged.Add(string.Create(CultureInfo.InvariantCulture, $"seed {status.Seed} succeeded but its manifest is gone from '{SweepFolder.Show(directory)}'"));
            }

            Add(candidates, new SeedRecord(status.Seed, null, null, status, failure ?? "no manifest"));
        }

        private static void Add(Dictionary<long, List<SeedRecord>> candidates, SeedRecord record)
        {
            if (!candidates.TryGetValue(record.Seed, out List<SeedRecord>? records))
            {
                candidates[record.Seed] = records = new List<SeedRecord>();
            }

            records.Add(record);
        }
    }
}
