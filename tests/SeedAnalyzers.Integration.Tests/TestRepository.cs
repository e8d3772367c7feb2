using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// The repository as a fresh clone has it, packed once for every test of the run.
    /// <para>
    /// Why a copy: what a command prints depends on what ran before it in the same tree (an up-to-date build prints no
    /// warnings), so the tests must not run in the user's working tree, where the README's first command may already
    /// have built the sample. The copy holds the working tree's files that git would commit (committed, changed, new;
    /// never bin/, obj/ or anything ignored) on top of a clone of its commit, without a remote: SourceLink and the
    /// packages' repository commit are tested as such a clone produces them.
    /// </para>
    /// </summary>
    public sealed class TestRepository
    {
        private static readonly Lazy<TestRepository> SharedCopy = new(() => new TestRepository(), LazyThreadSafetyMode.ExecutionAndPublication);

        private TestRepository()
        {
            WorkDirectory = Directory.CreateTempSubdirectory("seedanalyzers-it-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteWorkDirectory();
            Root = Path.Combine(WorkDirectory, "repo");
            PackageDirectory = Path.Combine(WorkDirectory, "packages");
            CopyWorkingTree(Source, Root);

            // The README's own pack command (one restore, one Release build), shared by every test that needs a package.
            PackOutput = Command.Succeed(Root, "dotnet", $"pack -c Release -o \"{PackageDirectory}\"").Output;

            using JsonDocument properties = JsonDocument.Parse(Command.Succeed(Root, "dotnet",
                "msbuild src/SeedAnalyzers.Runtime/SeedAnalyzers.Runtime.csproj -getProperty:PackageVersion -getProperty:RepositoryUrl -getProperty:SeedAnalyzersDocsBaseUrl").Output);
            JsonElement values = properties.RootElement.GetProperty("Properties");
            Version = values.GetProperty("PackageVersion").GetString()!;
            RepositoryUrl = values.GetProperty("RepositoryUrl").GetString()!;
            DocsBaseUrl = values.GetProperty("SeedAnalyzersDocsBaseUrl").GetString()!;
            Commit = Command.Succeed(Root, "git", "rev-parse HEAD").Output.Trim();
            Directory.CreateDirectory(Path.Combine(WorkDirectory, "consumers"));
            File.WriteAllText(Path.Combine(WorkDirectory, "consumers", "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{PackageDirectory}" />
                  </packageSources>
                </configuration>
                """);
        }

        public static TestRepository Shared => SharedCopy.Value;

        /// <summary>The working tree these tests were built from.</summary>
        public static string Source { get; } = FindRoot();

        public string WorkDirectory { get; }

        /// <summary>The copy every command of the tests runs in.</summary>
        public string Root { get; }

        /// <summary>What <c>dotnet pack -c Release</c> produced in the copy: every package and symbol package.</summary>
        public string PackageDirectory { get; }

        public string PackOutput { get; }

        public string Version { get; }

        /// <summary>The one property (Directory.Build.props) that names the repository.</summary>
        public string RepositoryUrl { get; }

        /// <summary>Where the analyzers' help links point, from SeedAnalyzersDocsBaseUrl.</summary>
        public string DocsBaseUrl { get; }

        public string Commit { get; }

        public string PackagePath(string id) => Path.Combine(PackageDirectory, $"{id}.{Version}.nupkg");

        public string SymbolPackagePath(string id) => Path.Combine(PackageDirectory, $"{id}.{Version}.snupkg");

        /// <summary>
        /// A clone of <paramref name="source"/>'s commit without a remote, with the working tree's files that git would
        /// commit copied over it, so uncommitted changes are tested too.
        /// </summary>
        public static void CopyWorkingTree(string source, string destination)
        {
            Command.Succeed(source, "git", $"clone --quiet --shared --no-checkout \"{source}\" \"{destination}\"");
            Command.Succeed(destination, "git", "remote remove origin");
            string files = Command.Succeed(source, "git", "ls-files -z --cached --others --exclude-standard").Output;
            foreach (string file in files.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim('\r', '\n')).Where(line => line.Length > 0))
            {
                string from = Path.Combine(source, file);
                if (File.Exists(from))
                {
                    string to = Path.Combine(destination, file);
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to);
                }
            }

            Command.Succeed(destination, "git", "reset --quiet");
        }

        private void DeleteWorkDirectory()
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the folder is in the temp directory.
            }
        }

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SeedAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("SeedAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
