using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>
    /// seedsweep run against small shell scripts that stand for a training program ($T is the test's folder): they
    /// copy a manifest the runtime wrote (from templates/seed-N.json) to SEED_MANIFEST, and fail, hang or spawn children when a test says so.
    /// Nothing waits on a clock: concurrency is shown by a rendezvous, ends by files the scripts leave.
    /// </summary>
    public class RunTests
    {
        private const string CopyManifest = "cp \"$T/templates/seed-$SEED.json\" \"$SEED_MANIFEST\"\n";

        [Fact]
        public async Task EachSeedRunsInItsOwnProcessWithSeedAndManifestSetAndItsOutputLogged()
        {
            using var temp = Prepare(0..4);
            string script = temp.Script("train.sh", $"""
                echo "SEED=$SEED SEED_MANIFEST=$SEED_MANIFEST pid=$$"
                echo "to stderr" >&2
                echo "in $(pwd)"
                read line || echo "no input"
                {CopyManifest}
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0..3", "--parallel", "2", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 0, result.ToString());
            var pids = new HashSet<string>();
            for (int seed = 0; seed <= 3; seed++)
            {
                string log = File.ReadAllText(SweepFolder.LogPath(temp["sweep"], seed));
                Assert.Contains($"SEED={seed} SEED_MANIFEST={SweepFolder.ManifestPath(temp["sweep"], seed)} pid=", log);
                Assert.Contains("to stderr", log);
                // stdout and stderr are read side by side, so only lines keep their order, not the two streams.
                Assert.Contains($"in {Environment.CurrentDirectory}\n", log);
                Assert.Contains("no input\n", log);
                pids.Add(log.Split("pid=")[1].Split('\n')[0]);
                Assert.Equal(RunOutcome.Succeeded, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], seed)).Outcome);
                Assert.Equal(seed, SeedManifest.Load(SweepFolder.ManifestPath(temp["sweep"], seed)).MasterSeed);
            }

            Assert.Equal(4, pids.Count);
            Assert.False(File.Exists(SweepFolder.StatusPath(temp["sweep"], 4)));
            Assert.Contains("seedsweep: 4 seeds (0..3), 2 at a time, time limit none", result.Output);
            Assert.Contains("seedsweep: 4 of 4 seeds succeeded", result.Output);
            Assert.Contains("report: dotnet seedsweep report", result.Output);
        }

        [Fact]
        public async Task SeedsRunAtTheSameTimeUpToTheLimit()
        {
            // Each run waits for the other: run one after the other, they would never finish.
            using var temp = Prepare(0..2);
            Directory.CreateDirectory(temp["running"]);
            string script = temp.Script("train.sh", $"""
                touch "$T/running/$SEED"
                i=0
                while [ "$(ls "$T/running" | wc -l)" -lt 2 ]; do
                  i=$((i + 1))
                  if [ $i -gt 1200 ]; then echo "ran alone"; exit 1; fi
                  sleep 0.05
                done
                {CopyManifest}
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0,1", "--parallel", "2", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 0, result.ToString());
        }

        [Fact]
        public async Task NeverMoreRunsAtOnceThanTheLimit()
        {
            using var temp = Prepare(0..6);
            Directory.CreateDirectory(temp["running"]);
            Directory.CreateDirectory(temp["slots"]);
            string script = temp.Script("train.sh", $"""
                touch "$T/running/$SEED"
                ls "$T/running" | wc -l >> "$T/counts"
                mkdir "$T/slots/$SEEDSWEEP_SLOT" || echo "slot $SEEDSWEEP_SLOT taken" >> "$T/clashes"
                echo "$SEEDSWEEP_SLOT" >> "$T/slot-names"
                sleep 0.1
                rmdir "$T/slots/$SEEDSWEEP_SLOT"
                rm "$T/running/$SEED"
                {CopyManifest}
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0..5", "--parallel", "2", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 0, result.ToString());
            int[] counts = File.ReadAllLines(temp["counts"]).Select(line => int.Parse(line.Trim())).ToArray();
            Assert.Equal(6, counts.Length);
            Assert.All(counts, count => Assert.InRange(count, 1, 2));

            // SEEDSWEEP_SLOT is 0 or 1 here, and never held by two runs at once.
            Assert.False(File.Exists(temp["clashes"]), File.Exists(temp["clashes"]) ? File.ReadAllText(temp["clashes"]) : null);
            Assert.All(File.ReadAllLines(temp["slot-names"]), slot => Assert.Contains(slot, new[] { "0", "1" }));
        }

        [Fact]
        public async Task AFailingSeedDoesNotStopTheOthersAndIsListedWithTheEndOfItsLog()
        {
            using var temp = Prepare(0..4);
            string script = temp.Script("train.sh", $"""
                if [ "$SEED" = 2 ]; then echo "epoch 3: CUDA out of memory" >&2; exit 3; fi
                {CopyManifest}
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0..3", "--parallel", "1", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("seed 2 FAILED: exit code 3; log ", result.Output);
            Assert.Contains("seedsweep: 3 of 4 seeds succeeded (3 now, 0 earlier), 1 failed", result.Output);
            Assert.Matches(@"  seed 2: exit code 3 \(log .*seed-2\.log, last lines:\)\n", result.Output);
            Assert.Contains("      epoch 3: CUDA out of memory", result.Output);
            RunStatus failed = RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 2));
            Assert.Equal((RunOutcome.Failed, 3), (failed.Outcome, failed.ExitCode));
            Assert.Equal(RunOutcome.Succeeded, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 3)).Outcome);
        }

        [Fact]
        public async Task ARunPastTheTimeLimitIsKilledWithItsChildProcesses()
        {
            using var temp = Prepare(0..1);
            string script = temp.Script("train.sh", """
                sleep 300 &
                echo $! > "$T/child"
                wait
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0", "--timeout", "1s", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("seed 0 FAILED: timed out after 1s; killed with its child processes", result.Output);
            RunStatus status = RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 0));
            Assert.Equal(RunOutcome.TimedOut, status.Outcome);
            Assert.Null(status.ExitCode);
            Assert.False(Processes.IsAlive(int.Parse(File.ReadAllText(temp["child"]).Trim())), "the run's child process outlived the time limit");
        }

        [Fact]
        public async Task ACommandThatCannotRunIsNamedBeforeAnySeedStarts()
        {
            using var temp = Prepare(0..1);
            File.WriteAllText(temp["notes.txt"], "not a program");

            ToolResult missing = await Tool.RunAsync("run", "--seeds", "0..9", "--out", temp["sweep"], "--", "trian-no-such-program", "--epochs", "3");
            ToolResult noFile = await Tool.RunAsync("run", "--seeds", "0..9", "--out", temp["sweep"], "--", temp["missing.sh"]);
            ToolResult notExecutable = await Tool.RunAsync("run", "--seeds", "0..9", "--out", temp["sweep"], "--", temp["notes.txt"]);

            Assert.Equal((2, 2, 2), (missing.ExitCode, noFile.ExitCode, notExecutable.ExitCode));
            Assert.Contains("seedsweep: the command 'trian-no-such-program' was not found on PATH", missing.Error);
            Assert.Contains($"the command '{temp["missing.sh"]}' does not exist", noFile.Error);
            Assert.Contains("is not executable: chmod +x it", notExecutable.Error);
            Assert.False(Directory.Exists(temp["sweep"]), "nothing may run, or be written, for a command that cannot start");
        }

        [Fact]
        public async Task AFolderThatCannotBeMadeIsNamed()
        {
            using var temp = Prepare(0..1);
            File.WriteAllText(temp["file"], string.Empty);
            string script = temp.Script("train.sh", CopyManifest);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0", "--out", Path.Combine(temp["file"], "sweep"), "--", script);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"seedsweep: the sweep folder '{Path.Combine(temp["file"], "sweep")}' cannot be created", result.Error);
        }

        [Fact]
        public async Task ExitCodeZeroWithoutAManifestOfItsSeedIsAFailure()
        {
            using var temp = Prepare(0..3);
            string script = temp.Script("train.sh", """
                [ "$SEED" = 1 ] && exit 0
                cp "$T/templates/seed-0.json" "$SEED_MANIFEST"
                """);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0..2", "--out", temp["sweep"], "--", script);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(RunOutcome.Succeeded, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 0)).Outcome);
            Assert.Contains("seed 1: exited with code 0, but no manifest at", result.Output);
            Assert.Matches(@"seed-1\.log, empty\)\n", result.Output);
            Assert.Contains("the program did not call Determinism.Initialize", result.Output);
            Assert.Contains("seed 2: exited with code 0, but", result.Output);
            Assert.Contains("seed-2.manifest.json' records master seed 0 (source Code), not the SEED=2 the run was given: the program does not take its seed from SEED", result.Output);
        }

        [Fact]
        public async Task RunningAgainResumesOnlyTheSeedsThatDidNotFinish()
        {
            using var temp = Prepare(0..4);
            File.WriteAllText(temp["fail-2"], string.Empty);
            string script = temp.Script("train.sh", $"""
                echo "$SEED" >> "$T/runs"
                [ -f "$T/fail-$SEED" ] && exit 1
                {CopyManifest}
                """);
            string[] sweep = { "run", "--seeds", "0..3", "--parallel", "2", "--out", temp["sweep"], "--", script };

            Assert.Equal(1, (await Tool.RunAsync(sweep)).ExitCode);
            File.Delete(temp["fail-2"]);
            ToolResult resumed = await Tool.RunAsync(sweep);

            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.Contains("resuming: seeds 0..1, 3 finished earlier and are kept; 1 to run", resumed.Output);
            Assert.Contains("seedsweep: 4 of 4 seeds succeeded (1 now, 3 earlier), 0 failed", resumed.Output);
            Assert.Equal(new[] { "0", "1", "2", "2", "3" }, File.ReadAllLines(temp["runs"]).OrderBy(line => line));

            // Finished means: a succeeded status and a manifest of that seed. Damage either, and the seed runs again.
            File.Delete(SweepFolder.ManifestPath(temp["sweep"], 0));
            File.WriteAllText(SweepFolder.StatusPath(temp["sweep"], 1), "{ \"seed\": 1, \"outc");
            ToolResult repaired = await Tool.RunAsync(sweep);
            Assert.True(repaired.ExitCode == 0, repaired.ToString());
            Assert.Contains("warning: seed 1 runs again: the status file", repaired.Output);
            Assert.Contains("resuming: seeds 2..3 finished earlier and are kept; 2 to run", repaired.Output);
        }

        [Fact]
        public async Task ResumingWithAnotherCommandIsPointedOut()
        {
            using var temp = Prepare(0..3);
            string first = temp.Script("first.sh", CopyManifest);
            string second = temp.Script("second.sh", CopyManifest);
            Assert.Equal(0, (await Tool.RunAsync("run", "--seeds", "0..1", "--out", temp["sweep"], "--", first)).ExitCode);

            ToolResult result = await Tool.RunAsync("run", "--seeds", "0..2", "--out", temp["sweep"], "--", second, "--lr", "0.1");

            Assert.Contains($"warning: seeds 0..1 finished earlier with another command than '{second} --lr 0.1'", result.Output);
        }

        [Fact]
        public async Task InterruptingKeepsWhatFinishedKillsTheRestAndResumes()
        {
            using var temp = Prepare(0..4);
            File.WriteAllText(temp["hang"], string.Empty);
            string script = temp.Script("train.sh", $"""
                echo "$SEED" >> "$T/runs"
                if [ "$SEED" != 0 ] && [ -f "$T/hang" ]; then
                  sleep 300 &
                  echo $! > "$T/child-$SEED"
                  wait
                fi
                {CopyManifest}
                """);
            // Two at a time: seed 0 ends, seeds 1 and 2 hang, so seed 3 waits for a free slot when the interrupt comes.
            string[] sweep = { "run", "--seeds", "0..3", "--parallel", "2", "--out", temp["sweep"], "--", script };
            using var interrupt = new CancellationTokenSource();

            Task<ToolResult> running = Tool.RunAsync(interrupt.Token, sweep);
            Repository.WaitUntil(
                () => File.Exists(SweepFolder.StatusPath(temp["sweep"], 0)) && File.Exists(temp["child-1"]) && File.Exists(temp["child-2"]),
                "seed 0 finished and seeds 1 and 2 hang");
            interrupt.Cancel();
            ToolResult stopped = await running;

            Assert.True(stopped.ExitCode == 130, stopped.ToString());
            Assert.Contains("interrupted: seeds 1..3 did not finish; run the same command again to resume", stopped.Output);
            Assert.Equal(RunOutcome.Succeeded, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 0)).Outcome);
            Assert.Equal(RunOutcome.Cancelled, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 1)).Outcome);
            Assert.Equal(RunOutcome.Cancelled, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 2)).Outcome);
            Assert.False(File.Exists(SweepFolder.StatusPath(temp["sweep"], 3)), "seed 3 must not start after the interrupt");
            Assert.False(Processes.IsAlive(int.Parse(File.ReadAllText(temp["child-1"]).Trim())));
            Assert.False(Processes.IsAlive(int.Parse(File.ReadAllText(temp["child-2"]).Trim())));

            File.Delete(temp["hang"]);
            ToolResult resumed = await Tool.RunAsync(sweep);
            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.Equal(new[] { "0", "1", "1", "2", "2", "3" }, File.ReadAllLines(temp["runs"]).OrderBy(line => line));
        }

        [Theory]
        [InlineData("INT")]
        [InlineData("TERM")]
        public async Task ASignalStopsTheToolCleanly(string signal)
        {
            using var temp = Prepare(0..3);
            string script = temp.Script("train.sh", $"""
                if [ "$SEED" != 0 ]; then
                  sleep 300 &
                  echo $! > "$T/child-$SEED"
                  wait
                fi
                {CopyManifest}
                """);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string word in new[] { Tool.AssemblyPath, "run", "--seeds", "0..2", "--parallel", "3", "--out", temp["sweep"], "--", script })
            {
                start.ArgumentList.Add(word);
            }

            using Process tool = Process.Start(start)!;
            Task<string> output = tool.StandardOutput.ReadToEndAsync();
            Task<string> error = tool.StandardError.ReadToEndAsync();
            Repository.WaitUntil(
                () => File.Exists(SweepFolder.StatusPath(temp["sweep"], 0)) && File.Exists(temp["child-1"]) && File.Exists(temp["child-2"]),
                "seed 0 finished and seeds 1 and 2 hang");
            Assert.Equal(0, Repository.Run(temp.Path, "kill", new[] { "-" + signal, tool.Id.ToString() }).ExitCode);

            Assert.True(tool.WaitForExit(60_000), "the tool did not stop after SIG" + signal);
            string stderr = await error;
            Assert.True(tool.ExitCode == 130, $"exit {tool.ExitCode}\n{await output}\n{stderr}");
            Assert.Contains("seedsweep: stopping: killing the running seeds; finished seeds are kept", stderr);
            Assert.Equal(RunOutcome.Succeeded, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 0)).Outcome);
            Assert.Equal(RunOutcome.Cancelled, RunStatus.Read(SweepFolder.StatusPath(temp["sweep"], 1)).Outcome);
            Assert.False(Processes.IsAlive(int.Parse(File.ReadAllText(temp["child-1"]).Trim())));
            Assert.False(Processes.IsAlive(int.Parse(File.ReadAllText(temp["child-2"]).Trim())));
        }

        [Fact]
        public void OnATerminalAStatusLineShowsProgressUnderTheEventLines()
        {
            var screen = new StringWriter();
            using (var progress = new SweepProgress(screen, live: true, total: 3))
            {
                progress.Started(4);
                progress.Started(5);
                progress.Finished(4, "succeeded in 1.0 s", succeeded: true);
            }

            string text = screen.ToString();
            Assert.Contains("\r\u001b[Kseed 5 started\n[0/3 done, 0 failed] running: 4, 5  0:00:0", text);
            Assert.Contains("\r\u001b[K[1/3] seed 4 succeeded in 1.0 s\n[1/3 done, 0 failed] running: 5  0:00:0", text);
            Assert.EndsWith("\r\u001b[K", text);

            var log = new StringWriter();
            using (var progress = new SweepProgress(log, live: false, total: 1))
            {
                progress.Started(4);
                progress.Finished(4, "FAILED: exit code 1", succeeded: false);
            }

            Assert.Equal("seed 4 started\n[1/1] seed 4 FAILED: exit code 1\n", log.ToString().Replace("\r\n", "\n"));
        }

        /// <summary>A temporary folder with templates/seed-N.json for the seeds.</summary>
        private static TempFolder Prepare(Range seeds)
        {
            var temp = new TempFolder();
            Directory.CreateDirectory(temp["templates"]);
            for (int seed = seeds.Start.Value; seed < seeds.End.Value; seed++)
            {
                File.WriteAllText(Path.Combine(temp["templates"], $"seed-{seed}.json"), Manifests.Json(seed, Manifests.Accuracy(0.8 + (seed / 100.0))));
            }

            return temp;
        }
    }
}
