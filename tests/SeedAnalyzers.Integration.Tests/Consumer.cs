using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// Projects that use the packed SeedAnalyzers packages as a user's project does: a PackageReference restored from
    /// the local package folder (consumers/nuget.config), into a package cache of the run's own, so no copy from an
    /// earlier run is ever used.
    /// </summary>
    public static class Consumer
    {
        public const string FlaggedProgram = """
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

        /// <summary>
        /// A project in its own folder referencing the package <paramref name="packageId"/>; <paramref name="files"/>
        /// maps file names to their text.
        /// </summary>
        public static string Create(
            string name,
            IReadOnlyDictionary<string, string> files,
            string packageId = "SeedAnalyzers",
            string targetFramework = "net10.0",
            string outputType = "Exe",
            string extraProperties = "",
            string extraItems = "")
        {
            TestRepository repository = TestRepository.Shared;
            string directory = Path.Combine(repository.WorkDirectory, "consumers", name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>{outputType}</OutputType>
                    <TargetFramework>{targetFramework}</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <RestorePackagesPath>{Path.Combine(repository.WorkDirectory, "cache")}</RestorePackagesPath>
                    {extraProperties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{packageId}" Version="{repository.Version}" />
                    {extraItems}
                  </ItemGroup>
                </Project>
                """);
            foreach (KeyValuePair<string, string> file in files)
            {
                File.WriteAllText(Path.Combine(directory, file.Key), file.Value);
            }

            return directory;
        }

        public static string Create(string name, string program, string packageId = "SeedAnalyzers", string targetFramework = "net10.0", string extraProperties = "") =>
            Create(name, new Dictionary<string, string> { ["Program.cs"] = program }, packageId, targetFramework, extraProperties: extraProperties);

        /// <summary>
        /// A solution holding <paramref name="projects"/>, as <c>dotnet format</c> wants it. Written out rather than
        /// made by <c>dotnet new sln</c> and <c>dotnet sln add</c>: the same file, three processes fewer.
        /// </summary>
        public static string CreateSolution(string name, params string[] projects)
        {
            string path = Path.Combine(TestRepository.Shared.WorkDirectory, "consumers", name + ".sln");
            string[] ids = projects.Select((_, index) => $"{{{new Guid(index + 1, 0, 0, new byte[8]).ToString().ToUpperInvariant()}}}").ToArray();
            var text = new StringBuilder("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
            for (int i = 0; i < projects.Length; i++)
            {
                string relative = Path.GetRelativePath(Path.GetDirectoryName(path)!, projects[i]);
                text.Append($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{Path.GetFileNameWithoutExtension(relative)}\", \"{relative}\", \"{ids[i]}\"\nEndProject\n");
            }

            text.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\t\tRelease|Any CPU = Release|Any CPU\n\tEndGlobalSection\n");
            text.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
            foreach (string id in ids)
            {
                foreach (string configuration in new[] { "Debug", "Release" })
                {
                    text.Append($"\t\t{id}.{configuration}|Any CPU.ActiveCfg = {configuration}|Any CPU\n\t\t{id}.{configuration}|Any CPU.Build.0 = {configuration}|Any CPU\n");
                }
            }

            text.Append("\tEndGlobalSection\nEndGlobal\n");
            File.WriteAllText(path, text.ToString());
            return path;
        }
    }
}
