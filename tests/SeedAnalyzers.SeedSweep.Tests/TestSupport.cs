using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

// The fake programs are shell scripts and the tool's signals are POSIX ones.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>A temporary folder, deleted afterwards.</summary>
    internal sealed class TempFolder : IDisposable
    {
        internal TempFolder() => Path = Directory.CreateTempSubdirectory("seedsweep-test-").FullName;

        internal string Path { get; }

        internal string this[string name] => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still be closing a file; the folder is in the temp directory.
            }
        }

        /// <summary>An executable shell script, the fake "training program" of a test; $T in it is this folder.</summary>
        internal string Script(string name, string body)
        {
            string path = this[name];
            File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r\n", "\n").Replace("$T", Path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
    }

    internal sealed record ToolResult(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Runs the tool in this process, as its entry point does, with its output captured.</summary>
    internal static class Tool
    {
        internal static Task<ToolResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

        internal static async Task<ToolResult> RunAsync(CancellationToken interrupt, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = await Program.RunAsync(args, TextWriter.Synchronized(output), TextWriter.Synchronized(error), live: false, interrupt);
            return new ToolResult(exitCode, output.ToString(), error.ToString());
        }

        /// <summary>The built tool's entry assembly, to run it as a real process (signals).</summary>
        internal static string AssemblyPath => typeof(Program).Assembly.Location;
    }

    /// <summary>
    /// Seed manifests as the runtime writes them: the tests never spell the manifest format by hand. The runtime's
    /// master seed is process-wide, so building one holds a lock; settings outlive a change of seed in the runtime, so
    /// every manifest records the one setting the tests vary, never a value another test left.
    /// </summary>
    internal static class Manifests
    {
        private static readonly object Gate = new object();

        internal static string Json(long seed, IReadOnlyDictionary<string, double> results, string threads = "4")
        {
            lock (Gate)
            {
                Determinism.Initialize(seed, new DeterminismOptions { AllowEnvironmentOverride = false });
                Determinism.Random("Trainer.init");
                Determinism.RecordSetting("torch.threads", threads);
                foreach ((string metric, double value) in results)
                {
                    Determinism.RecordResult(metric, value);
                }

                return Determinism.Manifest.ToJson();
            }
        }

        internal static string Write(string folder, long seed, IReadOnlyDictionary<string, double> results)
        {
            string path = SweepFolder.ManifestPath(folder, seed);
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, Json(seed, results));
            return path;
        }

        internal static Dictionary<string, double> Accuracy(double value) => new Dictionary<string, double> { ["accuracy"] = value };

        /// <summary>Lets the in-process sweep that SeedSweep.Run does share the lock.</summary>
        internal static T Locked<T>(Func<T> action)
        {
            lock (Gate)
            {
                return action();
            }
        }
    }

    internal static class Processes
    {
        /// <summary>Whether the process runs; a zombie waiting for its parent to reap it does not.</summary>
        internal static bool IsAlive(int pid)
        {
            string stat = $"/proc/{pid}/stat";
            try
            {
                string text = File.ReadAllText(stat);
                return text.Substring(text.LastIndexOf(')') + 2, 1) != "Z";
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException || e is IOException)
            {
                return false;
            }
        }
    }

    internal static class Repository
    {
        internal static string Root { get; } = FindRoot();

        /// <summary>The configuration these tests were built in; the solution build made the sample in it too.</summary>
        internal static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

        internal static string SampleAssembly =>
            System.IO.Path.Combine(Root, "samples", "RandomSplit.Fixed", "bin", Configuration, "net10.0", "RandomSplit.Fixed.dll");

        /// <summary>Runs a program to its end (10 minutes at most) and returns its exit code and output.</summary>
        internal static ToolResult Run(string workingDirectory, string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The test host's MSBuild settings must not leak into builds the command starts.
            foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(variable);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
            {
                if (value is null)
                {
                    start.Environment.Remove(name);
                }
                else
                {
                    start.Environment[name] = value;
                }
            }

            var output = new StringBuilder();
            var error = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (error) { error.AppendLine(e.Data); } };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(600_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish in 10 minutes:\n{output}\n{error}");
            }

            process.WaitForExit();
            return new ToolResult(process.ExitCode, output.ToString(), error.ToString());
        }

        /// <summary>Waits until <paramref name="condition"/> holds; a minute is a hang, not slowness.</summary>
        internal static void WaitUntil(Func<bool> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "timed out waiting until " + what);
                Thread.Sleep(20);
            }
        }

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "SeedAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("SeedAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
