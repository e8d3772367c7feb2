using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>seedsweep report against folders of manifests the runtime wrote, damaged on purpose where a test says so.</summary>
    public class ReportTests
    {
        private static readonly double[] Accuracies = { 0.88, 0.92, 0.9075, 0.91, 0.8975, 0.91, 0.915, 0.8675, 0.9125, 0.8725 };

        [Fact]
        public async Task AFolderOfManifestsPrintsTheTableAndPlotOfTheInProcessSweep()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], Enumerable.Range(0, 10));

            ToolResult result = await Tool.RunAsync("report", temp["sweep"], "--svg", temp["plot.svg"]);

            SeedSweepResult inProcess = Manifests.Locked(() => SeedSweep.Run(Enumerable.Range(0, 10), seed => Accuracies[seed]));
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("accuracy over 10 seeds in ", result.Output);
            Assert.Contains(inProcess.ToTable(inProcess.Best().Seed), result.Output);
            Assert.Equal(inProcess.ToSvg(inProcess.Best().Seed, "accuracy"), File.ReadAllText(temp["plot.svg"]));
            Assert.DoesNotContain("flagged", result.Output);
        }

        [Fact]
        public async Task ARunWithoutTheMetricIsAFailedRowAndIsFlagged()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], new[] { 0, 1, 2, 4 });
            Manifests.Write(temp["sweep"], 3, new Dictionary<string, double> { ["loss"] = 0.3 });
            Manifests.Write(temp["sweep"], 5, new Dictionary<string, double> { ["accuracy"] = double.NaN });

            ToolResult result = await Tool.RunAsync("report", temp["sweep"], "--metric", "accuracy");

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      3 |             - | FAILED: no result 'accuracy' (it recorded loss)", result.Output);
            Assert.Contains("      5 |             - | FAILED: accuracy is NaN (diverged?)", result.Output);
            Assert.Contains("runs 6, succeeded 4, failed 2", result.Output);
            Assert.Contains("  - seed 3: no result 'accuracy' (it recorded loss) in '", result.Output);
            Assert.Contains("seed-3.manifest.json'", result.Output);
        }

        [Fact]
        public async Task UnreadableManifestsAreNamedAndTheValidOnesStillReported()
        {
            using var temp = new TempFolder();
            string sweep = temp["sweep"];
            WriteSweep(sweep, new[] { 0, 1, 3 });
            File.WriteAllText(SweepFolder.ManifestPath(sweep, 2), "{ \"format\": \"seedanalyzers-manifest/2\", \"masterSeed\": ");
            string future = Manifests.Json(4, Manifests.Accuracy(0.5)).Replace("seedanalyzers-manifest/2", "seedanalyzers-manifest/9");
            File.WriteAllText(SweepFolder.ManifestPath(sweep, 4), future);
            File.WriteAllText(Path.Combine(sweep, "notes.manifest.json"), "not json");

            ToolResult result = await Tool.RunAsync("report", sweep);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      2 |             - | FAILED: unreadable manifest", result.Output);
            Assert.Contains("      4 |             - | FAILED: unreadable manifest", result.Output);
            Assert.Contains("runs 5, succeeded 3, failed 2", result.Output);
            Assert.Matches(@"  - The seed manifest '.*seed-2\.manifest\.json' is not valid JSON", result.Output);
            Assert.Matches(@"  - The seed manifest '.*seed-4\.manifest\.json' is in format 'seedanalyzers-manifest/9'", result.Output);
            Assert.Matches(@"  - The seed manifest '.*notes\.manifest\.json' is not valid JSON", result.Output);
        }

        [Fact]
        public async Task ASeedInSeveralManifestsCountsOnceFromTheNewestAndIsFlagged()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], new[] { 0, 2 });
            string older = Manifests.Write(Path.Combine(temp["sweep"], "first-try"), 1, Manifests.Accuracy(0.5));
            await Task.Delay(20);
            string newer = Manifests.Write(Path.Combine(temp["sweep"], "second-try"), 1, Manifests.Accuracy(0.6));

            ToolResult result = await Tool.RunAsync("report", temp["sweep"]);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      1 |           0.6 | ", result.Output);
            Assert.Contains("runs 3, succeeded 3, failed 0", result.Output);
            Assert.Contains($"  - seed 1 has 2 manifests ('{older}', '{newer}'); using the newest, '{newer}'", result.Output);
        }

        [Fact]
        public async Task ExpectedSeedsWithoutAManifestAreFailedRowsAndOthersAreLeftOut()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], new[] { 0, 1, 2, 7 });

            ToolResult result = await Tool.RunAsync("report", temp["sweep"], "--seeds", "0..4");

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      3 |             - | FAILED: no manifest", result.Output);
            Assert.Contains("      4 |             - | FAILED: no manifest", result.Output);
            Assert.DoesNotContain("      7 |", result.Output);
            Assert.Contains("  - seeds 3..4 have no manifest in the folder (never ran, or not copied back)", result.Output);
            Assert.Contains("  - seed 7 is in the folder but not in --seeds; left out", result.Output);
        }

        [Fact]
        public async Task RunsThatDisagreeOnRuntimeOrSettingsAreFlagged()
        {
            using var temp = new TempFolder();
            string sweep = temp["sweep"];
            Directory.CreateDirectory(sweep);
            for (int seed = 0; seed < 6; seed++)
            {
                string json = Manifests.Json(seed, Manifests.Accuracy(Accuracies[seed]), threads: seed == 4 ? "8" : "4");
                File.WriteAllText(SweepFolder.ManifestPath(sweep, seed), seed == 5 ? ReplaceField(json, "runtime", ".NET 8.0.11") : json);
            }

            ToolResult result = await Tool.RunAsync("report", sweep);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("runs 6, succeeded 6, failed 0", result.Output);
            Assert.Matches(@"  - the runs disagree on the runtime: '\.NET [^']+' in seeds 0\.\.4; '\.NET 8\.0\.11' in seed 5", result.Output);
            Assert.Contains("  - the runs disagree on setting torch.threads: '4' in seeds 0..3, 5; '8' in seed 4", result.Output);
        }

        [Fact]
        public async Task StatusFilesFromRunMarkFailuresAndInterruptedSeeds()
        {
            using var temp = new TempFolder();
            string sweep = temp["sweep"];
            WriteSweep(sweep, new[] { 0, 1, 2, 3 });
            string[] command = { "./train.sh" };
            new RunStatus(0, RunOutcome.Succeeded, 0, string.Empty, DateTimeOffset.UtcNow, 1, command).Write(SweepFolder.StatusPath(sweep, 0));
            new RunStatus(1, RunOutcome.Failed, 1, "exit code 1", DateTimeOffset.UtcNow, 1, command).Write(SweepFolder.StatusPath(sweep, 1));
            new RunStatus(2, RunOutcome.Cancelled, null, "interrupted", DateTimeOffset.UtcNow, 1, command).Write(SweepFolder.StatusPath(sweep, 2));
            new RunStatus(4, RunOutcome.TimedOut, null, "timed out after 1s; killed with its child processes", DateTimeOffset.UtcNow, 1, command).Write(SweepFolder.StatusPath(sweep, 4));

            ToolResult result = await Tool.RunAsync("report", sweep);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      1 |             - | FAILED: exit code 1", result.Output);
            Assert.DoesNotContain("      2 |", result.Output);
            Assert.Contains("      4 |             - | FAILED: timed out after 1s; killed with its child processes", result.Output);
            Assert.Contains("runs 4, succeeded 2, failed 2", result.Output);
            Assert.Contains("  - seed 2 was interrupted before it finished and has no result; run the sweep again to resume it", result.Output);
            Assert.Matches(@"  - seed 1: exit code 1 \(log '.*seed-1\.log'\)", result.Output);
        }

        [Fact]
        public async Task AManifestOfAnotherSeedThanItsNameIsCaught()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], new[] { 0, 1 });
            File.Copy(SweepFolder.ManifestPath(temp["sweep"], 0), SweepFolder.ManifestPath(temp["sweep"], 2));

            ToolResult result = await Tool.RunAsync("report", temp["sweep"]);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("      2 |             - | FAILED: ran with master seed 0, not its SEED", result.Output);
            Assert.Contains("seed-2.manifest.json' records master seed 0 (source Code), not the SEED=2 the run was given", result.Output);
        }

        [Fact]
        public async Task AManifestThatEndsInAnInProcessSweepRunIsExplained()
        {
            using var temp = new TempFolder();
            Directory.CreateDirectory(temp["sweep"]);
            string json = string.Empty;
            Manifests.Locked(() => SeedSweep.Run(new[] { 9 }, _ => { json = Determinism.Manifest.ToJson(); return 0.5; }));
            File.WriteAllText(SweepFolder.ManifestPath(temp["sweep"], 3), json);

            ToolResult result = await Tool.RunAsync("report", temp["sweep"]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(
                "seed-3.manifest.json' records master seed 9 (source Sweep), not the SEED=3 the run was given: the program's last seed " +
                "was set by an in-process SeedSweep.Run run that never ended (the process stopped inside it, or an older runtime " +
                "did not put the program's manifest back)",
                result.Output);
        }

        [Fact]
        public async Task EveryMetricGetsATableAndThePlotNeedsOneChosen()
        {
            using var temp = new TempFolder();
            for (int seed = 0; seed < 3; seed++)
            {
                Manifests.Write(temp["sweep"], seed, new Dictionary<string, double> { ["accuracy"] = Accuracies[seed], ["loss"] = seed / 10.0 });
            }

            ToolResult both = await Tool.RunAsync("report", temp["sweep"]);
            ToolResult plotOfBoth = await Tool.RunAsync("report", temp["sweep"], "--svg", temp["plot.svg"]);
            ToolResult loss = await Tool.RunAsync("report", temp["sweep"], "--metric", "loss", "--svg", temp["plot.svg"]);

            Assert.True(both.ExitCode == 0, both.ToString());
            Assert.Contains("accuracy over 3 seeds", both.Output);
            Assert.Contains("loss over 3 seeds", both.Output);
            Assert.Equal(2, plotOfBoth.ExitCode);
            Assert.Contains("--svg draws one metric and the runs record 2 (accuracy, loss); choose one with --metric", plotOfBoth.Error);
            Assert.True(loss.ExitCode == 0, loss.ToString());
            Assert.DoesNotContain("accuracy", loss.Output);
            Assert.Contains("loss over 3 seeds over", File.ReadAllText(temp["plot.svg"]).Replace("loss over 3 seeds:", "loss over 3 seeds over"));
        }

        [Fact]
        public async Task TheMarkedSeedIsTheBestByDefaultNoneOrTheOneGiven()
        {
            using var temp = new TempFolder();
            WriteSweep(temp["sweep"], Enumerable.Range(0, 4));

            ToolResult best = await Tool.RunAsync("report", temp["sweep"]);
            ToolResult none = await Tool.RunAsync("report", temp["sweep"], "--chosen", "none");
            ToolResult three = await Tool.RunAsync("report", temp["sweep"], "--chosen", "3");
            ToolResult absent = await Tool.RunAsync("report", temp["sweep"], "--chosen", "42");

            Assert.Contains("      1 |          0.92 | <- chosen", best.Output);
            Assert.Contains("seed 1: metric 0.92 ranks 1 from the top", best.Output);
            Assert.DoesNotContain("<- chosen", none.Output);
            Assert.Contains("      3 |          0.91 | <- chosen", three.Output);
            Assert.Contains("seed 3: metric 0.91 ranks 2 from the top", three.Output);
            Assert.Equal(1, absent.ExitCode);
            Assert.Contains("  - --chosen 42: seed 42 has no accuracy in this sweep", absent.Output);
        }

        [Fact]
        public async Task NothingToReportExitsWithTwoAndSaysWhy()
        {
            using var temp = new TempFolder();
            Directory.CreateDirectory(temp["empty"]);
            Manifests.Write(temp["no-results"], 0, new Dictionary<string, double>());

            Manifests.Write(temp["sweep"], 0, Manifests.Accuracy(0.5));

            ToolResult missing = await Tool.RunAsync("report", temp["nowhere"]);
            ToolResult empty = await Tool.RunAsync("report", temp["empty"]);
            ToolResult noResults = await Tool.RunAsync("report", temp["no-results"]);
            ToolResult typo = await Tool.RunAsync("report", temp["sweep"], "--metric", "acuracy");

            Assert.Equal((2, 2, 2, 2), (missing.ExitCode, empty.ExitCode, noResults.ExitCode, typo.ExitCode));
            Assert.Contains("seedsweep: nothing to report: no run recorded 'acuracy'; they record accuracy", typo.Output);
            Assert.Contains($"seedsweep: there is no sweep folder '{temp["nowhere"]}'", missing.Error);
            Assert.Contains("nothing to report: no seed manifest (*.manifest.json) in", empty.Output);
            Assert.Contains("nothing to report: no run recorded a result; record one with Determinism.RecordResult(\"accuracy\", value)", noResults.Output);
        }

        private static void WriteSweep(string folder, IEnumerable<int> seeds)
        {
            foreach (int seed in seeds)
            {
                Manifests.Write(folder, seed, Manifests.Accuracy(Accuracies[seed]));
            }
        }

        /// <summary>The manifest with one string field changed, as a run on another machine would have written it.</summary>
        private static string ReplaceField(string json, string field, string value)
        {
            int start = json.IndexOf($"\"{field}\": \"", StringComparison.Ordinal) + field.Length + 5;
            int end = json.IndexOf('"', start);
            Assert.True(start > field.Length + 5 && end > start, $"no \"{field}\" in {json}");
            return json[..start] + value + json[end..];
        }
    }
}
