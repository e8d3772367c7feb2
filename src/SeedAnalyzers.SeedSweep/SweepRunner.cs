using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// <c>seedsweep run</c>: the command once per seed, each in its own process, N at a time. A failing seed does
    /// not stop the others; an interrupted sweep keeps what finished and resumes where it stopped.
    /// </summary>
    internal sealed class SweepRunner
    {
        /// <summary>How long output may stay open after the process exited (a child that outlived it holds it).</summary>
        private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

        internal const string SlotEnvironmentVariable = "SEEDSWEEP_SLOT";

        private readonly RunOptions _options;
        private readonly TextWriter _output;
        private readonly bool _live;
        private readonly string _folder;

        internal SweepRunner(RunOptions options, TextWriter output, bool live)
        {
            _options = options;
            _output = output;
            _live = live;
            _folder = Path.GetFullPath(options.Output);
        }

        /// <summary>Runs the sweep; the exit code of the tool (0, 1, or 130 when <paramref name="cancel"/> fired).</summary>
        internal async Task<int> RunAsync(CancellationToken cancel)
        {
            string program = CommandLocator.Locate(_options.Command[0]);
            try
            {
                Directory.CreateDirectory(_folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"the sweep folder '{_options.Output}' cannot be created: {e.Message}");
            }

            var finished = new List<long>();
            var otherCommand = new List<long>();
            foreach (long seed in _options.Seeds)
            {
                RunStatus? status = FinishedStatus(seed);
                if (status != null)
                {
                    finished.Add(seed);
                    if (!status.Command.SequenceEqual(_options.Command))
                    {
                        otherCommand.Add(seed);
                    }
                }
            }

            long[] pending = _options.Seeds.Except(finished).ToArray();
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"seedsweep: {_options.Seeds.Count} seeds ({SeedList.Describe(_options.Seeds)}), {Math.Min(_options.Parallel, Math.Max(pending.Length, 1))} at a time, " +
                $"time limit {(_options.Timeout.HasValue ? Duration.Format(_options.Timeout.Value) : "none")}, folder {SweepFolder.Show(_folder)}"));
            if (finished.Count > 0)
            {
                _output.WriteLine($"resuming: {SeedList.Name(finished)} finished earlier and {SeedList.Verb(finished, "is", "are")} kept; {pending.Length} to run");
            }

            if (otherCommand.Count > 0)
            {
                _output.WriteLine(
                    $"warning: {SeedList.Name(otherCommand)} finished earlier with another command than '{Quote(_options.Command)}'; " +
                    "the report will flag it (use another --out for a new sweep)");
            }

            var results = new ConcurrentDictionary<long, RunStatus>();
            using (var progress = new SweepProgress(_output, _live, pending.Length))
            {
                var queue = new ConcurrentQueue<long>(pending);
                Task[] workers = Enumerable.Range(0, Math.Min(_options.Parallel, pending.Length)).Select(slot => Task.Run(async () =>
                {
                    while (!cancel.IsCancellationRequested && queue.TryDequeue(out long seed))
                    {
                        progress.Started(seed);
                        RunStatus status = await RunSeedAsync(seed, slot, program, cancel).ConfigureAwait(false);
                        results[seed] = status;
                        progress.Finished(seed, Describe(status), status.Outcome == RunOutcome.Succeeded);
                    }
                })).ToArray();
                await Task.WhenAll(workers).ConfigureAwait(false);
            }

            return Summarize(pending, finished.Count, results, cancel.IsCancellationRequested);
        }

        /// <summary>
        /// The seed's status when it is finished: <c>run</c> recorded exit code 0 for it (status file outcome
        /// "succeeded") and its manifest still loads and records that seed. Anything else runs again.
        /// </summary>
        internal RunStatus? FinishedStatus(long seed)
        {
            string statusPath = SweepFolder.StatusPath(_folder, seed);
            if (!File.Exists(statusPath))
            {
                return null;
            }

            try
            {
                RunStatus status = RunStatus.Read(statusPath);
                string manifestPath = SweepFolder.ManifestPath(_folder, seed);
                return status.Outcome == RunOutcome.Succeeded && status.Seed == seed
                    && ManifestFile.CheckSeed(ManifestFile.Load(manifestPath), seed, manifestPath) == null
                    ? status
                    : null;
            }
            catch (InvalidDataException e)
            {
                _output.WriteLine($"warning: seed {seed.ToString(CultureInfo.InvariantCulture)} runs again: {e.Message}");
                return null;
            }
        }

        /// <summary>Runs one seed; <paramref name="slot"/> (0 to N-1) is never held by two runs at once.</summary>
        private async Task<RunStatus> RunSeedAsync(long seed, int slot, string program, CancellationToken cancel)
        {
            string manifestPath = SweepFolder.ManifestPath(_folder, seed);
            string statusPath = SweepFolder.StatusPath(_folder, seed);
            string logPath = SweepFolder.LogPath(_folder, seed);

            // What an earlier attempt left would be read as this attempt's result.
            File.Delete(statusPath);
            File.Delete(manifestPath);

            DateTimeOffset started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            using var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            WriteLogLine(log, $"# seedsweep: seed {seed}, {Determinism.SeedEnvironmentVariable}={seed} {Determinism.ManifestEnvironmentVariable}={manifestPath}, started {started:o}: {Quote(_options.Command)}");

            var start = new ProcessStartInfo(program)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Environment.CurrentDirectory,
            };
            foreach (string argument in _options.Command.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment[Determinism.SeedEnvironmentVariable] = seed.ToString(CultureInfo.InvariantCulture);
            start.Environment[Determinism.ManifestEnvironmentVariable] = manifestPath;

            // Which of the N parallel places the run holds, so runs can share out devices: CUDA_VISIBLE_DEVICES=$SEEDSWEEP_SLOT.
            start.Environment[SlotEnvironmentVariable] = slot.ToString(CultureInfo.InvariantCulture);

            using var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                return Finish(new RunStatus(seed, RunOutcome.Failed, null, $"could not start '{_options.Command[0]}': {e.Message}", started, clock.Elapsed.TotalSeconds, _options.Command), log, statusPath);
            }

            // Nothing to read: a program waiting for input would otherwise hang the sweep.
            process.StandardInput.Close();
            Task pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream, log), PumpAsync(process.StandardError.BaseStream, log));

            using var limit = _options.Timeout.HasValue ? new CancellationTokenSource(_options.Timeout.Value) : new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancel);
            bool killed = false;
            try
            {
                await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                killed = true;
                KillTree(process);
            }

            bool drained = await Task.WhenAny(pumps, Task.Delay(DrainLimit, CancellationToken.None)).ConfigureAwait(false) == pumps;
            double seconds = clock.Elapsed.TotalSeconds;
            int? exitCode = process.HasExited ? process.ExitCode : null;
            if (!drained)
            {
                WriteLogLine(log, "# seedsweep: the output stayed open after the process ended (a child process outlived it?); the log may be incomplete");
            }

            RunStatus status;
            if (killed && !cancel.IsCancellationRequested)
            {
                status = new RunStatus(seed, RunOutcome.TimedOut, null, $"timed out after {Duration.Format(_options.Timeout!.Value)}; killed with its child processes", started, seconds, _options.Command);
            }
            else if (exitCode == 0 && CheckManifest(seed, manifestPath) is string problem)
            {
                status = new RunStatus(seed, RunOutcome.Failed, 0, "exited with code 0, but " + problem, started, seconds, _options.Command);
            }
            else if (exitCode == 0)
            {
                status = new RunStatus(seed, RunOutcome.Succeeded, 0, string.Empty, started, seconds, _options.Command);
            }
            else if (cancel.IsCancellationRequested)
            {
                status = new RunStatus(seed, RunOutcome.Cancelled, exitCode, "interrupted; runs again on resume", started, seconds, _options.Command);
            }
            else
            {
                status = new RunStatus(seed, RunOutcome.Failed, exitCode, ExitMessage(exitCode), started, seconds, _options.Command);
            }

            return Finish(status, log, statusPath);
        }

        private RunStatus Finish(RunStatus status, FileStream log, string statusPath)
        {
            WriteLogLine(log, string.Create(CultureInfo.InvariantCulture, $"# seedsweep: {(status.Message.Length > 0 ? status.Message : "succeeded")} ({status.Seconds:0.###} s)"));
            status.Write(statusPath);
            return status;
        }

        private static string? CheckManifest(long seed, string manifestPath)
        {
            try
            {
                return ManifestFile.CheckSeed(ManifestFile.Load(manifestPath), seed, manifestPath);
            }
            catch (InvalidDataException e)
            {
                return e.Message;
            }
        }

        private static string ExitMessage(int? exitCode) => exitCode switch
        {
            null => "ended without an exit code",
            137 when !OperatingSystem.IsWindows() => "exit code 137 (killed by SIGKILL: out of memory?)",
            > 128 and < 160 when !OperatingSystem.IsWindows() => string.Create(CultureInfo.InvariantCulture, $"exit code {exitCode} (killed by signal {exitCode - 128})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"exit code {exitCode}"),
        };

        private static void KillTree(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own in the meantime.
            }
        }

        /// <summary>Copies output bytes as they come (progress bars and partial lines included), one writer at a time.</summary>
        private static async Task PumpAsync(Stream source, FileStream log)
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (log)
                {
                    log.Write(buffer, 0, read);
                    log.Flush();
                }
            }
        }

        private static void WriteLogLine(FileStream log, string line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
            lock (log)
            {
                log.Write(bytes, 0, bytes.Length);
                log.Flush();
            }
        }

        private string Describe(RunStatus status) => status.Outcome switch
        {
            RunOutcome.Succeeded => string.Create(CultureInfo.InvariantCulture, $"succeeded in {status.Seconds:0.0} s"),
            RunOutcome.Cancelled => "cancelled",
            _ => $"FAILED: {status.Message}; log {SweepFolder.Show(SweepFolder.LogPath(_folder, status.Seed))}",
        };

        private int Summarize(long[] pending, int kept, ConcurrentDictionary<long, RunStatus> results, bool interrupted)
        {
            RunStatus[] failures = pending.Where(results.ContainsKey).Select(seed => results[seed])
                .Where(status => status.Outcome == RunOutcome.Failed || status.Outcome == RunOutcome.TimedOut).ToArray();
            int succeeded = results.Values.Count(status => status.Outcome == RunOutcome.Succeeded);
            long[] notFinished = pending.Where(seed => !results.TryGetValue(seed, out RunStatus? status) || status.Outcome == RunOutcome.Cancelled).ToArray();
            _output.WriteLine();
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"seedsweep: {succeeded + kept} of {_options.Seeds.Count} seeds succeeded ({succeeded} now, {kept} earlier), {failures.Length} failed{(notFinished.Length > 0 ? $", {notFinished.Length} not finished" : string.Empty)}"));
            foreach (RunStatus failure in failures)
            {
                string logPath = SweepFolder.LogPath(_folder, failure.Seed);
                IReadOnlyList<string> lastLines = LastLines(logPath, 5);
                _output.WriteLine($"  seed {failure.Seed.ToString(CultureInfo.InvariantCulture)}: {failure.Message} (log {SweepFolder.Show(logPath)}{(lastLines.Count > 0 ? ", last lines:" : ", empty")})");
                foreach (string line in lastLines)
                {
                    _output.WriteLine("      " + line);
                }
            }

            if (interrupted)
            {
                _output.WriteLine($"interrupted: {SeedList.Name(notFinished)} did not finish; run the same command again to resume (finished seeds are kept)");
                return 130;
            }

            if (failures.Length > 0)
            {
                _output.WriteLine("run the same command again to retry the failed seeds; finished seeds are kept");
            }

            _output.WriteLine($"report: dotnet seedsweep report {Quote(new[] { _options.Output })}");
            return failures.Length > 0 ? 1 : 0;
        }

        /// <summary>The last lines the program wrote (the seedsweep lines left out): where the error usually is.</summary>
        private static IReadOnlyList<string> LastLines(string path, int count)
        {
            try
            {
                return File.ReadLines(path).Where(line => !line.StartsWith("# seedsweep:", StringComparison.Ordinal) && line.Trim().Length > 0).TakeLast(count).ToArray();
            }
            catch (IOException)
            {
                return Array.Empty<string>();
            }
        }

        internal static string Quote(IEnumerable<string> words) =>
            string.Join(" ", words.Select(word => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'"));
    }
}
