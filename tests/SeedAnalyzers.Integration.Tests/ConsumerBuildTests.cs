using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>The packed SeedAnalyzers in a user's build: warnings, help links, SARIF, severity presets, options.</summary>
    public class ConsumerBuildTests
    {
        private readonly TestRepository _repository = TestRepository.Shared;

        [Fact]
        public void BuildShowsTheWarningsWithHelpLinksFromTheDocsPropertyAndSarif()
        {
            string project = Consumer.Create("Flagged", Consumer.FlaggedProgram);
            string sarif = Path.Combine(project, "seed.sarif");
            CommandResult build = Command.Succeed(project, "dotnet", $"build -p:ErrorLog=\"{sarif}%2Cversion=2.1\"");
            foreach (string id in new[] { "SEED001", "SEED002", "SEED003" })
            {
                Assert.Matches(new Regex($@"warning {id}: .*\({Regex.Escape(_repository.DocsBaseUrl + id)}\.md\)"), build.Output);
            }

            string log = File.ReadAllText(sarif);
            Assert.Contains("\"version\": \"2.1.0\"", log);
            Assert.Contains("\"ruleId\": \"SEED001\"", log);
            int rule = log.IndexOf("\"id\": \"SEED003\"", System.StringComparison.Ordinal);
            Assert.True(rule >= 0, "SEED003 rule metadata missing from the SARIF log");
            int nextRule = log.IndexOf("\"id\": \"", rule + 1, System.StringComparison.Ordinal);
            string metadata = nextRule < 0 ? log.Substring(rule) : log.Substring(rule, nextRule - rule);
            Assert.Contains($"\"helpUri\": \"{_repository.DocsBaseUrl}SEED003.md\"", metadata);
            Assert.Contains("Reproducibility", metadata);
        }

        [Fact]
        public void StrictModeMakesEveryRuleAnErrorAndEditorconfigStillWins()
        {
            string project = Consumer.Create("Strict", Consumer.FlaggedProgram, extraProperties: "<SeedAnalyzersMode>Strict</SeedAnalyzersMode>");
            CommandResult strict = Command.Run(project, "dotnet", "build");
            Assert.NotEqual(0, strict.ExitCode);
            Assert.Contains("error SEED001", strict.Output);
            Assert.Contains("error SEED002", strict.Output);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.SEED001.severity = warning\n");
            CommandResult overridden = Command.Run(project, "dotnet", "build --no-restore");
            Assert.Contains("warning SEED001", overridden.Output);
            Assert.DoesNotContain("error SEED001", overridden.Output);
            Assert.Contains("error SEED002", overridden.Output);
        }

        [Fact]
        public void EditorconfigOptionAddsAProjectsOwnSeedSource()
        {
            string project = Consumer.Create("Option", """
                using System;

                Console.WriteLine(new Random((int)App.Clock.Ticks()).Next());

                namespace App
                {
                    // A source the rule cannot know (SEED003 follows a helper that returns a known one, DateTime.UtcNow).
                    static class Clock { public static long Ticks() => Environment.WorkingSet; }
                }
                """);
            CommandResult without = Command.Succeed(project, "dotnet", "build");
            Assert.DoesNotContain("SEED003", without.Output);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\nseedanalyzers.SEED003.additional_sources = App.Clock.Ticks\n");
            CommandResult with = Command.Succeed(project, "dotnet", "build --no-restore --no-incremental");
            Assert.Contains("warning SEED003: 'App.Clock.Ticks()' differs on every run", with.Output);
        }

        [Fact]
        public void RelaxedModeTurnsWarningsIntoSuggestionsAndBadModesAreClearErrors()
        {
            string relaxed = Consumer.Create("Relaxed", Consumer.FlaggedProgram, extraProperties: "<SeedAnalyzersMode>Relaxed</SeedAnalyzersMode>");
            CommandResult build = Command.Succeed(relaxed, "dotnet", "build -warnaserror");
            Assert.DoesNotContain("SEED00", build.Output);

            string wrong = Consumer.Create("WrongMode", Consumer.FlaggedProgram, extraProperties: "<SeedAnalyzersMode>Paranoid</SeedAnalyzersMode>");
            CommandResult error = Command.Run(wrong, "dotnet", "build");
            Assert.NotEqual(0, error.ExitCode);
            Assert.Contains("SeedAnalyzersMode is 'Paranoid'; use Strict, Default or Relaxed.", error.Output);
        }
    }
}
