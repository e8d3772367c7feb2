using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.SweepTool.Tests
{
    /// <summary>
    /// The issue's acceptance test: a process sweep of samples/RandomSplit.Fixed, reported from its manifests, prints
    /// the table of the in-process sweep the sample prints itself. The sample runs from a copy of the build the
    /// solution build made (no build here, so nothing races other test assemblies that build or pack); the
    /// documented `dotnet run` form runs in ReadmeCommandsTests.
    /// </summary>
    public class SampleSweepTests
    {
        [Fact]
        public async Task ProcessSweepOfTheSampleReportsTheTableOfItsInProcessSweep()
        {
            using var temp = new TempFolder();
            string sample = CopySample(temp["sample"]);

            ToolResult run = await Tool.RunAsync("run", "--seeds", "0..9", "--parallel", "2", "--out", temp["sweep"], "--", "dotnet", sample);
            ToolResult report = await Tool.RunAsync("report", temp["sweep"]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("seedsweep: 10 of 10 seeds succeeded", run.Output);
            Assert.True(report.ExitCode == 0, report.ToString());
            string inProcess = InProcessTable(File.ReadAllText(SweepFolder.LogPath(temp["sweep"], 0)));
            Assert.Equal(inProcess, InProcessTable(report.Output));
            Assert.Contains("      7 |        0.8675 | ", report.Output);

            // docs/sweeps.md shows this report for the folder the documented command writes.
            string docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "sweeps.md")).Replace("\r\n", "\n");
            Match shown = Regex.Match(docs, "```text\n(accuracy over 10 seeds in sweep\n.*?)```", RegexOptions.Singleline);
            Assert.True(shown.Success, "docs/sweeps.md shows no report of the sample sweep");
            Assert.Equal(shown.Groups[1].Value.TrimEnd(), report.Output.Replace(" in " + temp["sweep"], " in sweep").Replace("\r\n", "\n").TrimEnd());
        }

        /// <summary>The sweep table: from its header to the line that places the chosen seed.</summary>
        internal static string InProcessTable(string output)
        {
            Match table = Regex.Match(output.Replace("\r\n", "\n"), @"^  seed  \|        metric \| note\n(?:.*\n)*?seed -?\d+: metric .*\n", RegexOptions.Multiline);
            Assert.True(table.Success, "no sweep table in:\n" + output);
            return table.Value;
        }

        /// <summary>A copy of the sample's build, so a build elsewhere cannot change it under a running sweep.</summary>
        private static string CopySample(string folder)
        {
            string built = Path.GetDirectoryName(Repository.SampleAssembly)!;
            Assert.True(File.Exists(Repository.SampleAssembly), $"build the solution first: no {Repository.SampleAssembly}");
            foreach (string file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(folder, Path.GetRelativePath(built, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return Path.Combine(folder, Path.GetFileName(Repository.SampleAssembly));
        }
    }
}
