using System;
using System.IO;

namespace SeedAnalyzers.Tests
{
    /// <summary>Locates files of this repository from the test's output folder.</summary>
    internal static class RepositoryFiles
    {
        public static string Root { get; } = FindRoot();

        public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

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
