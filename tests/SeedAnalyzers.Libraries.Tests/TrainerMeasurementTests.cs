using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>
    /// Issue 18's measurement, kept: each ML.NET 6.0.0 trainer trained under MLContext(seed: 1) on the same generated rows
    /// in separate processes (tests/SeedAnalyzers.TrainerProbe), its predictions compared bit for bit, and SEED041/SEED042
    /// checked to report exactly the trainers the measurements single out.
    /// </summary>
    public sealed class TrainerMeasurementTests : IClassFixture<TrainerRuns>
    {
        private readonly TrainerRuns _runs;
        private readonly ITestOutputHelper _output;

        public TrainerMeasurementTests(TrainerRuns runs, ITestOutputHelper output)
        {
            _runs = runs;
            _output = output;
        }

        [Theory]
        [MemberData(nameof(TrainerTable.Racing), MemberType = typeof(TrainerTable))]
        public void RacingTrainerDiffersBetweenProcessesOnSeveralThreads(string trainer)
        {
            string[] fourThreads = { Hash("4@8#1", trainer), Hash("4@8#2", trainer) };
            string[] unsetOnEight = { Hash("unset@8#1", trainer), Hash("unset@8#2", trainer) };
            Assert.True(
                fourThreads[0] != fourThreads[1] || unsetOnEight[0] != unsetOnEight[1],
                $"{trainer} gave the same predictions in two processes with NumberOfThreads = 4 and with it unset on 8 processors: it no longer races; move it out of SEED041");
        }

        [Theory]
        [MemberData(nameof(TrainerTable.Every), MemberType = typeof(TrainerTable))]
        public void EveryTrainerRepeatsOnOneThreadWhateverTheProcessorCount(string trainer) =>
            Assert.Equal(Hash("1@1", trainer), Hash("1@8", trainer));

        [Theory]
        [MemberData(nameof(TrainerTable.FollowingProcessorCount), MemberType = typeof(TrainerTable))]
        public void ProcessorCountTrainerRepeatsOnOneMachineButNotOnAnother(string trainer)
        {
            Assert.Equal(Hash("unset@8#1", trainer), Hash("unset@8#2", trainer));
            Assert.NotEqual(Hash("unset@1", trainer), Hash("unset@8#1", trainer));
        }

        [Theory]
        [MemberData(nameof(TrainerTable.FollowingProcessorCountByDefault), MemberType = typeof(TrainerTable))]
        public void LbfgsWithAFixedThreadCountIsTheSameOnEveryMachine(string trainer) =>
            Assert.Equal(Hash("4@1", trainer), Hash("4@8#1", trainer));

        [Theory]
        [MemberData(nameof(TrainerTable.FollowingProcessorCountOnSeveralThreads), MemberType = typeof(TrainerTable))]
        public void KMeansWithSeveralThreadsStillFollowsTheProcessorCount(string trainer) =>
            Assert.NotEqual(Hash("4@1", trainer), Hash("4@8#1", trainer));

        [Theory]
        [MemberData(nameof(TrainerTable.Repeating), MemberType = typeof(TrainerTable))]
        public void UnreportedTrainerRepeatsWhateverTheThreadsAndProcessors(string trainer)
        {
            string[] runs = { "4@8#1", "4@8#2", "4@1", "unset@8#1", "unset@8#2", "unset@1", "1@8", "1@1" };
            Assert.Single(runs.Select(run => Hash(run, trainer)).Distinct());
        }

        /// <summary>
        /// On one processor the overload without options trains on one thread too, so the options overload the fix writes
        /// (same settings, NumberOfThreads = 1) must train the very same model: the fix changes nothing but the threads.
        /// </summary>
        [Theory]
        [InlineData("SdcaLogisticRegression")]
        [InlineData("SgdCalibrated")]
        [InlineData("LbfgsPoissonRegression")]
        [InlineData("KMeans")]
        public void TheFixTrainsWhatTheSimpleOverloadTrainsOnOneThread(string trainer) =>
            Assert.Equal(Hash("simple@1", trainer + ".Simple"), Hash("simple@1", trainer + ".Fixed"));

        /// <summary>What an unseeded MLContext (SEED040) changes: the models of the trainers that draw from its seed.</summary>
        [Theory]
        [MemberData(nameof(TrainerTable.DrawingFromTheContext), MemberType = typeof(TrainerTable))]
        public void TrainerDrawingFromTheContextTrainsAnotherModelUnderAnotherContextSeed(string trainer) =>
            Assert.NotEqual(Hash("1@1", trainer), Hash("seed2/1@1", trainer));

        [Theory]
        [MemberData(nameof(TrainerTable.IgnoringTheContext), MemberType = typeof(TrainerTable))]
        public void TrainerIgnoringTheContextTrainsTheSameModelUnderAnotherContextSeed(string trainer) =>
            Assert.Equal(Hash("1@1", trainer), Hash("seed2/1@1", trainer));

        [Fact]
        public async Task SeedRulesReportExactlyTheTrainersTheMeasurementsSingleOut()
        {
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll"))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToList();
            foreach ((string name, string call, Measured expected, _) in TrainerTable.All)
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText("using Microsoft.ML;\nclass Pipeline\n{\n    object Train(MLContext ml) => " + call + ";\n}\n");
                CSharpCompilation compilation = CSharpCompilation.Create(name, new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
                ImmutableArray<Diagnostic> diagnostics = await compilation
                    .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MLNetTrainerMultithreadedAnalyzer()))
                    .GetAnalyzerDiagnosticsAsync();
                string reported = string.Join(",", diagnostics.Select(d => d.Id));
                string wanted = expected switch
                {
                    Measured.Races => MLNetTrainerMultithreadedAnalyzer.RacingRule.Id,
                    Measured.Repeats => string.Empty,
                    _ => MLNetTrainerMultithreadedAnalyzer.ProcessorCountRule.Id,
                };
                Assert.True(reported == wanted, $"{call}: expected [{wanted}], reported [{reported}]");
            }
        }

        private string Hash(string run, string trainer)
        {
            string hash = _runs.Hash(run, trainer);
            _output.WriteLine($"{trainer} {run}: {hash}");
            return hash;
        }
    }
}
