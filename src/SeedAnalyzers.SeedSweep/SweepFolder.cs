using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// Where a sweep keeps its files: one folder, three files per seed, named by the seed so that a folder copied
    /// back from a cluster (where the job script sets <c>SEED_MANIFEST</c> to the same name) reads the same:
    /// <c>seed-N.manifest.json</c> (written by the program through <c>SEED_MANIFEST</c>), <c>seed-N.log</c> (its
    /// standard output and error) and <c>seed-N.status.json</c> (how the process ended, written by <c>run</c>).
    /// </summary>
    internal static class SweepFolder
    {
        internal const string DefaultPath = "sweep";

        internal const string ManifestSuffix = ".manifest.json";

        internal const string StatusSuffix = ".status.json";

        private static readonly Regex SeedFileName = new Regex(@"^seed-(-?\d+)\.(manifest|status)\.json$", RegexOptions.CultureInvariant);

        internal static string ManifestPath(string folder, long seed) => Path.Combine(folder, Name(seed) + ManifestSuffix);

        internal static string StatusPath(string folder, long seed) => Path.Combine(folder, Name(seed) + StatusSuffix);

        internal static string LogPath(string folder, long seed) => Path.Combine(folder, Name(seed) + ".log");

        /// <summary>The seed a manifest or status file is named after, or null when its name is another.</summary>
        internal static long? SeedOfFile(string path)
        {
            Match match = SeedFileName.Match(Path.GetFileName(path));
            return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed)
                ? seed
                : null;
        }

        /// <summary>A path as the user would type it from the current folder, for messages.</summary>
        internal static string Show(string path)
        {
            string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }

        private static string Name(long seed) => "seed-" + seed.ToString(CultureInfo.InvariantCulture);
    }
}
