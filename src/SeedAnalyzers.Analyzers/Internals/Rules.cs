using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>Builds descriptors the same way for every rule: one category, help link from the ID.</summary>
    internal static class Rules
    {
        public const string Category = "Reproducibility";

        /// <summary>SeedAnalyzersDocsBaseUrl from Directory.Build.props, so one property moves every help link.</summary>
        public static readonly string HelpLinkBase = typeof(Rules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SeedAnalyzersDocsBaseUrl").Value;

        /// <summary>
        /// Every rule's generated-code setting: generated code is not analyzed (files named or marked as generated,
        /// members marked [GeneratedCode] included), and what is reported is not searched for generated code again.
        /// That second search (the flag <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/> skips it) walks
        /// every token of a tree the first time a diagnostic lands in it, to find [GeneratedCode] members: a large share
        /// of a rule's time (docs/performance.md), for nothing, since the rules report only in code they analyzed.
        /// </summary>
        public const GeneratedCodeAnalysisFlags GeneratedCode = GeneratedCodeAnalysisFlags.ReportDiagnostics;

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        public static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            DiagnosticSeverity defaultSeverity,
            string description,
            params string[] customTags) =>
            new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                Category,
                defaultSeverity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id),
                customTags: customTags);
    }
}
