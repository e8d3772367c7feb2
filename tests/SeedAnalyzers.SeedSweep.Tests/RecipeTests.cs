using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>
    /// The cluster recipes in docs/recipes: their shell parts run here as the scheduler would run them (the variable
    /// it sets, the recipe's own lines), against a stand-in for the training command, and report reads the folder
    /// they fill. What only the scheduler reads (array size, matrix, volume) is checked against the rest.
    /// </summary>
    public class RecipeTests
    {
        private static readonly string Recipes = Path.Combine(Repository.Root, "docs", "recipes");

        [Fact]
        public async Task SlurmArrayTasksWriteTheirManifestsAndLogsWhereReportReadsThem()
        {
            using var temp = Prepare(3, out string trainer);
            string script = Path.Combine(Recipes, "slurm.sh");
            for (int task = 0; task < 3; task++)
            {
                ToolResult result = Repository.Run(temp.Path, "bash", new[] { script, trainer, "--epochs", "2" }, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = task.ToString(), ["SWEEP_DIR"] = null });
                Assert.True(result.ExitCode == 0, result.ToString());
                Assert.Contains($"training with SEED={task} --epochs 2", result.Output);
            }

            // Slurm writes the task's output to --output, with %a the array index: the log run would write.
            string output = Regex.Match(File.ReadAllText(script), @"^#SBATCH --output=(\S+)$", RegexOptions.Multiline).Groups[1].Value;
            Assert.Equal(Path.Combine("sweep", "seed-2.log"), output.Replace("%a", "2"));
            Assert.Equal(SweepFolder.LogPath("sweep", 2), output.Replace("%a", "2"));

            ToolResult report = await Tool.RunAsync("report", temp["sweep"], "--seeds", "0..2");
            Assert.True(report.ExitCode == 0, report.ToString());
            Assert.Contains("runs 3, succeeded 3, failed 0", report.Output);
        }

        [Fact]
        public void SlurmScriptRefusesToRunOutsideAnArrayAndPassesTheExitCodeOn()
        {
            using var temp = Prepare(1, out string trainer);
            string script = Path.Combine(Recipes, "slurm.sh");

            ToolResult notArray = Repository.Run(temp.Path, "bash", new[] { script, trainer }, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = null });
            ToolResult noCommand = Repository.Run(temp.Path, "bash", new[] { script }, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "0" });
            ToolResult failing = Repository.Run(temp.Path, "bash", new[] { script, trainer, "--fail" }, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "0", ["SWEEP_DIR"] = temp["elsewhere"] });

            Assert.NotEqual(0, notArray.ExitCode);
            Assert.Contains("submit this script as a job array: sbatch --array=0-9", notArray.Error);
            Assert.Equal(2, noCommand.ExitCode);
            Assert.Contains("usage: sbatch --array=0-9 slurm.sh COMMAND", noCommand.Error);
            Assert.Equal(3, failing.ExitCode);
            Assert.True(File.Exists(SweepFolder.ManifestPath(temp["elsewhere"], 0)), "SWEEP_DIR names the folder");

            // sbatch reads #SBATCH lines only up to the first command.
            string[] lines = File.ReadAllLines(script);
            int firstCommand = Array.FindIndex(lines, line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'));
            Assert.True(Array.FindLastIndex(lines, line => line.StartsWith("#SBATCH", StringComparison.Ordinal)) < firstCommand);
        }

        [Fact]
        public async Task KubernetesIndexedJobPodsWriteTheirManifestsWhereReportReadsThem()
        {
            string[] yaml = File.ReadAllLines(Path.Combine(Recipes, "k8s-indexed-job.yaml"));
            Assert.Contains(yaml, line => line.Trim() == "completionMode: Indexed");
            Assert.Contains(yaml, line => line.Trim() == "restartPolicy: Never");
            int completions = int.Parse(Value(yaml, "completions"));
            Assert.Equal(Value(yaml, "value"), Value(yaml, "mountPath"));

            int command = Array.FindIndex(yaml, line => line.Trim() == "command:");
            Assert.Equal(new[] { "- sh", "- -c", "- |" }, yaml.Skip(command + 1).Take(3).Select(line => line.Trim()));
            string script = LiteralBlock(yaml, command + 3, out int next);
            string name = yaml[next].Trim().TrimStart('-').Trim();

            using var temp = Prepare(completions, out string trainer);
            for (int index = 0; index < completions; index++)
            {
                ToolResult result = Repository.Run(temp.Path, "sh", new[] { "-c", script, name, trainer }, new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = index.ToString(), ["SWEEP_DIR"] = temp["sweep"] });
                Assert.True(result.ExitCode == 0, result.ToString());
                Assert.Contains($"training with SEED={index}", result.Output);
            }

            ToolResult report = await Tool.RunAsync("report", temp["sweep"], "--seeds", $"0..{completions - 1}");
            Assert.True(report.ExitCode == 0, report.ToString());
            Assert.Contains($"runs {completions}, succeeded {completions}, failed 0", report.Output);
        }

        [Fact]
        public async Task GitHubMatrixJobsWriteWhatTheReportJobReadsForTheSameSeeds()
        {
            string[] yaml = File.ReadAllLines(Path.Combine(Recipes, "github-matrix.yml"));
            long[] matrix = Regex.Match(string.Join("\n", yaml), @"seed: \[([^\]]*)\]").Groups[1].Value.Split(',').Select(seed => long.Parse(seed.Trim())).ToArray();
            string reportLine = yaml.Single(line => line.TrimStart().StartsWith("dotnet seedsweep report", StringComparison.Ordinal));
            Assert.Equal(matrix, SeedList.Parse(Regex.Match(reportLine, @"--seeds (\S+)").Groups[1].Value));
            Assert.Equal("sweep", Value(yaml, "SWEEP_DIR"));
            Assert.Contains("dotnet seedsweep report sweep ", reportLine);

            int train = Array.FindIndex(yaml, line => line.Contains("- name: Train with SEED=", StringComparison.Ordinal));
            int run = Array.FindIndex(yaml, train, line => line.Trim() == "run: |");
            const string Training = "dotnet run -c Release --project samples/RandomSplit.Fixed";
            string step = LiteralBlock(yaml, run, out _);
            Assert.Contains(Training, step);

            using var temp = Prepare(2, out string trainer);
            string stepScript = Path.Combine(temp.Path, "step.sh");
            for (int seed = 0; seed < 2; seed++)
            {
                // What GitHub runs for `shell: bash`, with the sample replaced by the stand-in.
                File.WriteAllText(stepScript, step.Replace(Training, trainer + (seed == 1 ? " --fail" : string.Empty)));
                ToolResult result = Repository.Run(temp.Path, "bash", new[] { "--noprofile", "--norc", "-eo", "pipefail", stepScript }, new Dictionary<string, string?> { ["SEED"] = seed.ToString(), ["SWEEP_DIR"] = "sweep" });
                Assert.Equal(seed == 1 ? 3 : 0, result.ExitCode);
                Assert.Contains($"training with SEED={seed}", File.ReadAllText(SweepFolder.LogPath(temp["sweep"], seed)));
            }

            ToolResult report = await Tool.RunAsync("report", temp["sweep"], "--seeds", "0..1");
            Assert.True(report.ExitCode == 1, report.ToString());
            Assert.Contains("runs 2, succeeded 1, failed 1", report.Output);
            Assert.Contains("      1 |             - | FAILED: no result 'accuracy' (it recorded none)", report.Output);
            Assert.Matches(@"  - seed 1: no result 'accuracy' \(it recorded none\) in '.*seed-1\.manifest\.json' \(log '.*seed-1\.log'\)", report.Output);
        }

        /// <summary>
        /// A folder with the stand-in for the training command: it prints its SEED and arguments, writes the manifest the
        /// runtime would (with an accuracy), or, given --fail, the manifest of a run that crashed before recording one.
        /// </summary>
        private static TempFolder Prepare(int seeds, out string trainer)
        {
            var temp = new TempFolder();
            Directory.CreateDirectory(temp["templates"]);
            for (int seed = 0; seed < seeds; seed++)
            {
                File.WriteAllText(Path.Combine(temp["templates"], $"seed-{seed}.json"), Manifests.Json(seed, Manifests.Accuracy(0.8 + (seed / 100.0))));
                File.WriteAllText(Path.Combine(temp["templates"], $"crashed-{seed}.json"), Manifests.Json(seed, new Dictionary<string, double>()));
            }

            trainer = temp.Script("trainer.sh", """
                echo "training with SEED=$SEED $*"
                if [ "$1" = "--fail" ]; then cp "$T/templates/crashed-$SEED.json" "$SEED_MANIFEST"; exit 3; fi
                cp "$T/templates/seed-$SEED.json" "$SEED_MANIFEST"
                """);
            return temp;
        }

        /// <summary>The value of the first "key: value" line (quotes and a trailing comment left out).</summary>
        private static string Value(string[] yaml, string key)
        {
            string line = yaml.First(line => Regex.IsMatch(line, $@"^\s*(- )?{Regex.Escape(key)}:\s"));
            return Regex.Replace(line.Substring(line.IndexOf(':') + 1), @"\s+#.*$", string.Empty).Trim().Trim('"');
        }

        /// <summary>The YAML literal block ("|") that starts after line <paramref name="header"/>, without its indentation.</summary>
        private static string LiteralBlock(string[] yaml, int header, out int next)
        {
            int indent = yaml[header + 1].Length - yaml[header + 1].TrimStart().Length;
            Assert.True(indent > yaml[header].Length - yaml[header].TrimStart().Length, "the block after line " + (header + 1) + " is not indented");
            var block = new List<string>();
            for (next = header + 1; next < yaml.Length && (yaml[next].Trim().Length == 0 || yaml[next].Length - yaml[next].TrimStart().Length >= indent); next++)
            {
                block.Add(yaml[next].Length >= indent ? yaml[next][indent..] : string.Empty);
            }

            return string.Join("\n", block) + "\n";
        }
    }
}
