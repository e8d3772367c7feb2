using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The SEED004 fix's promise: the seed argument still decides every number (the same seed repeats, another seed
    /// differs, in this process and in others), and the title says that the numbers of every existing seed change.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class LegacySeededRandomBehaviourTests
    {
        private const string Sample = """
            using System;
            using System.Linq;

            public static class Dice
            {
                public static int[] Roll(int seed)
                {
                    var rng = new Random(seed);
                    return Enumerable.Range(0, 12).Select(_ => rng.Next(1, 7)).ToArray();
                }

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Roll(1)));
                    Console.WriteLine(string.Join(",", Roll(2)));
                }
            }
            """;

        [Fact]
        public async Task TheSeedArgumentStillDecidesEveryNumber()
        {
            FixedProgram program = await FixedProgram.CreateAsync<LegacySeededRandomAnalyzer, LegacySeededRandomFixer>(
                Sample, runtime: true, "var rng = new DeterministicRandom(seed);");
            Assembly loaded = program.Load();
            int[] one = FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 1);
            Assert.Equal(one, FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 1));
            Assert.NotEqual(one, FixedProgram.Call<int[]>(loaded, "Dice", "Roll", 2));
            Assert.True(one.Distinct().Count() > 2, "a roll of 12 dice should vary: " + string.Join(",", one));

            var runs = program.RunInProcesses(2);
            Assert.Equal(runs[0], runs[1]);
        }

        [Fact]
        public async Task TheTitleSaysEveryExistingSeedDrawsDifferentNumbers()
        {
            using var workspace = new AdhocWorkspace();
            Document document = workspace.AddProject("Sample", LanguageNames.CSharp)
                .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication))
                .WithMetadataReferences(new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location), TestReferences.Runtime }
                    .Concat(Basic()))
                .AddDocument("Sample.cs", Sample);
            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            ImmutableArray<Diagnostic> diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LegacySeededRandomAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            var actions = new List<CodeAction>();
            await new LegacySeededRandomFixer().RegisterCodeFixesAsync(
                new CodeFixContext(document, diagnostics.Single(), (action, _) => actions.Add(action), CancellationToken.None));
            Assert.Contains("every existing seed then draws different numbers", Assert.Single(actions).Title, System.StringComparison.Ordinal);
            Assert.Contains("saved games", actions[0].Title, System.StringComparison.Ordinal);
        }

        private static IEnumerable<MetadataReference> Basic() =>
            ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
                .Where(path => System.IO.Path.GetFileName(path) is "System.Runtime.dll" or "System.Linq.dll" or "System.Console.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
    }
}
