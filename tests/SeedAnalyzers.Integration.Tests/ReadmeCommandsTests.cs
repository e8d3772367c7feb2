using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// Every shell command shown in README.md and the rule pages runs here, and what the docs say it prints is
    /// checked, so the docs cannot rot. A command without an expectation below fails the test.
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
                Assert.Equal(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "docs/images/sweep.svg")), File.ReadAllText(Path.Combine(temp, "sweep.svg")));
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
                string[] packages = Directory.GetFiles(Path.Combine(temp, "artifacts"), "*.nupkg").Select(Path.GetFileName).OrderBy(name => name).ToArray()!;
                Assert.Equal(2, packages.Length);
                Assert.Matches(@"^SeedAnalyzers\.\d", packages[0]);
                Assert.StartsWith("SeedAnalyzers.TorchSharp.", packages[1]);
            },
            ["dotnet run -c Release --project tests/SeedAnalyzers.Benchmarks -- --filter '*' --job short"] = (result, _) =>
                Assert.Contains("ForIndexThenDraw", result.Output),
        };

        /// <summary>The command that runs this very test; running it here would recurse.</summary>
        private const string TestCommand = "bash .ci/test.sh";

        public static IEnumerable<object[]> DocumentedCommands() =>
            new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(PackageFixture.RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
                    .Select(path => Path.GetRelativePath(PackageFixture.RepositoryRoot, path)))
                .SelectMany(file => ShellCommands(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, file))).Select(command => new object[] { file, command }));

        [Theory]
        [MemberData(nameof(DocumentedCommands))]
        public void DocumentedCommandWorksAsDescribed(string file, string command)
        {
            if (command == TestCommand)
            {
                Assert.Equal("README.md", file);
                Assert.Contains("bash .ci/test.sh", File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, ".ci/run")));
                return;
            }

            Assert.True(Expectations.TryGetValue(command, out Action<CommandResult, string>? expect), $"{file} shows '{command}' but no test checks it: add an expectation");
            string temp = Directory.CreateTempSubdirectory("seedanalyzers-readme-").FullName;
            try
            {
                string runnable = command
                    .Replace("-o artifacts", $"-o \"{Path.Combine(temp, "artifacts")}\"")
                    .Replace("--svg docs/images/sweep.svg", $"--svg \"{Path.Combine(temp, "sweep.svg")}\"")
                    .Replace("--filter '*' --job short", "--filter '*DerivationBenchmarks*' --job dry");
                CommandResult result = PackageFixture.Run(PackageFixture.RepositoryRoot, "bash", $"-c \"{runnable.Replace("\"", "\\\"")}\"");
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

        /// <summary>Lines of ```bash blocks, without trailing comments.</summary>
        private static IEnumerable<string> ShellCommands(string markdown)
        {
            foreach (Match block in Regex.Matches(markdown, "```(?:bash|sh|shell)\\n(.*?)```", RegexOptions.Singleline))
            {
                foreach (string line in block.Groups[1].Value.Split('\n'))
                {
                    string command = Regex.Replace(line, @"\s+#.*$", string.Empty).Trim();
                    if (command.Length > 0 && !command.StartsWith("#", StringComparison.Ordinal))
                    {
                        yield return command;
                    }
                }
            }
        }
    }
}
