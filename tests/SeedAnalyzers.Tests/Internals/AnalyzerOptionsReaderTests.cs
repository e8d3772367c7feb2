using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    public class AnalyzerOptionsReaderTests
    {
        [Fact]
        public void ListsSplitOnCommasTrimAndDropEmptyEntries()
        {
            Assert.Equal(
                new[] { "A.B.C", "D.E.F" },
                AnalyzerOptionsReader.ParseList(" A.B.C ,, D.E.F ,").OrderBy(x => x));
            Assert.Empty(AnalyzerOptionsReader.ParseList("  "));
            Assert.Equal(new[] { "A.B;C.D" }, AnalyzerOptionsReader.ParseList("A.B;C.D"));
        }

        [Fact]
        public void TheCurrentKeyWinsOverItsOldName()
        {
            var reader = Reader(
                new Dictionary<string, string>
                {
                    [OptionNames.TorchSeedingMethods] = "New.Setup.Go",
                    [OptionNames.TorchSeedingMethodsAlias] = "Old.Setup.Go",
                    [OptionNames.TorchAnalyzeLibrariesAlias] = "TRUE",
                },
                new Dictionary<string, string>());
            SyntaxTree tree = CSharpSyntaxTree.ParseText("class C { }");
            Assert.Equal(new[] { "New.Setup.Go" }, reader.TorchSeedingMethods(tree));
            Assert.True(reader.TorchAnalyzeLibraries(tree));
        }

        [Fact]
        public void AFileValueWinsOverTheGlobalOneAndTheGlobalOneFillsIn()
        {
            var reader = Reader(
                new Dictionary<string, string> { [OptionNames.AdditionalSeedSources] = "File.Clock.Now" },
                new Dictionary<string, string> { [OptionNames.AdditionalSeedSources] = "Global.Clock.Now", [OptionNames.TorchAnalyzeLibraries] = "true" });
            SyntaxTree tree = CSharpSyntaxTree.ParseText("class C { }");
            Assert.Equal(new[] { "File.Clock.Now" }, reader.AdditionalSeedSources(tree));
            Assert.True(reader.TorchAnalyzeLibraries(tree));
        }

        private static AnalyzerOptionsReader Reader(Dictionary<string, string> file, Dictionary<string, string> global) =>
            new AnalyzerOptionsReader(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new Provider(new Options(file), new Options(global))));

        private sealed class Provider : AnalyzerConfigOptionsProvider
        {
            private readonly AnalyzerConfigOptions _file;

            public Provider(AnalyzerConfigOptions file, AnalyzerConfigOptions global)
            {
                _file = file;
                GlobalOptions = global;
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _file;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _file;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values)
            {
                _values = values;
            }

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
