using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>Runs a program of this repository's build in a process of its own and returns what it printed.</summary>
    internal static class ChildProcess
    {
        /// <summary>
        /// The built assembly of <paramref name="project"/> (a folder under the repository root, such as
        /// <c>samples/MLNetSplit.Fixed</c>), in the configuration and framework these tests were built for.
        /// </summary>
        public static string Assembly(string project)
        {
            // The tests run from tests/<project>/bin/<configuration>/<framework>/; the programs build alongside them.
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = testOutput.Name, configuration = testOutput.Parent!.Name;
            DirectoryInfo? repository = testOutput;
            while (repository != null && !File.Exists(Path.Combine(repository.FullName, "SeedAnalyzers.sln")))
            {
                repository = repository.Parent;
            }

            string path = Path.Combine(repository?.FullName ?? ".", project, "bin", configuration, framework, Path.GetFileName(project) + ".dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution (this test project builds it first)");
            return path;
        }

        /// <summary>
        /// Runs <c>dotnet ASSEMBLY ARGUMENTS</c> with <paramref name="environment"/> set (a null value removes the variable;
        /// SEED and SEED_MANIFEST are removed unless given) and returns its standard output; fails on a non-zero exit.
        /// </summary>
        public static async Task<string> RunAsync(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(assembly);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Remove("SEED");
            start.Environment.Remove("SEED_MANIFEST");
            foreach (KeyValuePair<string, string?> variable in environment)
            {
                if (variable.Value is null)
                {
                    start.Environment.Remove(variable.Key);
                }
                else
                {
                    start.Environment[variable.Key] = variable.Value;
                }
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            bool exited = await Task.Run(() => process.WaitForExit(300_000));
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }

            Assert.True(exited, $"{Path.GetFileName(assembly)} {string.Join(" ", arguments)} did not finish within 5 minutes");
            Assert.True(process.ExitCode == 0, $"{Path.GetFileName(assembly)} {string.Join(" ", arguments)} exited with {process.ExitCode}: {await error}");
            return await output;
        }
    }
}
