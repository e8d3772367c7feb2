using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace SeedAnalyzers.Integration.Tests
{
    /// <summary>
    /// Packs SeedAnalyzers once with a unique version into a temporary folder, and makes consumer projects that
    /// restore it from there (with their own package cache, so no stale copy is ever used).
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        public PackageFixture()
        {
            WorkDirectory = Path.Combine(Path.GetTempPath(), "seedanalyzers-it-" + Guid.NewGuid().ToString("N")[..8]);
            PackageDirectory = Path.Combine(WorkDirectory, "packages");
            Directory.CreateDirectory(PackageDirectory);
            Version = "0.0.0-it" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            CommandResult pack = Run(RepositoryRoot, "dotnet", $"pack src/SeedAnalyzers.Runtime/SeedAnalyzers.Runtime.csproj -c Release -o \"{PackageDirectory}\" -p:Version={Version}");
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
            PackagePath = Path.Combine(PackageDirectory, $"SeedAnalyzers.{Version}.nupkg");
            Assert.True(File.Exists(PackagePath), "no package at " + PackagePath + "\n" + pack.Output);
        }

        public static string RepositoryRoot { get; } = FindRoot();

        public string WorkDirectory { get; }

        public string PackageDirectory { get; }

        public string PackagePath { get; }

        public string Version { get; }

        private readonly object _torchGate = new object();
        private bool _torchPacked;

        /// <summary>Packs SeedAnalyzers.TorchSharp with the same version, once, for the consumers that reference it.</summary>
        public void EnsureTorchPackage()
        {
            lock (_torchGate)
            {
                if (_torchPacked)
                {
                    return;
                }

                CommandResult pack = Run(RepositoryRoot, "dotnet", $"pack src/SeedAnalyzers.TorchSharp/SeedAnalyzers.TorchSharp.csproj -c Release -o \"{PackageDirectory}\" -p:Version={Version}");
                Assert.True(pack.ExitCode == 0, "dotnet pack (TorchSharp) failed:\n" + pack.Output);
                _torchPacked = true;
            }
        }

        /// <summary>A console project referencing the packed SeedAnalyzers, with <paramref name="program"/> as Program.cs.</summary>
        public string CreateConsumer(string name, string program, string extraProperties = "", string extraItems = "")
        {
            string directory = Path.Combine(WorkDirectory, name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <RestorePackagesPath>{Path.Combine(WorkDirectory, "cache")}</RestorePackagesPath>
                    {extraProperties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SeedAnalyzers" Version="{Version}" />
                    {extraItems}
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{PackageDirectory}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            return directory;
        }

        public static CommandResult Run(string directory, string fileName, string arguments)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // The tests' own MSBuild environment must not leak into the child builds.
            foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(variable);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(600_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {arguments} did not finish in 10 minutes:\n{output}");
            }

            process.WaitForExit();
            return new CommandResult(process.ExitCode, output.ToString());
        }

        public void Dispose()
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

    public sealed record CommandResult(int ExitCode, string Output);

    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "Packed SeedAnalyzers";
    }
}
