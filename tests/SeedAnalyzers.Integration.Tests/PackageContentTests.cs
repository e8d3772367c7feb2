using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>What <c>dotnet pack</c> makes is publishable: metadata, readme, symbols and SourceLink, no warning.</summary>
    public class PackageContentTests
    {
        /// <summary>Every package the repository's <c>dotnet pack</c> makes. A new packable project adds its ID here and a PACKAGE.md beside it.</summary>
        public static readonly string[] Ids = { "SeedAnalyzers", "SeedAnalyzers.SeedSweep", "SeedAnalyzers.TorchSharp" };

        public static IEnumerable<object[]> PackageIds => Ids.Select(id => new object[] { id });

        /// <summary>The SourceLink custom debug information in a portable PDB.</summary>
        private static readonly Guid SourceLinkId = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

        private readonly TestRepository _repository = TestRepository.Shared;

        [Fact]
        public void PackMakesEveryListedPackageAndItsSymbolPackageWithoutWarnings()
        {
            string[] expected = Ids
                .SelectMany(id => new[] { Path.GetFileName(_repository.PackagePath(id)), Path.GetFileName(_repository.SymbolPackagePath(id)) })
                .OrderBy(name => name, StringComparer.Ordinal).ToArray();
            string[] actual = Directory.GetFiles(_repository.PackageDirectory).Select(path => Path.GetFileName(path)!).OrderBy(name => name, StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, actual);
            Assert.DoesNotMatch(new Regex(@"\bwarning\b", RegexOptions.IgnoreCase), _repository.PackOutput);
        }

        [Theory]
        [MemberData(nameof(PackageIds))]
        public void NuspecHasLicenceProjectAndRepositoryAtTheBuiltCommit(string id)
        {
            XElement metadata = Nuspec(id);
            Assert.Equal(id, Value(metadata, "id"));
            Assert.Equal(_repository.Version, Value(metadata, "version"));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
            XElement license = Element(metadata, "license");
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            Assert.StartsWith("https://", _repository.RepositoryUrl, StringComparison.Ordinal);
            Assert.Equal(_repository.RepositoryUrl, Value(metadata, "projectUrl"));
            XElement repository = Element(metadata, "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));
            Assert.Equal(_repository.RepositoryUrl, (string?)repository.Attribute("url"));
            Assert.Equal(_repository.Commit, (string?)repository.Attribute("commit"));
            Assert.Equal("README.md", Value(metadata, "readme"));
        }

        /// <summary>
        /// The package page shows the package's own readme: its links must be absolute (relative ones break there),
        /// and those into the repository must name files that exist.
        /// </summary>
        [Theory]
        [MemberData(nameof(PackageIds))]
        public void ReadmeIsThePackagesOwnWithAbsoluteLinksThatExist(string id)
        {
            using ZipArchive package = ZipFile.OpenRead(_repository.PackagePath(id));
            string readme = ReadEntry(package, "README.md");
            Assert.DoesNotContain("{RepositoryUrl}", readme);
            Assert.NotEqual(File.ReadAllText(Path.Combine(_repository.Root, "README.md")), readme);
            string[] links = Regex.Matches(readme, @"\]\(([^)\s]+)\)").Select(match => match.Groups[1].Value).ToArray();
            Assert.NotEmpty(links);
            string blob = _repository.RepositoryUrl + "/blob/main/";
            foreach (string link in links)
            {
                Assert.StartsWith("https://", link, StringComparison.Ordinal);
                if (link.StartsWith(blob, StringComparison.Ordinal))
                {
                    string file = link.Substring(blob.Length).Split('#')[0];
                    Assert.True(File.Exists(Path.Combine(_repository.Root, file)), $"{id}'s readme links to {link}, but {file} is not in the repository");
                }
            }

            Assert.Contains(links, link => link.StartsWith(blob, StringComparison.Ordinal));
        }

        /// <summary>
        /// Every assembly built here has a PDB (in the symbol package; embedded where a symbol package holds none, as
        /// under analyzers/; beside it where the package carries PDBs itself, as a tool does) whose SourceLink map sends
        /// the repository's files to the raw files of the built commit.
        /// </summary>
        [Theory]
        [MemberData(nameof(PackageIds))]
        public void EveryAssemblyHasSymbolsWithSourceLinkToTheBuiltCommit(string id)
        {
            using ZipArchive package = ZipFile.OpenRead(_repository.PackagePath(id));
            using ZipArchive symbols = ZipFile.OpenRead(_repository.SymbolPackagePath(id));
            var expected = new Dictionary<string, string>
            {
                [_repository.Root + "/*"] = _repository.RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/") + "/" + _repository.Commit + "/*",
            };
            string[] assemblies = package.Entries.Select(entry => entry.FullName)
                .Where(name => name.EndsWith(".dll", StringComparison.Ordinal) && Path.GetFileName(name).StartsWith("SeedAnalyzers.", StringComparison.Ordinal))
                .ToArray();
            Assert.NotEmpty(assemblies);
            foreach (string assembly in assemblies)
            {
                using var pe = new PEReader(new MemoryStream(ReadBytes(package, assembly)));
                DebugDirectoryEntry[] debug = pe.ReadDebugDirectory().ToArray();
                bool embedded = debug.Any(entry => entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
                string pdbPath = Path.ChangeExtension(assembly, ".pdb");
                ZipArchive? pdbArchive = new[] { symbols, package }.FirstOrDefault(archive => archive.GetEntry(pdbPath) != null);
                Assert.True(embedded || pdbArchive != null, $"{id}: {assembly} has no PDB, neither embedded nor {pdbPath} in the package or its symbol package");
                using MetadataReaderProvider pdb = embedded
                    ? pe.ReadEmbeddedPortablePdbDebugDirectoryData(debug.First(entry => entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb))
                    : MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadBytes(pdbArchive!, pdbPath)));
                MetadataReader reader = pdb.GetMetadataReader();
                string? sourceLink = reader.CustomDebugInformation
                    .Select(handle => reader.GetCustomDebugInformation(handle))
                    .Where(information => reader.GetGuid(information.Kind) == SourceLinkId)
                    .Select(information => Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value)))
                    .SingleOrDefault();
                Assert.True(sourceLink != null, $"{id}: the PDB of {assembly} has no SourceLink");
                Assert.Equal(expected, JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(sourceLink!)!["documents"]);
                string firstDocument = reader.GetString(reader.GetDocument(reader.Documents.First()).Name);
                Assert.StartsWith(_repository.Root + "/src/", firstDocument, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void SeedAnalyzersHoldsTheRuntimeBothAnalyzerAssembliesAndThePresets()
        {
            using ZipArchive archive = ZipFile.OpenRead(_repository.PackagePath("SeedAnalyzers"));
            string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/netstandard2.0/SeedAnalyzers.Runtime.dll", entries);
            Assert.Contains("lib/net8.0/SeedAnalyzers.Runtime.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SeedAnalyzers.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SeedAnalyzers.CodeFixes.dll", entries);
            Assert.Contains("buildTransitive/SeedAnalyzers.targets", entries);
            Assert.Contains("buildTransitive/SeedAnalyzers.Strict.globalconfig", entries);
            Assert.Contains("build/SeedAnalyzers.targets", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers.dll", StringComparison.Ordinal));
            Assert.DoesNotContain(Nuspec("SeedAnalyzers").Descendants(), element => element.Name.LocalName == "dependency");
        }

        /// <summary>TorchSharp 0.107 ships netstandard2.0 and net8.0; so does SeedAnalyzers.TorchSharp, or net6.0 programs cannot install it.</summary>
        [Fact]
        public void SeedAnalyzersTorchSharpTargetsWhatTorchSharpTargets()
        {
            using ZipArchive archive = ZipFile.OpenRead(_repository.PackagePath("SeedAnalyzers.TorchSharp"));
            string[] libraries = archive.Entries.Select(e => e.FullName).Where(name => name.StartsWith("lib/", StringComparison.Ordinal) && name.EndsWith(".dll", StringComparison.Ordinal)).OrderBy(name => name, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "lib/net8.0/SeedAnalyzers.TorchSharp.dll", "lib/netstandard2.0/SeedAnalyzers.TorchSharp.dll" }, libraries);
        }

        /// <summary>
        /// RepositoryUrl alone moves the project URL, the docs base URL and so the help links compiled into the
        /// analyzers: the links become real in one change when the repository is published.
        /// </summary>
        [Fact]
        public void OnePropertyMovesTheProjectUrlTheDocsAndTheHelpLinks()
        {
            const string fork = "https://github.com/example/fork";
            using JsonDocument runtime = JsonDocument.Parse(Command.Succeed(_repository.Root, "dotnet",
                $"msbuild src/SeedAnalyzers.Runtime/SeedAnalyzers.Runtime.csproj -p:RepositoryUrl={fork} -getProperty:PackageProjectUrl -getProperty:SeedAnalyzersDocsBaseUrl").Output);
            Assert.Equal(fork, runtime.RootElement.GetProperty("Properties").GetProperty("PackageProjectUrl").GetString());
            Assert.Equal(fork + "/blob/main/docs/rules/", runtime.RootElement.GetProperty("Properties").GetProperty("SeedAnalyzersDocsBaseUrl").GetString());
            using JsonDocument analyzers = JsonDocument.Parse(Command.Succeed(_repository.Root, "dotnet",
                $"msbuild src/SeedAnalyzers.Analyzers/SeedAnalyzers.Analyzers.csproj -p:RepositoryUrl={fork} -getItem:AssemblyMetadata").Output);
            JsonElement metadata = analyzers.RootElement.GetProperty("Items").GetProperty("AssemblyMetadata").EnumerateArray()
                .Single(item => item.GetProperty("Identity").GetString() == "SeedAnalyzersDocsBaseUrl");
            Assert.Equal(fork + "/blob/main/docs/rules/", metadata.GetProperty("Value").GetString());
            Assert.Equal(_repository.RepositoryUrl + "/blob/main/docs/rules/", _repository.DocsBaseUrl);
            Assert.True(Directory.Exists(Path.Combine(_repository.Root, "docs", "rules")));
        }

        private XElement Nuspec(string id)
        {
            using ZipArchive package = ZipFile.OpenRead(_repository.PackagePath(id));
            return Element(XDocument.Parse(ReadEntry(package, id + ".nuspec")).Root!, "metadata");
        }

        private static XElement Element(XElement parent, string name)
        {
            XElement? element = parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);
            Assert.True(element != null, $"<{name}> missing from the nuspec");
            return element!;
        }

        private static string Value(XElement parent, string name) => Element(parent, name).Value;

        private static string ReadEntry(ZipArchive archive, string name) => new StreamReader(new MemoryStream(ReadBytes(archive, name))).ReadToEnd();

        private static byte[] ReadBytes(ZipArchive archive, string name)
        {
            ZipArchiveEntry entry = archive.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} missing from the package");
            using Stream stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
