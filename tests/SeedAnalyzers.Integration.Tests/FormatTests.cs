using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// <c>dotnet format analyzers</c> applies the packed code fixes, run on a solution as the README and the rule pages
    /// say, and what it makes builds with no SEED diagnostic left.
    /// </summary>
    public class FormatTests
    {
        private const string SeedRules = "SEED001 SEED002 SEED003 SEED004 SEED010 SEED020 SEED021 SEED022 SEED024 SEED030 SEED031";

        private readonly TestRepository _repository = TestRepository.Shared;

        /// <summary>
        /// Most diagnostics of a real solution sit in its libraries, and <c>dotnet format</c> on a program project skips
        /// the projects it references: the docs' advice to run it on the solution rests on this.
        /// </summary>
        [Fact]
        public void FormatOnTheSolutionFixesTheLibrariesThatFormatOnTheProgramSkips()
        {
            string split = Consumer.FlaggedProgram.Substring(Consumer.FlaggedProgram.IndexOf("class Split", StringComparison.Ordinal));
            string library = Consumer.Create("SplitLibrary", new Dictionary<string, string> { ["Split.cs"] = "using System;\nusing System.Linq;\n\npublic " + split }, outputType: "Library");
            string program = Consumer.Create("SplitProgram", new Dictionary<string, string>
            {
                ["Program.cs"] = "using System;\nusing System.Linq;\n\nint[] rows = Enumerable.Range(0, 100).ToArray();\nvar split = new Split();\nConsole.WriteLine(split.Pick(rows) + split.Shuffled(rows)[0]);\n",
            }, extraItems: "<ProjectReference Include=\"../SplitLibrary/SplitLibrary.csproj\" />");
            string solution = Consumer.CreateSolution("Split", Path.Combine(program, "SplitProgram.csproj"), Path.Combine(library, "SplitLibrary.csproj"));
            CommandResult flagged = Command.Succeed(program, "dotnet", "build");
            Assert.Matches(@"Split\.cs\(\d+,\d+\): warning SEED001", flagged.Output);

            string original = File.ReadAllText(Path.Combine(library, "Split.cs"));
            Command.Succeed(program, "dotnet", $"format analyzers --no-restore --diagnostics {SeedRules} --severity info");
            Assert.Equal(original, File.ReadAllText(Path.Combine(library, "Split.cs")));

            Command.Succeed(Path.GetDirectoryName(solution)!, "dotnet", $"format analyzers {Path.GetFileName(solution)} --no-restore --diagnostics {SeedRules} --severity info");
            string fixedLibrary = File.ReadAllText(Path.Combine(library, "Split.cs"));
            Assert.Contains("using SeedAnalyzers;", fixedLibrary);
            Assert.Contains("private readonly Random _rng = Determinism.Random(\"Split._rng\");", fixedLibrary);
            Assert.Contains("var noise = new DeterministicRandom(Determinism.SeedFor(\"Split.noise\"));", fixedLibrary);
            Assert.Contains("rows.OrderBy(_ => Determinism.Shared(\"Split\").NextDouble())", fixedLibrary);
            Assert.Contains("Determinism.Shared(\"Split\").Next(2)", fixedLibrary);
            Assert.DoesNotContain("Guid.NewGuid", fixedLibrary);

            CommandResult clean = Command.Succeed(Path.GetDirectoryName(solution)!, "dotnet", $"build {Path.GetFileName(solution)} --no-restore -warnaserror -p:WarningsAsErrors=SEED004");
            Assert.DoesNotContain("SEED0", clean.Output);
        }

        /// <summary>
        /// The TorchSharp sample as a newcomer writes it, referencing the packed SeedAnalyzers.TorchSharp: every
        /// TorchSharp rule it triggers is fixed, the result is exactly the reviewed file
        /// samples/TorchTraining/Program.formatted.cs.txt, and it builds with -warnaserror and no SEED diagnostic.
        /// </summary>
        [Fact]
        public void FormatFixesTheTorchSampleIntoTheReviewedFile()
        {
            string sample = File.ReadAllText(Path.Combine(_repository.Root, "samples/TorchTraining/Program.cs"));
            string project = Consumer.Create("TorchFormatted", sample, packageId: "SeedAnalyzers.TorchSharp");
            string solution = Consumer.CreateSolution("TorchFormatted", Path.Combine(project, "TorchFormatted.csproj"));
            CommandResult flagged = Command.Succeed(project, "dotnet", "build");
            foreach (string id in new[] { "SEED001", "SEED020", "SEED024", "SEED030", "SEED031" })
            {
                Assert.Contains("warning " + id + ":", flagged.Output);
            }

            Command.Succeed(Path.GetDirectoryName(solution)!, "dotnet", $"format analyzers {Path.GetFileName(solution)} --no-restore --diagnostics {SeedRules} --severity info");
            string expected = File.ReadAllText(Path.Combine(_repository.Root, "samples/TorchTraining/Program.formatted.cs.txt")).ReplaceLineEndings();
            string actual = File.ReadAllText(Path.Combine(project, "Program.cs")).ReplaceLineEndings();
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            {
                File.WriteAllText(Path.Combine(TestRepository.Source, "samples/TorchTraining/Program.formatted.cs.txt"), actual);
            }

            Assert.Equal(expected.Split(Environment.NewLine), actual.Split(Environment.NewLine));

            CommandResult clean = Command.Succeed(project, "dotnet", "build --no-restore -warnaserror --no-incremental");
            Assert.DoesNotContain("SEED0", clean.Output);
        }

        /// <summary>
        /// TorchSharp's own examples target net6.0: SeedAnalyzers.TorchSharp must restore there (its netstandard2.0
        /// build), flag a C# 10 training script, and be what <c>dotnet format</c> needs to fix it.
        /// </summary>
        [Fact]
        public void Net6TorchSharpProgramRestoresBuildsAndIsFixedByFormat()
        {
            string project = Consumer.Create("TorchNet6", """
                using System;
                using TorchSharp;
                using static TorchSharp.torch;

                torch.backends.cudnn.allow_tf32 = true;
                var model = nn.Sequential(("hidden", nn.Linear(8, 16)), ("dropout", nn.Dropout(0.2)), ("output", nn.Linear(16, 2)));
                var random = new Random();
                Tensor input = torch.randn(4, 8);
                Console.WriteLine(model.forward(input).sum().item<float>() + random.Next(2));
                """, packageId: "SeedAnalyzers.TorchSharp", targetFramework: "net6.0",
                // net6.0 is out of support; the warning says so, and this test is about the SEED ones.
                extraProperties: "<CheckEolTargetFramework>false</CheckEolTargetFramework>");
            string solution = Consumer.CreateSolution("TorchNet6", Path.Combine(project, "TorchNet6.csproj"));
            CommandResult flagged = Command.Succeed(project, "dotnet", "build");
            foreach (string id in new[] { "SEED001", "SEED020", "SEED030" })
            {
                Assert.Contains("warning " + id + ":", flagged.Output);
            }

            using (JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"))))
            {
                JsonElement library = assets.RootElement.GetProperty("targets").GetProperty("net6.0")
                    .GetProperty($"SeedAnalyzers.TorchSharp/{_repository.Version}");
                Assert.Equal(new[] { "lib/netstandard2.0/SeedAnalyzers.TorchSharp.dll" }, library.GetProperty("compile").EnumerateObject().Select(item => item.Name).ToArray());
            }

            Command.Succeed(Path.GetDirectoryName(solution)!, "dotnet", $"format analyzers {Path.GetFileName(solution)} --no-restore --diagnostics {SeedRules} --severity info");
            string fixedProgram = File.ReadAllText(Path.Combine(project, "Program.cs"));
            Assert.Contains("TorchDeterminism.Initialize(seed: 42);", fixedProgram);
            Assert.Contains("torch.backends.cudnn.allow_tf32 = false;", fixedProgram);
            Assert.Contains("Determinism.Random(\"Program.random\")", fixedProgram);

            CommandResult clean = Command.Succeed(project, "dotnet", "build --no-restore -warnaserror --no-incremental");
            Assert.DoesNotContain("SEED0", clean.Output);
        }
    }
}
