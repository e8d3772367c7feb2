using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>A real C# file the fuzzer starts from.</summary>
    /// <param name="Name">Where it comes from: a repository path, or Corpus/Name.cs for an embedded snippet.</param>
    /// <param name="Text">Its source text.</param>
    /// <param name="TopLevel">True when the file is a program written as top-level statements (compiled as an exe).</param>
    public sealed record SourceFile(string Name, string Text, bool TopLevel);

    /// <summary>
    /// The fuzz seeds: every .cs file under samples/ (code as users write it, flagged and fixed) and the snippets in
    /// Corpus/, which exercise each rule's constructs (System.Random, Random.Shared, Parallel, Task.Run, seeds from
    /// the clock and hash codes, TorchSharp generators, DataLoader shuffles, TF32).
    /// </summary>
    public static class FuzzCorpus
    {
        private static readonly Lazy<IReadOnlyList<SourceFile>> s_all = new Lazy<IReadOnlyList<SourceFile>>(Load);

        public static IReadOnlyList<SourceFile> All => s_all.Value;

        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        private static IReadOnlyList<SourceFile> Load()
        {
            var samples = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .Select(path => Create(Path.GetRelativePath(RepositoryRoot, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)));
            Assembly assembly = typeof(FuzzCorpus).Assembly;
            var snippets = assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith("Corpus.", StringComparison.Ordinal))
                .Select(name =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                    return Create(name.Replace("Corpus.", "Corpus/", StringComparison.Ordinal), reader.ReadToEnd());
                });
            return samples.Concat(snippets).OrderBy(source => source.Name, StringComparer.Ordinal).ToList();
        }

        private static SourceFile Create(string name, string text) =>
            new SourceFile(name, text, CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any());

        private static string FindRepositoryRoot()
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
