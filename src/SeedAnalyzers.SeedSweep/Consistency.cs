using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// What must be the same in every run of a sweep for its seeds to be comparable: the runtime, the operating
    /// system, the architecture and CPU, the processor count (the default thread counts follow it), the seed given in
    /// code, every setting integrations recorded (TorchSharp determinism, thread counts, versions), the names of the
    /// streams drawn from, and the command <c>run</c> started. A sweep whose runs differ in one of them compares
    /// different programs or machines, not seeds.
    /// </summary>
    internal static class Consistency
    {
        /// <summary>One line per field on which the runs disagree, with the seeds behind each value.</summary>
        internal static IEnumerable<string> Check(IEnumerable<SeedRecord> records)
        {
            var fields = new SortedDictionary<string, Dictionary<long, string>>(StringComparer.Ordinal);
            var seeds = new List<long>();
            foreach (SeedRecord record in records.Where(record => record.Manifest != null))
            {
                seeds.Add(record.Seed);
                foreach ((string name, string value) in Fields(record))
                {
                    if (!fields.TryGetValue(name, out Dictionary<long, string>? values))
                    {
                        fields[name] = values = new Dictionary<long, string>();
                    }

                    values[record.Seed] = value;
                }
            }

            foreach ((string name, Dictionary<long, string> values) in fields)
            {
                var groups = seeds.GroupBy(seed => values.TryGetValue(seed, out string? value) ? value : "(not recorded)")
                    .OrderByDescending(group => group.Count()).ThenBy(group => group.Min()).ToArray();
                if (groups.Length > 1)
                {
                    yield return $"the runs disagree on {name}: " + string.Join("; ", groups.Select(group =>
                        $"'{group.Key}' in {SeedList.Name(group.ToArray())}"));
                }
            }
        }

        private static IEnumerable<(string Name, string Value)> Fields(SeedRecord record)
        {
            SeedManifest manifest = record.Manifest!;
            yield return ("the runtime", manifest.Runtime);
            yield return ("the operating system", manifest.OperatingSystem);
            yield return ("the architecture", manifest.Architecture);
            yield return ("the CPU", manifest.Cpu);
            yield return ("the processor count", manifest.ProcessorCount.ToString(CultureInfo.InvariantCulture));
            yield return ("the seed in code", manifest.CodeSeed?.ToString(CultureInfo.InvariantCulture) ?? "(none)");
            yield return ("the streams", string.Join(", ", manifest.Streams.Select(stream => stream.Name).Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal)));
            foreach ((string key, string value) in manifest.Settings)
            {
                yield return ($"setting {key}", value);
            }

            if (record.Status != null)
            {
                yield return ("the command", SweepRunner.Quote(record.Status.Command));
            }
        }
    }
}
