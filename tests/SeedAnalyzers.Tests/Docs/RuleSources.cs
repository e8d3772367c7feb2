using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// Where a rule lives in the repository, found from the types that report and fix it: each analyzer and fixer
    /// type's file (named after the type), and the test files named after them (<c>TypeTests.cs</c>, and
    /// <c>TypeBehaviourTests.cs</c> for tests that run fixed code). Paths are relative to the repository root.
    /// </summary>
    internal sealed class RuleSources
    {
        private RuleSources(IReadOnlyList<string> analyzers, IReadOnlyList<string> fixers, IReadOnlyList<string> tests)
        {
            Analyzers = analyzers;
            Fixers = fixers;
            Tests = tests;
        }

        public IReadOnlyList<string> Analyzers { get; }

        public IReadOnlyList<string> Fixers { get; }

        public IReadOnlyList<string> Tests { get; }

        public static RuleSources Of(string id)
        {
            string[] analyzers = typeof(RuleIdentifiers).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract
                    && ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics.Any(d => d.Id == id))
                .Select(t => t.Name)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray();
            string[] fixers = typeof(SeedFixer).Assembly.GetTypes()
                .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract
                    && ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds.Contains(id))
                .Select(t => t.Name)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray();
            var tests = new List<string>();
            foreach (string type in analyzers.Concat(fixers))
            {
                tests.AddRange(Find("tests", type + "Tests.cs"));
                tests.AddRange(Find("tests", type.Replace("Analyzer", string.Empty).Replace("Fixer", string.Empty) + "BehaviourTests.cs"));
            }

            return new RuleSources(
                analyzers.Select(type => Find("src", type + ".cs").Single()).ToArray(),
                fixers.Select(type => Find("src", type + ".cs").Single()).ToArray(),
                tests.Distinct().ToArray());
        }

        private static IEnumerable<string> Find(string folder, string fileName) =>
            Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), fileName, SearchOption.AllDirectories)
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(path => path, StringComparer.Ordinal);
    }
}
