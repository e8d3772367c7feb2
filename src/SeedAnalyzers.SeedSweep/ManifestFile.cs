using System;
using System.Globalization;
using System.IO;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>Loads seed manifests for the sweep with messages that name the file and say what to do.</summary>
    internal static class ManifestFile
    {
        /// <exception cref="InvalidDataException">
        /// The file is missing, unreadable, damaged or of a format version this runtime does not read (the runtime's
        /// message names the file and both versions).
        /// </exception>
        internal static SeedManifest Load(string path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidDataException(
                    $"no manifest at '{SweepFolder.Show(path)}': the program did not call Determinism.Initialize, or " +
                    $"{Determinism.ManifestEnvironmentVariable} did not reach it");
            }

            try
            {
                return SeedManifest.Load(path);
            }
            catch (Exception e) when (e is IOException || e is FormatException)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }

        /// <summary>Null when the manifest is of <paramref name="seed"/>; otherwise why it is not.</summary>
        internal static string? CheckSeed(SeedManifest manifest, long seed, string path)
        {
            if (manifest.MasterSeed == seed)
            {
                return null;
            }

            string recorded = string.Create(CultureInfo.InvariantCulture, $"{manifest.MasterSeed} (source {manifest.Source})");
            string given = seed.ToString(CultureInfo.InvariantCulture);
            string why = manifest.Source == SeedSource.Sweep || manifest.Source == SeedSource.Verify
                ? $"the program's last seed was set by an in-process {(manifest.Source == SeedSource.Sweep ? "SeedSweep.Run" : "Reproducibility.Verify")} " +
                  "run that never ended (the process stopped inside it, or an older runtime did not put the program's manifest back)"
                : $"the program does not take its seed from {Determinism.SeedEnvironmentVariable} (DeterminismOptions.AllowEnvironmentOverride = false?), " +
                  "so every seed would run the same";
            return $"'{SweepFolder.Show(path)}' records master seed {recorded}, not the SEED={given} the run was given: {why}";
        }
    }
}
