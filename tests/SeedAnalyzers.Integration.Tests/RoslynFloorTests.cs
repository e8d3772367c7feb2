using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// The analyzers are built against Microsoft.CodeAnalysis 4.8 (Visual Studio 2022 17.8, the .NET 8 SDK), the oldest
    /// host they promise; every other test runs them in the .NET 10 SDK's compiler. Here the packed analyzer assemblies
    /// load into the 4.8 compiler this project references, as a 4.8 host loads them, so an analyzer built against a
    /// newer compiler (CS9057 in such a host) or calling an API 4.8 lacks fails here, not for users.
    /// </summary>
    public class RoslynFloorTests
    {
        private const string Workers = """
            using System;
            using System.Threading.Tasks;

            static class Workers
            {
                public static double[] Noise(int count)
                {
                    var shared = new Random(7);
                    var results = new double[count];
                    Parallel.For(0, count, i => results[i] = shared.NextDouble());
                    return results;
                }

                public static int Jitter() => new Random(Environment.TickCount).Next() + Random.Shared.Next();
            }
            """;

        private readonly TestRepository _repository = TestRepository.Shared;

        [Fact]
        public void TheCompilerHereIsRoslyn48()
        {
            Assert.Equal(new Version(4, 8, 0, 0), typeof(CSharpCompilation).Assembly.GetName().Version);
            Assert.Equal(new Version(4, 8, 0, 0), typeof(Compilation).Assembly.GetName().Version);
            Assert.Equal(new Version(4, 8, 0, 0), typeof(CodeFixProvider).Assembly.GetName().Version);
        }

        [Fact]
        public async Task PackedAnalyzersReportInARoslyn48CompilationWhatTheSdkBuildReports()
        {
            string project = Consumer.Create("RoslynFloor", new Dictionary<string, string>
            {
                ["Program.cs"] = File.ReadAllText(Path.Combine(_repository.Root, "samples/TorchTraining/Program.cs")),
                ["Workers.cs"] = Workers,
            }, packageId: "SeedAnalyzers.TorchSharp", targetFramework: "net8.0");
            string sarif = Path.Combine(project, "sdk.sarif");
            CommandResult build = Command.Succeed(project, "dotnet",
                $"build -t:Build -p:ErrorLog=\"{sarif}%2Cversion=2.1\" -getItem:Compile -getItem:ReferencePathWithRefAssemblies "
                + "-getProperty:LangVersion -getProperty:DefineConstants -getProperty:OutputType -getProperty:Nullable -getProperty:AllowUnsafeBlocks");
            using JsonDocument evaluation = JsonDocument.Parse(build.Output.Substring(build.Output.IndexOf('{', StringComparison.Ordinal)));
            string[] sdk = SarifDiagnostics(sarif);
            foreach (string id in new[] { "SEED001", "SEED002", "SEED003", "SEED004", "SEED010", "SEED020", "SEED024", "SEED030", "SEED031" })
            {
                Assert.Contains(sdk, diagnostic => diagnostic.StartsWith(id + " ", StringComparison.Ordinal));
            }

            CSharpCompilation compilation = CompilationAsTheSdkBuiltIt(evaluation.RootElement);
            Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add($"{analyzer}: {exception}"); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> reported = await compilation.WithAnalyzers(LoadPackedAnalyzers(), options).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            string[] floor = reported
                .Where(diagnostic => diagnostic.Severity != DiagnosticSeverity.Hidden && !diagnostic.IsSuppressed)
                .Select(diagnostic =>
                {
                    FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                    string level = diagnostic.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" };
                    return $"{diagnostic.Id} {level} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
                })
                .OrderBy(line => line, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(sdk, floor);
        }

        /// <summary>Loads the analyzers and code fixes from the packed nupkg through the 4.8 host's own loading path.</summary>
        private ImmutableArray<DiagnosticAnalyzer> LoadPackedAnalyzers()
        {
            string directory = Path.Combine(_repository.WorkDirectory, "floor-analyzers");
            using (ZipArchive package = ZipFile.OpenRead(_repository.PackagePath("SeedAnalyzers")))
            {
                foreach (ZipArchiveEntry entry in package.Entries.Where(entry => entry.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)))
                {
                    Directory.CreateDirectory(directory);
                    entry.ExtractToFile(Path.Combine(directory, entry.Name), overwrite: true);
                }
            }

            var loader = new Loader();
            var failures = new List<string>();
            var analyzers = new List<DiagnosticAnalyzer>();
            var fixers = new List<CodeFixProvider>();
            foreach (string path in Directory.GetFiles(directory, "*.dll").OrderBy(path => path, StringComparer.Ordinal))
            {
                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.Message} {e.Exception}");
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
                Assembly assembly = reference.GetAssembly();
                AssemblyName? compiler = assembly.GetReferencedAssemblies().SingleOrDefault(name => name.Name == "Microsoft.CodeAnalysis");
                Assert.True(compiler != null && compiler.Version <= new Version(4, 8, 0, 0), $"{Path.GetFileName(path)} references Microsoft.CodeAnalysis {compiler?.Version}, newer than the 4.8 floor");
                fixers.AddRange(assembly.GetTypes()
                    .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
                    .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!));
            }

            Assert.Empty(failures);
            Assert.NotEmpty(analyzers);
            Assert.All(analyzers, analyzer => Assert.NotEmpty(analyzer.SupportedDiagnostics));
            Assert.NotEmpty(fixers);
            Assert.All(fixers, fixer => Assert.NotEmpty(fixer.FixableDiagnosticIds));
            return analyzers.ToImmutableArray();
        }

        /// <summary>The SDK build's own sources, references and options, compiled by Roslyn 4.8.</summary>
        private static CSharpCompilation CompilationAsTheSdkBuiltIt(JsonElement evaluation)
        {
            JsonElement properties = evaluation.GetProperty("Properties");
            JsonElement items = evaluation.GetProperty("Items");
            Assert.True(LanguageVersionFacts.TryParse(properties.GetProperty("LangVersion").GetString(), out LanguageVersion language));
            var parse = new CSharpParseOptions(language, preprocessorSymbols: properties.GetProperty("DefineConstants").GetString()!.Split(';', StringSplitOptions.RemoveEmptyEntries));
            SyntaxTree[] trees = items.GetProperty("Compile").EnumerateArray()
                .Select(item => item.GetProperty("FullPath").GetString()!)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path))
                .ToArray();
            MetadataReference[] references = items.GetProperty("ReferencePathWithRefAssemblies").EnumerateArray()
                .Select(item => MetadataReference.CreateFromFile(item.GetProperty("FullPath").GetString()!))
                .ToArray();
            var options = new CSharpCompilationOptions(
                properties.GetProperty("OutputType").GetString() == "Exe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: properties.GetProperty("Nullable").GetString() == "enable" ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                allowUnsafe: properties.GetProperty("AllowUnsafeBlocks").GetString() == "true");
            return CSharpCompilation.Create("RoslynFloor", trees, references, options);
        }

        /// <summary>The SEED results of a SARIF 2.1 log, in the form the 4.8 side is compared in.</summary>
        private static string[] SarifDiagnostics(string path)
        {
            using JsonDocument log = JsonDocument.Parse(File.ReadAllText(path));
            return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(result => result.GetProperty("ruleId").GetString()!.StartsWith("SEED", StringComparison.Ordinal))
                .Select(result =>
                {
                    JsonElement location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                    string file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                    JsonElement region = location.GetProperty("region");
                    return $"{result.GetProperty("ruleId").GetString()} {result.GetProperty("level").GetString()} {file}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}): {result.GetProperty("message").GetProperty("text").GetString()}";
                })
                .OrderBy(line => line, StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>The plainest host loader: the analyzer binds to the one Microsoft.CodeAnalysis loaded here, 4.8.</summary>
        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
