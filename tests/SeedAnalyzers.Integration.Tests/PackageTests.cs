using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    [Collection(PackageCollection.Name)]
    public class PackageTests
    {
        private const string FlaggedProgram = """
            using System;
            using System.Linq;

            int[] rows = Enumerable.Range(0, 100).ToArray();
            var split = new Split();
            Console.WriteLine(split.Pick(rows) + split.Shuffled(rows)[0]);

            class Split
            {
                private readonly Random _rng = new Random();

                public int Pick(int[] rows) => rows[_rng.Next(rows.Length)];

                public int[] Shuffled(int[] rows)
                {
                    var noise = new Random(Environment.TickCount);
                    return rows.OrderBy(_ => Guid.NewGuid()).Select(r => r + noise.Next(2) + Random.Shared.Next(2)).ToArray();
                }
            }
            """;

        private readonly PackageFixture _package;

        public PackageTests(PackageFixture package) => _package = package;

        [Fact]
        public void PackageHoldsTheRuntimeAndBothAnalyzerAssemblies()
        {
            using ZipArchive archive = ZipFile.OpenRead(_package.PackagePath);
            string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/netstandard2.0/SeedAnalyzers.Runtime.dll", entries);
            Assert.Contains("lib/net8.0/SeedAnalyzers.Runtime.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SeedAnalyzers.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SeedAnalyzers.CodeFixes.dll", entries);
            Assert.Contains("buildTransitive/SeedAnalyzers.targets", entries);
            Assert.Contains("buildTransitive/SeedAnalyzers.Strict.globalconfig", entries);
            Assert.Contains("build/SeedAnalyzers.targets", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", System.StringComparison.Ordinal) && e.Contains("Analyzers.dll"));
            using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName == "SeedAnalyzers.nuspec").Open());
            string manifest = nuspec.ReadToEnd();
            Assert.Contains("<id>SeedAnalyzers</id>", manifest);
            Assert.DoesNotContain("<dependency ", manifest);
        }

        [Fact]
        public void ConsumerBuildShowsTheWarningsWithHelpLinksAndSarif()
        {
            string project = _package.CreateConsumer("Flagged", FlaggedProgram);
            string sarif = Path.Combine(project, "seed.sarif");
            CommandResult build = PackageFixture.Run(project, "dotnet", $"build -p:ErrorLog=\"{sarif}%2Cversion=2.1\"");
            Assert.True(build.ExitCode == 0, build.Output);
            foreach (string id in new[] { "SEED001", "SEED002", "SEED003" })
            {
                Assert.Matches(new Regex($@"warning {id}: .*\(https://[^)]*/docs/rules/{id}\.md\)"), build.Output);
            }

            string log = File.ReadAllText(sarif);
            Assert.Contains("\"version\": \"2.1.0\"", log);
            Assert.Contains("\"ruleId\": \"SEED001\"", log);
            int rule = log.IndexOf("\"id\": \"SEED003\"", System.StringComparison.Ordinal);
            Assert.True(rule >= 0, "SEED003 rule metadata missing from the SARIF log");
            int nextRule = log.IndexOf("\"id\": \"", rule + 1, System.StringComparison.Ordinal);
            string metadata = nextRule < 0 ? log.Substring(rule) : log.Substring(rule, nextRule - rule);
            Assert.Matches(new Regex("\"helpUri\": \"https://[^\"]*/docs/rules/SEED003.md\""), metadata);
            Assert.Contains("Reproducibility", metadata);
        }

        [Fact]
        public void StrictModeMakesEveryRuleAnErrorAndEditorconfigStillWins()
        {
            string project = _package.CreateConsumer("Strict", FlaggedProgram, "<SeedAnalyzersMode>Strict</SeedAnalyzersMode>");
            CommandResult strict = PackageFixture.Run(project, "dotnet", "build");
            Assert.NotEqual(0, strict.ExitCode);
            Assert.Contains("error SEED001", strict.Output);
            Assert.Contains("error SEED002", strict.Output);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.SEED001.severity = warning\n");
            CommandResult overridden = PackageFixture.Run(project, "dotnet", "build");
            Assert.Contains("warning SEED001", overridden.Output);
            Assert.DoesNotContain("error SEED001", overridden.Output);
            Assert.Contains("error SEED002", overridden.Output);
        }

        [Fact]
        public void EditorconfigOptionAddsAProjectsOwnSeedSource()
        {
            string project = _package.CreateConsumer("Option", """
                using System;

                Console.WriteLine(new Random((int)App.Clock.Ticks()).Next());

                namespace App
                {
                    static class Clock { public static long Ticks() => DateTime.UtcNow.Ticks; }
                }
                """);
            CommandResult without = PackageFixture.Run(project, "dotnet", "build");
            Assert.DoesNotContain("SEED003", without.Output);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\nseedanalyzers.SEED003.additional_sources = App.Clock.Ticks\n");
            CommandResult with = PackageFixture.Run(project, "dotnet", "build --no-incremental");
            Assert.Contains("warning SEED003: 'App.Clock.Ticks()' differs on every run", with.Output);
        }

        [Fact]
        public void RelaxedModeTurnsWarningsIntoSuggestionsAndBadModesAreClearErrors()
        {
            string relaxed = _package.CreateConsumer("Relaxed", FlaggedProgram, "<SeedAnalyzersMode>Relaxed</SeedAnalyzersMode>");
            CommandResult build = PackageFixture.Run(relaxed, "dotnet", "build -warnaserror");
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.DoesNotContain("SEED00", build.Output);

            string wrong = _package.CreateConsumer("WrongMode", FlaggedProgram, "<SeedAnalyzersMode>Paranoid</SeedAnalyzersMode>");
            CommandResult error = PackageFixture.Run(wrong, "dotnet", "build");
            Assert.NotEqual(0, error.ExitCode);
            Assert.Contains("SeedAnalyzersMode is 'Paranoid'; use Strict, Default or Relaxed.", error.Output);
        }

        [Fact]
        public void DotnetFormatAppliesTheFixesAndTheResultBuildsCleanUnderWarnAsError()
        {
            string project = _package.CreateConsumer("Formatted", FlaggedProgram);
            CommandResult restore = PackageFixture.Run(project, "dotnet", "build");
            Assert.True(restore.ExitCode == 0, restore.Output);

            CommandResult format = PackageFixture.Run(project, "dotnet", "format analyzers --diagnostics SEED001 SEED002 SEED003 SEED004 --severity info");
            Assert.True(format.ExitCode == 0, format.Output);
            string fixedProgram = File.ReadAllText(Path.Combine(project, "Program.cs"));
            Assert.Contains("using SeedAnalyzers;", fixedProgram);
            Assert.Contains("private readonly Random _rng = Determinism.Random(\"Split._rng\");", fixedProgram);
            Assert.Contains("var noise = new DeterministicRandom(Determinism.SeedFor(\"Split.noise\"));", fixedProgram);
            Assert.Contains("rows.OrderBy(_ => Determinism.Shared(\"Split\").NextDouble())", fixedProgram);
            Assert.Contains("Determinism.Shared(\"Split\").Next(2)", fixedProgram);
            Assert.DoesNotContain("Guid.NewGuid", fixedProgram);

            CommandResult clean = PackageFixture.Run(project, "dotnet", "build -warnaserror -p:WarningsAsErrors=SEED004");
            Assert.True(clean.ExitCode == 0, clean.Output);
            Assert.DoesNotContain("SEED0", clean.Output);
        }

        /// <summary>
        /// The TorchSharp sample as a newcomer writes it, in a project that references the packed SeedAnalyzers.TorchSharp:
        /// every TorchSharp rule it triggers is fixed by dotnet format, the result is exactly the reviewed file
        /// samples/TorchTraining/Program.formatted.cs.txt, and it builds with -warnaserror and no SEED diagnostic.
        /// </summary>
        [Fact]
        public void DotnetFormatFixesTheTorchSampleAndTheResultBuildsClean()
        {
            _package.EnsureTorchPackage();
            string sample = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "samples/TorchTraining/Program.cs"));
            string project = _package.CreateConsumer("TorchFormatted", sample, extraItems: $"<PackageReference Include=\"SeedAnalyzers.TorchSharp\" Version=\"{_package.Version}\" />");
            CommandResult flagged = PackageFixture.Run(project, "dotnet", "build");
            Assert.True(flagged.ExitCode == 0, flagged.Output);
            foreach (string id in new[] { "SEED001", "SEED020", "SEED024", "SEED030", "SEED031" })
            {
                Assert.Contains("warning " + id + ":", flagged.Output);
            }

            CommandResult format = PackageFixture.Run(project, "dotnet", "format analyzers --diagnostics SEED001 SEED020 SEED021 SEED022 SEED024 SEED030 SEED031 --severity info");
            Assert.True(format.ExitCode == 0, format.Output);
            string expected = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "samples/TorchTraining/Program.formatted.cs.txt")).ReplaceLineEndings();
            string actual = File.ReadAllText(Path.Combine(project, "Program.cs")).ReplaceLineEndings();
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            {
                File.WriteAllText(Path.Combine(PackageFixture.RepositoryRoot, "samples/TorchTraining/Program.formatted.cs.txt"), actual);
            }

            Assert.Equal(expected.Split(Environment.NewLine), actual.Split(Environment.NewLine));

            CommandResult clean = PackageFixture.Run(project, "dotnet", "build -warnaserror --no-incremental");
            Assert.True(clean.ExitCode == 0, clean.Output);
            Assert.DoesNotContain("SEED0", clean.Output);
        }
    }
}
