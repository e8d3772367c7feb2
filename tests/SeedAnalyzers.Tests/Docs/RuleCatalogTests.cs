using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SeedAnalyzers.Analyzers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// Code, rule pages, release tracking and the docs index must agree. Run with UPDATE_DOCS=1 to regenerate
    /// the index table in docs/README.md from the descriptors.
    /// </summary>
    public class RuleCatalogTests
    {
        private const string TableStart = "<!-- rules:start -->";
        private const string TableEnd = "<!-- rules:end -->";

        public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(d => new object[] { d.Id });

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void DescriptorHasPageHelpLinkCategoryAndReleaseEntry(string id)
        {
            DiagnosticDescriptor descriptor = AllDescriptors().First(d => d.Id == id);
            Assert.Equal("Reproducibility", descriptor.Category);
            Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            string page = RepositoryFiles.PathOf("docs/rules/" + id + ".md");
            Assert.True(File.Exists(page), page + " is missing");
            Assert.StartsWith("# " + id + ": ", File.ReadAllText(page), StringComparison.Ordinal);
            string releases = File.ReadAllText(RepositoryFiles.PathOf("src/SeedAnalyzers.Analyzers/AnalyzerReleases.Unshipped.md"))
                + File.ReadAllText(RepositoryFiles.PathOf("src/SeedAnalyzers.Analyzers/AnalyzerReleases.Shipped.md"));
            Assert.Matches(new Regex("^" + id + @" \| Reproducibility \| " + descriptor.DefaultSeverity + " \\|", RegexOptions.Multiline), releases);
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void EveryPresetSetsEveryRule(string id)
        {
            foreach (string preset in new[] { "Strict", "Relaxed" })
            {
                string config = File.ReadAllText(RepositoryFiles.PathOf($"src/SeedAnalyzers.Runtime/buildTransitive/SeedAnalyzers.{preset}.globalconfig"));
                Assert.Matches(new Regex("^dotnet_diagnostic\\." + id + "\\.severity = ", RegexOptions.Multiline), config);
            }
        }

        [Fact]
        public void EveryPageBelongsToARuleAndItsLinksResolve()
        {
            var ids = new HashSet<string>(AllDescriptors().Select(d => d.Id));
            foreach (string page in Directory.GetFiles(RepositoryFiles.PathOf("docs/rules"), "*.md"))
            {
                Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
                foreach (Match link in Regex.Matches(File.ReadAllText(page), @"\]\((?!https?:)([^)#]+)"))
                {
                    string target = Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value);
                    Assert.True(File.Exists(target), $"{Path.GetFileName(page)} links to missing {link.Groups[1].Value}");
                }
            }
        }

        [Fact]
        public void DocsIndexTableMatchesTheDescriptors()
        {
            string path = RepositoryFiles.PathOf("docs/README.md");
            string text = File.ReadAllText(path);
            int start = text.IndexOf(TableStart, StringComparison.Ordinal);
            int end = text.IndexOf(TableEnd, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "docs/README.md needs the rules:start / rules:end markers");
            string expected = Table();
            string actual = text.Substring(start + TableStart.Length, end - start - TableStart.Length);
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && actual != expected)
            {
                File.WriteAllText(path, text.Substring(0, start + TableStart.Length) + expected + text.Substring(end));
                return;
            }

            Assert.Equal(expected, actual);
        }

        [Fact]
        public void EveryOptionKeyTheAnalyzersReadIsDocumentedOnTheRulePagesItControls()
        {
            string[] keys = typeof(RuleIdentifiers).Assembly.GetTypes()
                .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .Where(value => value.StartsWith("seedanalyzers.", StringComparison.Ordinal))
                .Distinct()
                .ToArray();
            Assert.NotEmpty(keys);
            Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), OptionNames.Rules.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach ((string key, ImmutableArray<string> ids) in OptionNames.Rules)
            {
                foreach (string id in ids)
                {
                    Assert.Contains(key, OptionKeysOnPage(id));
                }
            }
        }

        private static IEnumerable<string> OptionKeysOnPage(string id) =>
            Regex.Matches(File.ReadAllText(RepositoryFiles.PathOf("docs/rules/" + id + ".md")), @"seedanalyzers\.(?:" + id + @"|torch)\.[a-z_]+")
                .Select(match => match.Value)
                .Distinct()
                .OrderBy(key => key, StringComparer.Ordinal);

        /// <summary>Every analyzer the package ships.</summary>
        internal static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
            typeof(RuleIdentifiers).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        internal static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() =>
            typeof(RuleIdentifiers).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
                .GroupBy(d => d.Id)
                .Select(g => g.First())
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();

        /// <summary>Each page ends with its Sources section: the analyzer, fixer and test files of the rule, generated.</summary>
        [Theory]
        [MemberData(nameof(Descriptors))]
        public void EveryPageLinksItsAnalyzerFixerAndTests(string id)
        {
            string path = RepositoryFiles.PathOf("docs/rules/" + id + ".md");
            string text = File.ReadAllText(path);
            RuleSources sources = RuleSources.Of(id);
            Assert.NotEmpty(sources.Analyzers);
            Assert.NotEmpty(sources.Tests);
            string expected = "## Sources\n\n"
                + "* Analyzer: " + Links(sources.Analyzers, "../../") + "\n"
                + "* Code fix: " + (sources.Fixers.Count == 0 ? "none" : Links(sources.Fixers, "../../")) + "\n"
                + "* Tests: " + Links(sources.Tests, "../../") + "\n";
            int start = text.IndexOf("## Sources\n", StringComparison.Ordinal);
            string actual = start < 0 ? string.Empty : text.Substring(start);
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && actual != expected)
            {
                File.WriteAllText(path, (start < 0 ? text.TrimEnd('\n') + "\n\n" : text.Substring(0, start)) + expected);
                return;
            }

            Assert.Equal(expected, actual);
        }

        /// <summary>Markdown links to repository files, relative to the page (<paramref name="up"/> reaches the root from it).</summary>
        private static string Links(IReadOnlyList<string> files, string up) =>
            string.Join(", ", files.Select(file => "[" + Path.GetFileNameWithoutExtension(file) + "](" + up + file + ")"));

        private static string Table()
        {
            var table = new StringBuilder("\n| ID | Title | Default severity | Options (.editorconfig) | Analyzer | Code fix | Tests |\n|---|---|---|---|---|---|---|\n");
            foreach (DiagnosticDescriptor descriptor in AllDescriptors())
            {
                table.Append("| [").Append(descriptor.Id).Append("](rules/").Append(descriptor.Id).Append(".md) | ")
                    .Append(descriptor.Title).Append(" | ").Append(descriptor.DefaultSeverity).Append(" | ")
                    .Append(string.Join(", ", OptionNames.Rules.Where(option => option.Value.Contains(descriptor.Id) && !OptionNames.Aliases.Contains(option.Key)).Select(option => option.Key).OrderBy(key => key, StringComparer.Ordinal).Select(key => "`" + key + "`"))).Append(" | ");
                RuleSources sources = RuleSources.Of(descriptor.Id);
                table.Append(Links(sources.Analyzers, "../")).Append(" | ").Append(sources.Fixers.Count == 0 ? "none" : Links(sources.Fixers, "../")).Append(" | ").Append(Links(sources.Tests, "../")).Append(" |\n");
            }

            return table.ToString();
        }
    }
}
