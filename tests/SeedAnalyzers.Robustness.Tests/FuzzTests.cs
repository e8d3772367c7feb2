using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Every analyzer and every code fix on code as it looks while being typed: the samples and the Corpus snippets,
    /// cut, shuffled and broken by <see cref="Mutator"/>. A failure is reported once per distinct bug, with the
    /// master seed, the variant that met it first, what was done to the source, and a minimized snippet.
    /// </summary>
    public class FuzzTests
    {
        private static readonly TimeSpan VariantTimeout = TimeSpan.FromSeconds(60);

        /// <summary>Rules that exist today and that the corpus triggers; a slice that misses one exercised too little.</summary>
        /// <summary>Every rule the analyzers ship: the corpus must make each of them report, so a new rule cannot go unfuzzed.</summary>
        private static readonly string[] ExpectedIds = AnalysisSetup.Analyzers
            .SelectMany(analyzer => analyzer.SupportedDiagnostics)
            .Select(descriptor => descriptor.Id)
            .Distinct()
            .OrderBy(id => id, System.StringComparer.Ordinal)
            .ToArray();

        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task AnalyzersAndFixesSurviveBrokenCode()
        {
            long seed = FuzzSettings.Seed;
            IReadOnlyList<SourceFile> sources = FuzzCorpus.All;
            (string Source, int Index)? single = FuzzSettings.SingleVariant;
            List<(SourceFile Source, int Index)> selected = single is (string name, int wanted)
                ? new List<(SourceFile, int)> { (sources.SingleOrDefault(source => source.Name == name) ?? throw new InvalidOperationException($"no fuzz source named {name}"), wanted) }
                : Enumerable.Range(0, FuzzSettings.Variants).Select(i => (sources[i % sources.Count], i / sources.Count)).ToList();
            int count = selected.Count;
            var root = new DeterministicRandom(seed);
            var diagnosticsPerId = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var failures = new Dictionary<string, (Variant First, Failure Failure, int Variants)>(StringComparer.Ordinal);
            int fixes = 0;
            TimeSpan analysis = TimeSpan.Zero, fixing = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();

            // Variants are independent (each draws from its own stream of the master seed, in its own solution), so they
            // are checked side by side, one per core; the results are then read in variant order, so the report and the
            // first variant named for each failure do not depend on scheduling.
            Variant[] variants = selected.Select(pick => CreateVariant(pick.Source, pick.Index, root)).ToArray();
            var reports = new VariantReport[variants.Length];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, variants.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (i, _) => reports[i] = await VariantChecker.CheckAsync(variants[i], VariantTimeout));
            for (int i = 0; i < variants.Length; i++)
            {
                Variant variant = variants[i];
                VariantReport report = reports[i];
                fixes += report.FixesApplied;
                analysis += report.AnalysisTime;
                fixing += report.FixTime;
                foreach (KeyValuePair<string, int> pair in report.DiagnosticsPerId)
                {
                    diagnosticsPerId[pair.Key] = diagnosticsPerId.GetValueOrDefault(pair.Key) + pair.Value;
                }

                foreach (IGrouping<string, Failure> bug in report.Failures.GroupBy(failure => failure.Signature))
                {
                    failures[bug.Key] = failures.TryGetValue(bug.Key, out var known) ? (known.First, known.Failure, known.Variants + 1) : (variant, bug.First(), 1);
                }
            }

            TimeSpan elapsed = clock.Elapsed;
            int seedDiagnostics = diagnosticsPerId.Where(pair => pair.Key.StartsWith("SEED", StringComparison.Ordinal)).Sum(pair => pair.Value);
            _output.WriteLine($"{count} variants of {sources.Count} sources (master seed {seed}) in {elapsed.TotalSeconds:F1} s: "
                + $"{seedDiagnostics} SEED diagnostics, {fixes} fixes applied and compiled, {failures.Count} distinct failures "
                + $"(compile and analyze {analysis.TotalSeconds:F1} s, fix and recompile {fixing.TotalSeconds:F1} s)");
            _output.WriteLine("diagnostics: " + string.Join(", ", diagnosticsPerId.Select(pair => $"{pair.Key} {pair.Value}")));
            _output.WriteLine($"analyzers: {string.Join(", ", AnalysisSetup.Analyzers.Select(a => a.GetType().Name))}");
            _output.WriteLine($"fixers: {string.Join(", ", AnalysisSetup.Fixers.Select(f => f.GetType().Name))}");

            if (failures.Count > 0)
            {
                string reproduce = single is null ? $"SEEDANALYZERS_FUZZ_VARIANTS={count}" : FuzzSettings.SingleVariantSetting(single.Value.Source, single.Value.Index);
                Assert.Fail(await DescribeAsync(failures, seed, count, reproduce));
            }

            // One variant rerun to reproduce a failure cannot cover every rule.
            if (single != null)
            {
                return;
            }

            // A slice that analyzed nothing (no sources, every variant unparseable, rules silent) must not pass.
            Assert.True(sources.Count >= 10, $"only {sources.Count} fuzz sources found");
            Assert.True(seedDiagnostics >= count, $"only {seedDiagnostics} SEED diagnostics in {count} variants");
            Assert.True(fixes >= count / 2, $"only {fixes} fixes applied in {count} variants");
            Assert.All(ExpectedIds, id => Assert.True(diagnosticsPerId.ContainsKey(id), $"{id} never reported"));
        }

        /// <summary>
        /// Variant <paramref name="index"/> of a source. The first two are the source itself, with and without the runtime
        /// referenced (fixes on intact code must compile cleanly too); the rest are mutated. The reference pack and the
        /// runtime choice are drawn as well, so both fix paths (named streams, constant seed) meet broken code.
        /// </summary>
        public static Variant CreateVariant(SourceFile source, int index, DeterministicRandom root)
        {
            DeterministicRandom random = root.Fork(source.Name).ForIndex(index);
            Framework framework = random.Next(2) == 0 ? Framework.Net80 : Framework.Net100;
            if (index < 2)
            {
                return new Variant(source.Name, index, Array.Empty<string>(), source.Text, framework, index == 0, source.TopLevel);
            }

            bool runtime = random.Next(4) != 0;
            (string text, IReadOnlyList<string> steps) = Mutator.Mutate(source.Text, random);
            return new Variant(source.Name, index, steps, text, framework, runtime, source.TopLevel);
        }

        private static async Task<string> DescribeAsync(Dictionary<string, (Variant First, Failure Failure, int Variants)> failures, long seed, int count, string reproduce)
        {
            var message = new StringBuilder();
            message.AppendLine($"{failures.Count} distinct robustness failures in {count} variants (reproduce: SEEDANALYZERS_FUZZ_SEED={seed} {reproduce}):");
            foreach (var (signature, (variant, failure, variants)) in failures.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                // Minimized on the same failure signature, so the snippet still shows this bug and not another.
                string snippet = await Minimizer.MinimizeAsync(
                    variant.Text,
                    async text => (await VariantChecker.CheckAsync(variant.WithText(text), VariantTimeout)).Failures.Any(f => f.Signature == signature),
                    TimeSpan.FromSeconds(30));
                VariantReport minimal = await VariantChecker.CheckAsync(variant.WithText(snippet), VariantTimeout);
                Failure shown = minimal.Failures.FirstOrDefault(f => f.Signature == signature) ?? failure;
                message.AppendLine();
                message.AppendLine($"* {signature}");
                message.AppendLine($"  in {variants} variant(s); first: {variant.Describe()} (alone: SEEDANALYZERS_FUZZ_SEED={seed} {FuzzSettings.SingleVariantSetting(variant.Source, variant.Index)})");
                message.AppendLine("  " + shown.Detail.Replace("\n", "\n  ", StringComparison.Ordinal));
                message.AppendLine("  minimized snippet:");
                message.AppendLine("  ----");
                message.AppendLine("  " + snippet.Replace("\n", "\n  ", StringComparison.Ordinal));
                message.AppendLine("  ----");
            }

            return message.ToString();
        }
    }
}
