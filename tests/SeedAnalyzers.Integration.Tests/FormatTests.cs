using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// <c>dotnet format analyzers</c> applies the packed code fixes when it runs on a solution, as the README and the rule
    /// pages say, and what it makes builds with no SEED diagnostic left. The consumers share one solution, so they are
    /// restored, built, formatted and built again once each (<see cref="FormattedSolution"/>).
    /// </summary>
    public class FormatTests : IClassFixture<FormatTests.FormattedSolution>
    {
        private readonly FormattedSolution _solution;

        public FormatTests(FormattedSolution solution) => _solution = solution;

        /// <summary>
        /// Most diagnostics of a real solution sit in its libraries, and <c>dotnet format</c> on a program project skips
        /// the projects it references: the docs' advice to run it on the solution rests on this.
        /// </summary>
        [Fact]
        public void FormatOnTheSolutionFixesTheLibrariesThatFormatOnTheProgramSkips()
        {
            Assert.True(_solution.Flagged.ExitCode == 0, _solution.Flagged.Output);
            Assert.Matches(@"Split\.cs\(\d+,\d+\): warning SEED001", _solution.Flagged.Output);
            Assert.True(_solution.FormattedProgram.ExitCode == 0, _solution.FormattedProgram.Output);
            Assert.Equal(FormattedSolution.Split, _solution.LibraryAfterProgramFormat);

            Assert.True(_solution.FormattedSolutionResult.ExitCode == 0, _solution.FormattedSolutionResult.Output);
            string fixedLibrary = _solution.Text("SplitLibrary", "Split.cs");
            Assert.Contains("using SeedAnalyzers;", fixedLibrary);
            Assert.Contains("private readonly Random _rng = Determinism.Random(\"Split._rng\");", fixedLibrary);
            // SEED003's fix of a clock seed in place pins the algorithm too (SEED004 leaves such a creation to it).
            Assert.Contains("var noise = new DeterministicRandom(Determinism.SeedFor(\"Split.noise\"));", fixedLibrary);
            Assert.Contains("rows.OrderBy(_ => Determinism.Shared(\"Split\").NextDouble())", fixedLibrary);
            Assert.Contains("Determinism.Shared(\"Split\").Next(2)", fixedLibrary);
            Assert.DoesNotContain("Guid.NewGuid", fixedLibrary);
            _solution.AssertBuiltClean("SplitLibrary");
            _solution.AssertBuiltClean("SplitProgram");
        }

        /// <summary>
        /// The TorchSharp sample as a newcomer writes it, referencing the packed SeedAnalyzers.TorchSharp: every
        /// TorchSharp rule it triggers is fixed, the result is exactly the reviewed file
        /// samples/TorchTraining/Program.formatted.cs.txt, and it builds with -warnaserror and no SEED diagnostic.
        /// </summary>
        [Fact]
        public void FormatFixesTheTorchSampleIntoTheReviewedFile()
        {
            foreach (string id in new[] { "SEED001", "SEED020", "SEED024", "SEED030", "SEED031" })
            {
                Assert.Matches($@"TorchFormatted/Program\.cs\(\d+,\d+\): warning {id}:", _solution.Flagged.Output);
            }

            Assert.True(_solution.FormattedSolutionResult.ExitCode == 0, _solution.FormattedSolutionResult.Output);
            string expected = File.ReadAllText(Path.Combine(TestRepository.Shared.Root, "samples/TorchTraining/Program.formatted.cs.txt")).ReplaceLineEndings();
            string actual = _solution.Text("TorchFormatted", "Program.cs").ReplaceLineEndings();
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            {
                File.WriteAllText(Path.Combine(TestRepository.Source, "samples/TorchTraining/Program.formatted.cs.txt"), actual);
            }

            Assert.Equal(expected.Split(Environment.NewLine), actual.Split(Environment.NewLine));
            _solution.AssertBuiltClean("TorchFormatted");
        }

        /// <summary>
        /// TorchSharp's own examples target net6.0: SeedAnalyzers.TorchSharp must restore there (its netstandard2.0
        /// build), flag a C# 10 training script, and be what <c>dotnet format</c> needs to fix it.
        /// </summary>
        [Fact]
        public void Net6TorchSharpProgramRestoresBuildsAndIsFixedByFormat()
        {
            Assert.DoesNotContain("NU1202", _solution.Flagged.Output);
            foreach (string id in new[] { "SEED001", "SEED020", "SEED030" })
            {
                Assert.Matches($@"TorchNet6/Program\.cs\(\d+,\d+\): warning {id}:", _solution.Flagged.Output);
            }

            using (JsonDocument assets = JsonDocument.Parse(_solution.Text("TorchNet6", "obj/project.assets.json")))
            {
                JsonElement library = assets.RootElement.GetProperty("targets").GetProperty("net6.0")
                    .GetProperty($"SeedAnalyzers.TorchSharp/{TestRepository.Shared.Version}");
                Assert.Equal(new[] { "lib/netstandard2.0/SeedAnalyzers.TorchSharp.dll" }, library.GetProperty("compile").EnumerateObject().Select(item => item.Name).ToArray());
            }

            Assert.True(_solution.FormattedSolutionResult.ExitCode == 0, _solution.FormattedSolutionResult.Output);
            string fixedProgram = _solution.Text("TorchNet6", "Program.cs");
            Assert.Contains("TorchDeterminism.Initialize(seed: 42);", fixedProgram);
            Assert.Contains("torch.backends.cudnn.allow_tf32 = false;", fixedProgram);
            Assert.Contains("Determinism.Random(\"Program.random\")", fixedProgram);
            _solution.AssertBuiltClean("TorchNet6");
        }

        /// <summary>
        /// One solution of consumers: a program and the library it references (the diagnostics in the library), the
        /// TorchSharp sample on net10.0, and a C# 10 TorchSharp script on net6.0. Built, formatted on the program
        /// project alone, then on the solution, then built again with every warning an error; each step once.
        /// </summary>
        public sealed class FormattedSolution
        {
            public const string Split = """
                using System;
                using System.Linq;

                public class Split
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

            private const string Rules = "SEED001 SEED002 SEED003 SEED004 SEED010 SEED020 SEED021 SEED022 SEED024 SEED025 SEED030 SEED031";

            private readonly Dictionary<string, string> _projects = new();

            public FormattedSolution()
            {
                _projects["SplitLibrary"] = Consumer.Create("SplitLibrary", new Dictionary<string, string> { ["Split.cs"] = Split }, outputType: "Library");
                _projects["SplitProgram"] = Consumer.Create("SplitProgram", new Dictionary<string, string>
                {
                    ["Program.cs"] = "using System;\nusing System.Linq;\n\nint[] rows = Enumerable.Range(0, 100).ToArray();\nvar split = new Split();\nConsole.WriteLine(split.Pick(rows) + split.Shuffled(rows)[0]);\n",
                }, extraItems: "<ProjectReference Include=\"../SplitLibrary/SplitLibrary.csproj\" />");
                _projects["TorchFormatted"] = Consumer.Create("TorchFormatted", File.ReadAllText(Path.Combine(TestRepository.Shared.Root, "samples/TorchTraining/Program.cs")), packageId: "SeedAnalyzers.TorchSharp");
                _projects["TorchNet6"] = Consumer.Create("TorchNet6", """
                    using System;
                    using TorchSharp;
                    using static TorchSharp.torch;

                    torch.backends.cudnn.allow_tf32 = true;
                    var model = nn.Sequential(("hidden", nn.Linear(8, 16)), ("dropout", nn.Dropout(0.2)), ("output", nn.Linear(16, 2)));
                    var random = new Random();
                    Tensor input = torch.randn(4, 8);
                    Console.WriteLine(model.forward(input).sum().item<float>() + random.Next(2));
                    """, packageId: "SeedAnalyzers.TorchSharp", targetFramework: "net6.0",
                    // net6.0 is out of support; the SDK's warning says so, and these tests are about the SEED ones.
                    extraProperties: "<CheckEolTargetFramework>false</CheckEolTargetFramework>");
                string solution = Consumer.CreateSolution("Formatted", _projects.Values.Select(directory => Path.Combine(directory, Path.GetFileName(directory) + ".csproj")).ToArray());
                string directory = Path.GetDirectoryName(solution)!;
                string name = Path.GetFileName(solution);

                Flagged = Command.Run(directory, "dotnet", $"build {name}");
                FormattedProgram = Command.Run(_projects["SplitProgram"], "dotnet", $"format analyzers --no-restore --diagnostics {Rules} --severity info");
                LibraryAfterProgramFormat = Text("SplitLibrary", "Split.cs");
                FormattedSolutionResult = Command.Run(directory, "dotnet", $"format analyzers {name} --no-restore --diagnostics {Rules} --severity info");
                Clean = Command.Run(directory, "dotnet", $"build {name} --no-restore --no-incremental -warnaserror -p:WarningsAsErrors=SEED004");
            }

            /// <summary>The first build, with every project's SEED warnings.</summary>
            public CommandResult Flagged { get; }

            public CommandResult FormattedProgram { get; }

            public string LibraryAfterProgramFormat { get; }

            public CommandResult FormattedSolutionResult { get; }

            /// <summary>The build after the fixes, every warning an error.</summary>
            public CommandResult Clean { get; }

            public string Text(string project, string file) => File.ReadAllText(Path.Combine(_projects[project], file));

            /// <summary>The build after the fixes compiled <paramref name="project"/> with no error and no SEED diagnostic.</summary>
            public void AssertBuiltClean(string project)
            {
                string[] lines = Clean.Output.Split('\n').Where(line => line.Contains($"/{project}/", StringComparison.Ordinal) || line.Contains($"{project}.csproj", StringComparison.Ordinal)).ToArray();
                Assert.True(lines.Any(line => line.Contains($"{project} -> ", StringComparison.Ordinal)), $"{project} was not built:\n{Clean.Output}");
                Assert.False(lines.Any(line => line.Contains("error", StringComparison.Ordinal) || line.Contains("SEED0", StringComparison.Ordinal)), $"{project} did not build clean:\n{Clean.Output}");
            }
        }
    }
}
