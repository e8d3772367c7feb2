using System;
using System.IO;
using System.Linq;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// Finds the program a sweep runs the way a shell would (a path as given, a bare name on PATH), so a typo is
    /// reported once, before any seed starts, instead of as N identical failures.
    /// </summary>
    internal static class CommandLocator
    {
        /// <summary>The full path of the program <paramref name="command"/> names.</summary>
        /// <exception cref="UsageException">There is no such program, or the file cannot be executed.</exception>
        internal static string Locate(string command)
        {
            if (command.Contains('/') || command.Contains(Path.DirectorySeparatorChar))
            {
                string full = Path.GetFullPath(command);
                if (!File.Exists(full))
                {
                    throw new UsageException($"the command '{command}' does not exist (no file at {full})");
                }

                return IsExecutable(full)
                    ? full
                    : throw new UsageException($"the command '{command}' is not executable: chmod +x it, or name its interpreter first (-- python {command})");
            }

            string[] extensions = OperatingSystem.IsWindows()
                ? new[] { string.Empty }.Concat((Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)).ToArray()
                : new[] { string.Empty };
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string extension in extensions)
                {
                    string candidate = Path.Combine(folder, command + extension);
                    if (File.Exists(candidate) && IsExecutable(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new UsageException($"the command '{command}' was not found on PATH; give its path (./{command}) if it is a file here");
        }

        private static bool IsExecutable(string path) =>
            OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
