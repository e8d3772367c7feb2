using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// Every shell command shown in README.md and the docs runs here, and what the docs say it prints is checked, so
    /// the docs cannot rot. A command without an expectation below fails the test.
    /// <para>
    /// What a command prints must not depend on what ran before it: the README's first command builds the sample, and
    /// a second, up-to-date build of it prints no warnings. So each command runs in the test copy of the repository
    /// (<see cref="TestRepository"/>: never the user's tree, where anything may have run), and a <c>dotnet build</c>
    /// starts there with every sample unbuilt, so the sample it names compiles and shows its diagnostics. The libraries
    /// under src/ stay built between commands: their builds print nothing either way (warnings are errors there); a
    /// <c>dotnet run</c> prints what the program prints, built before or not.
    /// </para>
    /// </summary>
    public class ReadmeCommandsTests
    {
        /// <summary>What each documented command must print; null output check means exit code 0 is enough.</summary>
        private static readonly Dictionary<string, Action<CommandResult, string>> Expectations = new()
        {
            ["dotnet build samples/RandomSplit"] = (result, _) =>
            {
                foreach (string id in new[] { "SEED001", "SEED002", "SEED003" })
                {
                    Assert.Matches(new Regex($@"warning {id}: .*\(https://\S*/docs/rules/{id}\.md\)"), result.Output);
                }
            },
            ["dotnet build samples/TorchTraining"] = (result, _) =>
            {
                foreach (string id in new[] { "SEED001", "SEED020", "SEED024", "SEED030", "SEED031" })
                {
                    Assert.Matches(new Regex($@"warning {id}: .*\(https://\S*/docs/rules/{id}\.md\)"), result.Output);
                }

                Assert.Contains("warning SEED020: 'nn.Linear(features, 32)' draws from torch's global generator", result.Output);
                Assert.Contains("warning SEED020: 'nn.Dropout(0.2)'", result.Output);
                Assert.Contains("warning SEED030: 'torch.backends.cudnn.allow_tf32 = true'", result.Output);
                Assert.Contains("warning SEED031: 'torch.CUDA' uses CUDA", result.Output);
            },
            ["dotnet run --project samples/RandomSplit.Fixed"] = (result, _) =>
            {
                Assert.Contains("seed 0: train 1600, test 400, threshold 0.6288, accuracy 88.00 %", result.Output);
                Assert.Contains("reproducible: all 2 runs bitwise identical (seed 0)", result.Output);
            },
            ["SEED=7 dotnet run --project samples/RandomSplit.Fixed"] = (result, _) =>
                Assert.Contains("seed 7: train 1600, test 400, threshold 0.6192, accuracy 86.75 %", result.Output),
            ["dotnet run --project samples/RandomSplit.Fixed -- --svg docs/images/sweep.svg"] = (result, temp) =>
            {
                // Run into a temporary file: the committed picture must be exactly what the command draws.
                Assert.Equal(File.ReadAllText(Path.Combine(TestRepository.Source, "docs/images/sweep.svg")), File.ReadAllText(Path.Combine(temp, "sweep.svg")));
            },
            ["dotnet build samples/MLNetSplit"] = (result, _) =>
                Assert.Matches(new Regex(@"warning SEED040: 'new MLContext\(\)' .*\(https://\S*/docs/rules/SEED040\.md\)"), result.Output),
            ["dotnet build samples/MathNetSimulation"] = (result, _) =>
            {
                foreach (string id in new[] { "SEED045", "SEED046" })
                {
                    Assert.Matches(new Regex($@"warning {id}: .*\(https://\S*/docs/rules/{id}\.md\)"), result.Output);
                }
            },
            ["dotnet run --project samples/MLNetSplit.Fixed"] = (result, _) =>
                Assert.Contains("seed 0: first test customer's tenure 57, accuracy 0.935798, AUC 0.987980", result.Output),
            ["dotnet run --project samples/MathNetSimulation.Fixed"] = (result, _) =>
                Assert.Contains("seed 0: price 7.016350, 95% interval [6.841600, 7.190255], stressed 4.068697", result.Output),
            ["dotnet pack -c Release -o artifacts"] = (result, temp) =>
            {
                string[] packages = Directory.GetFiles(Path.Combine(temp, "artifacts"), "*.nupkg").Select(path => Path.GetFileName(path)!).OrderBy(name => name, StringComparer.Ordinal).ToArray();
                string[] expected = PackageContentTests.Ids.Select(id => $"{id}.{TestRepository.Shared.Version}.nupkg").OrderBy(name => name, StringComparer.Ordinal).ToArray();
                Assert.Equal(expected, packages);

                // The tool installs from the folder and answers as `dotnet seedsweep` (its own package cache: no stale copy).
                CommandResult install = Command.Run(temp, "bash", "-c \"NUGET_PACKAGES=\\\"$PWD/nuget\\\" dotnet tool install SeedAnalyzers.SeedSweep --tool-path tools --add-source artifacts && PATH=\\\"$PWD/tools:$PATH\\\" dotnet seedsweep --version\"");
                Assert.True(install.ExitCode == 0, install.Output);
                Assert.Matches(@"seedsweep \d+\.\d+\.\d+", install.Output);
            },
            ["dotnet build samples/RandomSplit.Fixed"] = (result, _) => Assert.Contains("Build succeeded", result.Output),
            ["dotnet seedsweep run --seeds 0..9 --parallel 2 -- dotnet run --project samples/RandomSplit.Fixed"] = (result, _) =>
                Assert.Contains("seedsweep: 10 of 10 seeds succeeded", result.Output),
            ["dotnet seedsweep report"] = (result, _) =>
                Assert.Equal(SweepTable(File.ReadAllText(Path.Combine(TestRepository.Shared.Root, "sweep", "seed-0.log"))), SweepTable(result.Output)),
            ["dotnet run -c Release --project tests/SeedAnalyzers.Benchmarks -- --filter '*' --job short"] = (result, _) =>
                Assert.Contains("ForIndexThenDraw", result.Output),
        };

        private const string SeedSweepCommand = "dotnet seedsweep ";

        /// <summary>The command that runs this very test; running it here would recurse.</summary>
        private const string TestCommand = "bash .ci/test.sh";

        /// <summary>The Markdown files whose commands and advice are checked: what a user reads, here and on a package page.</summary>
        private static IEnumerable<string> DocumentFiles() =>
            new[] { "README.md" }
                .Concat(Directory.GetFiles(Path.Combine(TestRepository.Source, "docs"), "*.md", SearchOption.AllDirectories)
                    .Concat(Directory.GetFiles(Path.Combine(TestRepository.Source, "src"), "PACKAGE.md", SearchOption.AllDirectories))
                    .Select(path => Path.GetRelativePath(TestRepository.Source, path))
                    .OrderBy(path => path, StringComparer.Ordinal));

        public static IEnumerable<object[]> DocumentedCommands() =>
            DocumentFiles().SelectMany(file => ShellCommands(File.ReadAllText(Path.Combine(TestRepository.Source, file))).Select(command => new object[] { file, command }));

        [Theory]
        [MemberData(nameof(DocumentedCommands))]
        public void DocumentedCommandWorksAsDescribed(string file, string command)
        {
            if (command == TestCommand)
            {
                Assert.Equal("README.md", file);
                Assert.Contains("bash .ci/test.sh", File.ReadAllText(Path.Combine(TestRepository.Source, ".ci/run")));
                return;
            }

            RunAsDocumented(file, command);
        }

        /// <summary>
        /// The README's order on one clone, the one that once failed: its first command, then this suite's check of
        /// that very command, which must still see the warnings the README shows.
        /// </summary>
        [Fact]
        public void ReadmeQuickStartInItsOrderOnOneClone()
        {
            string[] quickStart = ShellCommands(File.ReadAllText(Path.Combine(TestRepository.Source, "README.md"))).Take(2).ToArray();
            Assert.Equal(new[] { "dotnet build samples/RandomSplit", TestCommand }, quickStart);
            Command.Succeed(TestRepository.Shared.Root, "bash", $"-c \"{quickStart[0]}\"");
            RunAsDocumented("README.md", quickStart[0]);
        }

        /// <summary>
        /// <c>dotnet format</c> on a program project skips the libraries it references, where most diagnostics of a real
        /// solution are (FormatTests shows it): every place that tells users to run it names a solution, and every rule
        /// page with a code fix says so.
        /// </summary>
        [Fact]
        public void EveryDocumentedFormatCommandRunsOnASolution()
        {
            var mentions = new List<string>();
            foreach (string file in DocumentFiles())
            {
                string text = File.ReadAllText(Path.Combine(TestRepository.Source, file));
                string[] commands = Regex.Matches(text, @"dotnet format analyzers[^`\n]*").Select(match => match.Value).ToArray();
                Assert.All(commands, command => Assert.Matches(@"^dotnet format analyzers \S+\.slnx?\b", command));
                mentions.AddRange(commands.Select(command => file + ": " + command));
                if (file.StartsWith("docs/rules/", StringComparison.Ordinal) && Regex.IsMatch(text, @"^\| Code fix \| Yes", RegexOptions.Multiline))
                {
                    Assert.True(commands.Length > 0, $"{file} documents a code fix but not how to apply it to a solution");
                }
            }

            Assert.Contains(mentions, mention => mention.StartsWith("README.md: ", StringComparison.Ordinal));
        }

        /// <summary>Runs a documented command in the test copy, a build with every sample unbuilt, and checks what it printed.</summary>
        private static void RunAsDocumented(string file, string command)
        {
            Assert.True(Expectations.TryGetValue(command, out Action<CommandResult, string>? expect), $"{file} shows '{command}' but no test checks it: add an expectation");
            string root = TestRepository.Shared.Root;
            foreach (string sample in command.StartsWith("dotnet build ", StringComparison.Ordinal) ? Directory.GetDirectories(Path.Combine(root, "samples")) : Array.Empty<string>())
            {
                foreach (string output in new[] { "bin", "obj" }.Select(name => Path.Combine(sample, name)).Where(Directory.Exists))
                {
                    Directory.Delete(output, recursive: true);
                }
            }

            string temp = Directory.CreateTempSubdirectory("seedanalyzers-readme-").FullName;
            try
            {
                // Outputs go to a temporary folder; the benchmarks run once, in process (what is checked is that they
                // run, not their figures, and BenchmarkDotNet would otherwise build a project of its own).
                string runnable = command
                    .Replace("-o artifacts", $"-o \"{Path.Combine(temp, "artifacts")}\"")
                    .Replace("--svg docs/images/sweep.svg", $"--svg \"{Path.Combine(temp, "sweep.svg")}\"")
                    .Replace("--filter '*' --job short", "--filter '*DerivationBenchmarks*' --job dry --inProcess");
                if (command.StartsWith(SeedSweepCommand, StringComparison.Ordinal))
                {
                    // A sweep step needs what the lines before it in its block made (the build, the sweep folder); rows
                    // run in no fixed order, and a sweep run again resumes, so each step runs them first.
                    runnable = string.Concat(LinesBefore(File.ReadAllText(Path.Combine(TestRepository.Source, file)), command).Select(line => WithSeedSweepTool(line) + " > /dev/null && "))
                        + WithSeedSweepTool(runnable);
                }

                CommandResult result = Command.Run(root, "bash", $"-c \"{runnable.Replace("\"", "\\\"")}\"");
                Assert.True(result.ExitCode == 0, $"'{runnable}' exited {result.ExitCode}:\n{result.Output}");
                expect!(result, temp);
            }
            finally
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        [Fact]
        public void EveryDocumentedCommandIsFound()
        {
            var commands = DocumentedCommands().Select(row => (string)row[1]).ToList();
            Assert.Contains(TestCommand, commands);
            Assert.Contains("dotnet build samples/RandomSplit", commands);
            Assert.Equal(Expectations.Count + 1, commands.Distinct().Count());
        }

        /// <summary>
        /// The command with `dotnet seedsweep` run from the copy's build (the pack built it); the pack expectation checks
        /// that the packed tool installs and answers as `dotnet seedsweep`.
        /// </summary>
        private static string WithSeedSweepTool(string command)
        {
            if (!command.StartsWith(SeedSweepCommand, StringComparison.Ordinal))
            {
                return command;
            }

            string tool = Path.Combine(TestRepository.Shared.Root, "src", "SeedAnalyzers.SeedSweep", "bin", "Release", "net8.0", "SeedAnalyzers.SeedSweep.dll");
            Assert.True(File.Exists(tool), $"no {tool}: the pack of the test copy builds it");
            return $"dotnet \"{tool}\" " + command[SeedSweepCommand.Length..];
        }

        /// <summary>A SeedSweepResult table: from its header to the line that places the chosen seed.</summary>
        private static string SweepTable(string output)
        {
            Match table = Regex.Match(output.Replace("\r\n", "\n"), @"^  seed  \|        metric \| note\n(?:.*\n)*?seed -?\d+: metric .*\n", RegexOptions.Multiline);
            Assert.True(table.Success, "no sweep table in:\n" + output);
            return table.Value;
        }

        /// <summary>Lines of ```bash blocks, without trailing comments.</summary>
        private static IEnumerable<string> ShellCommands(string markdown) => ShellBlocks(markdown).SelectMany(block => block);

        /// <summary>The commands before <paramref name="command"/> in its ```bash block.</summary>
        private static IEnumerable<string> LinesBefore(string markdown, string command) =>
            ShellBlocks(markdown).First(block => block.Contains(command)).TakeWhile(line => line != command);

        private static IEnumerable<List<string>> ShellBlocks(string markdown)
        {
            foreach (Match block in Regex.Matches(markdown, "```(?:bash|sh|shell)\\n(.*?)```", RegexOptions.Singleline))
            {
                var commands = new List<string>();
                foreach (string line in block.Groups[1].Value.Split('\n'))
                {
                    string command = Regex.Replace(line, @"\s+#.*$", string.Empty).Trim();
                    if (command.Length > 0 && !command.StartsWith("#", StringComparison.Ordinal))
                    {
                        commands.Add(command);
                    }
                }

                yield return commands;
            }
        }
    }
}
