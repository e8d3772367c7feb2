using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace SeedAnalyzers.Integration.Tests
{
    public sealed record CommandResult(int ExitCode, string Output);

    /// <summary>Runs a real command (the SDK, git, bash) the way a user would, and collects what it prints.</summary>
    public static class Command
    {
        public static CommandResult Run(string directory, string fileName, string arguments, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // The test host's own MSBuild environment must not leak into the child builds.
            foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(variable);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(600_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {arguments} did not finish in 10 minutes:\n{output}");
            }

            process.WaitForExit();
            return new CommandResult(process.ExitCode, output.ToString());
        }

        /// <summary>Runs the command and fails the test, with everything it printed, unless it exits 0.</summary>
        public static CommandResult Succeed(string directory, string fileName, string arguments, IReadOnlyDictionary<string, string>? environment = null)
        {
            CommandResult result = Run(directory, fileName, arguments, environment);
            Xunit.Assert.True(result.ExitCode == 0, $"'{fileName} {arguments}' in {directory} exited {result.ExitCode}:\n{result.Output}");
            return result;
        }
    }
}
