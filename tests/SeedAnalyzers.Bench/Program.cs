using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SeedAnalyzers.Bench;

/// <summary>
/// Measures what the SEED analyzers cost on a real compilation, next to CA5394 and an empty analyzer baseline
/// in the same analyzer run. Usage: run DIR [--torchsharp] [--libraries] [--iterations N] [--only NAME,...] | generate --lines N --out DIR
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "generate")
        {
            var lines = int.Parse(Option(args, "--lines") ?? "200000");
            var output = Option(args, "--out") ?? throw new ArgumentException("generate needs --out DIR");
            CorpusGenerator.Write(output, lines);
            Console.WriteLine($"wrote {lines} lines to {output}");
            return 0;
        }
        if (args.Length < 2 || args[0] != "run")
        {
            Console.Error.WriteLine("usage: run DIR [--torchsharp] [--libraries] [--reference DLL_OR_DIR,...] [--library DIR] [--implicit-usings] [--iterations N] [--only NAMES] [--main TYPE] [--list] [--serial] [--runs] [--wall] [--order alternate|seed-first|peer-first] [--no-gc-mb N] | generate --lines N --out DIR");
            return 2;
        }
        var iterations = int.Parse(Option(args, "--iterations") ?? "3");
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var extra = Option(args, "--reference")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return await Harness.RunAsync(args[1], args.Contains("--torchsharp"), iterations, only, Option(args, "--main"), args.Contains("--list"), args.Contains("--serial"), args.Contains("--runs"), args.Contains("--wall"), Option(args, "--order") ?? "alternate", extra, Option(args, "--library"), args.Contains("--implicit-usings"), args.Contains("--libraries"), long.Parse(Option(args, "--no-gc-mb") ?? "0"));
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

public static class Harness
{
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>The peer every SEED rule is compared with: CA5394, "Do not use insecure randomness", which flags every System.Random call.</summary>
    private const string PeerId = "CA5394";
    private const string PeerType = "Microsoft.NetCore.Analyzers.Security.DoNotUseInsecureRandomness";

    /// <param name="folder">The folder of C# sources to analyze.</param>
    /// <param name="torchSharp">Reference TorchSharp 0.107.0 (for corpora that use it).</param>
    /// <param name="libraries">Reference ML.NET 6.0.0 (with FastTree and LightGbm) and Math.NET Numerics 5.0.0 (for corpora that use them).</param>
    /// <param name="noGcMegabytes">With N above 0: a full collection before each analysis, then none while it allocates up to N MB (the runtime's no-GC region), so that a collection's pause is not billed to whichever callback allocated last.</param>
    /// <param name="iterations">Measured runs (after a warm-up run).</param>
    /// <param name="only">The SEED analyzers to run (null: all).</param>
    /// <param name="mainType">Compile as a console application with this entry type (the TorchSharp entry-point rules judge executables);
    /// "auto": the one Main or the top-level statements; null: a library.</param>
    /// <param name="listDiagnostics">Print every SEED diagnostic with its file, line and source line (for the precision review).</param>
    /// <param name="serial">Run the analyzers on one thread: each callback's time is then its own, not stretched by other
    /// analysis threads taking the two cores from it mid-callback (which made concurrent medians vary twofold).</param>
    /// <param name="showRuns">Print every measured run's time per analyzer, to tell a steady cost from outliers.</param>
    /// <param name="wall">Instead of per-analyzer times, measure the wall time the selected SEED analyzers add to an
    /// analysis run of the peer and baselines (see <see cref="WallAsync"/>).</param>
    /// <param name="order">Which analyzers the driver runs first on each member: "seed-first", "peer-first", or
    /// "alternate" (the default: the list reversed on every other run). The driver runs one analyzer's callbacks over a
    /// member's operations before the next analyzer's, so the first pays for bringing the member's operations and
    /// symbols into the cache and the others find them warm: with the SEED analyzers always first, the first SEED rule
    /// with a callback per call (SEED002) was billed most of what CA5394 then got for free.</param>
    /// <param name="extraReferences">More assemblies to compile against (DLL files, or folders whose DLLs are all taken):
    /// ML.NET or Math.NET for code that uses them.</param>
    /// <param name="library">A folder compiled first as a library the corpus references (a program's library project), with the same references.</param>
    /// <param name="implicitUsings">Add the global usings of an SDK project with ImplicitUsings enabled.</param>
    public static async Task<int> RunAsync(string folder, bool torchSharp, int iterations, IReadOnlyCollection<string>? only, string? mainType = null, bool listDiagnostics = false, bool serial = false, bool showRuns = false, bool wall = false, string order = "alternate", IReadOnlyCollection<string>? extraReferences = null, string? library = null, bool implicitUsings = false, bool libraries = false, long noGcMegabytes = 0)
    {
        if (order != "alternate" && order != "seed-first" && order != "peer-first")
        {
            Console.Error.WriteLine($"--order must be alternate, seed-first or peer-first, not {order}");
            return 2;
        }
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"no such folder: {folder}");
            return 2;
        }
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        if (implicitUsings)
        {
            // What the SDK generates for <ImplicitUsings>enable</ImplicitUsings>: such code names Random, List, Task unqualified.
            trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, Path.Combine(folder, "obj", "GlobalUsings.g.cs")));
        }
        var lines = trees.Sum(t => t.GetText().Lines.Count);
        var references = References(torchSharp, libraries);
        foreach (var path in extraReferences ?? Array.Empty<string>())
        {
            var dlls = Directory.Exists(path) ? Directory.GetFiles(path, "*.dll") : new[] { path };
            references.AddRange(dlls.Where(File.Exists).Select(dll => (MetadataReference)MetadataReference.CreateFromFile(dll)));
        }
        if (library != null)
        {
            // The library project: its own compilation, referenced as a project reference is (not analyzed, not timed).
            var libraryTrees = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f));
            references.Add(CSharpCompilation.Create("Library", libraryTrees, references.ToList(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true)).ToMetadataReference());
        }
        // CA5394 is off by default; turned on here exactly as an .editorconfig severity would.
        var compilation = CSharpCompilation.Create("Corpus", trees, references,
            new CSharpCompilationOptions(mainType is null ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication,
                    mainTypeName: mainType == "auto" ? null : mainType, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { [PeerId] = ReportDiagnostic.Warn }));

        var seedAnalyzers = System.Reflection.Assembly.Load("SeedAnalyzers.Analyzers").GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        var peer = LoadPeer();
        var baselines = new DiagnosticAnalyzer[] { new EmptyAnalyzer(), new EmptyBlockAnalyzer() };
        var ordered = order == "peer-first" ? baselines.Prepend(peer).Concat(seedAnalyzers) : seedAnalyzers.Append(peer).Concat(baselines);
        var all = ordered
            .Where(a => only is null || only.Contains(Name(a)) || only.Contains(a.GetType().Name))
            .ToImmutableArray();
        if (all.IsEmpty)
        {
            Console.Error.WriteLine($"--only matches none of: {string.Join(", ", seedAnalyzers.Append(peer).Concat(baselines).Select(Name))}");
            return 2;
        }

        Console.WriteLine($"{(serial ? "serial" : "concurrent")} analysis, order {order}; files: {files.Count}  lines: {lines}  analyzers: {string.Join(", ", all.Select(Name))}");
        if (wall)
        {
            return await WallAsync(compilation, trees, all, iterations, serial);
        }

        var compileTimes = new List<double>();
        var analysisTimes = new List<double>();
        var gcPauses = new List<string>();
        var analyzerTimes = new Dictionary<string, List<double>>();
        var diagnosticsPerId = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exceptions = new List<string>();
        for (var run = 0; run <= iterations; run++)
        {
            // Each run starts from a fresh compilation so no bound state is shared between measurements.
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            var stopwatch = Stopwatch.StartNew();
            var compilerDiagnostics = fresh.GetDiagnostics();
            stopwatch.Stop();
            if (run == 0)
            {
                var errors = compilerDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                Console.WriteLine($"compiler errors: {errors} (unresolved references make rules silent there)");
            }
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => exceptions.Add($"{Name(analyzer)}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: !serial, logAnalyzerExecutionTime: true);
            // The runtime's pauses for garbage collection during the analysis: a pause lands in whichever callback
            // allocates when the budget runs out, and is billed to that analyzer's row (performance.md, "Why the medians jump").
            // --no-gc-mb N: a full collection first, then no collection while the analysis allocates up to N MB, so the
            // per-analyzer rows hold the callbacks' own time; "held" says the budget sufficed (it ends at the first
            // collection otherwise).
            var noGcRegion = false;
            if (noGcMegabytes > 0)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                noGcRegion = GC.TryStartNoGCRegion(noGcMegabytes * 1024L * 1024L);
            }
            var pauseBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var analysis = Stopwatch.StartNew();
            var runAnalyzers = order == "alternate" && run % 2 == 1 ? all.Reverse().ToImmutableArray() : all;
            var result = await fresh.WithAnalyzers(runAnalyzers, options).GetAnalysisResultAsync(CancellationToken.None);
            analysis.Stop();
            var held = noGcRegion && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion;
            if (held)
            {
                GC.EndNoGCRegion();
            }
            if (run > 0)
            {
                var allocated = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / (1024 * 1024);
                gcPauses.Add($"{(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms ({GC.CollectionCount(2) - gen2Before} gen2, {allocated} MB allocated{(noGcMegabytes > 0 ? held ? ", no-GC region held" : ", no-GC region not held" : "")})");
            }
            if (run == 0)
            {
                // Warm-up run: JIT and first-bind costs are not what a user pays on every keystroke.
                var found = result.GetAllDiagnostics();
                if (listDiagnostics)
                {
                    foreach (var diagnostic in found.Where(d => d.Id.StartsWith("SEED", StringComparison.Ordinal))
                        .OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                    {
                        var span = diagnostic.Location.GetLineSpan();
                        var source = diagnostic.Location.SourceTree?.GetText().Lines[span.StartLinePosition.Line].ToString().Trim() ?? string.Empty;
                        Console.WriteLine($"{diagnostic.Id} {Path.GetRelativePath(folder, span.Path)}:{span.StartLinePosition.Line + 1} | {source}");
                        Console.WriteLine($"    {diagnostic.GetMessage()}");
                    }
                }
                foreach (var diagnostic in found)
                {
                    diagnosticsPerId[diagnostic.Id] = diagnosticsPerId.GetValueOrDefault(diagnostic.Id) + 1;
                    if (diagnostic.Id == "AD0001")
                    {
                        exceptions.Add(diagnostic.GetMessage());
                    }
                }
                continue;
            }
            compileTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            analysisTimes.Add(analysis.Elapsed.TotalMilliseconds);
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
            {
                var name = Name(analyzer);
                if (!analyzerTimes.TryGetValue(name, out var list))
                {
                    analyzerTimes[name] = list = new List<double>();
                }
                list.Add(telemetry.ExecutionTime.TotalMilliseconds);
            }
        }

        var compile = Median(compileTimes);
        Console.WriteLine($"compile (GetDiagnostics) median of {iterations}: {compile:F0} ms");
        Console.WriteLine($"analysis wall (all analyzers above, one run) median of {iterations}: {Median(analysisTimes):F0} ms");
        var peerTime = analyzerTimes.TryGetValue(PeerId, out var peerTimes) ? Median(peerTimes) : double.NaN;
        // The host's noise only ever adds time, so the fastest run is shown next to the median: two shared cores
        // made the same code's median vary twofold between runs, its minimum far less.
        var compileMin = compileTimes.Count == 0 ? 0 : compileTimes.Min();
        var peerMin = analyzerTimes.TryGetValue(PeerId, out var peerList) ? peerList.Min() : double.NaN;
        Console.WriteLine($"compile (GetDiagnostics) fastest of {iterations}: {compileMin:F0} ms");
        Console.WriteLine($"{"analyzer",-36} {"ms",10} {"% compile",10} {"ms/kLOC",10} {"x " + PeerId,10} {"min ms",10} {"min %",8} {"min x",8}");
        var seedTotal = 0.0;
        var seedMinTotal = 0.0;
        foreach (var (name, times) in analyzerTimes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var median = Median(times);
            var min = times.Min();
            var isSeed = name != PeerId && name != nameof(EmptyAnalyzer) && name != nameof(EmptyBlockAnalyzer);
            if (isSeed)
            {
                seedTotal += median;
                seedMinTotal += min;
            }
            Console.WriteLine($"{name,-36} {median,10:F1} {100 * median / compile,10:F2} {1000 * median / lines,10:F3} {(isSeed ? (median / peerTime).ToString("F2") : ""),10} {min,10:F1} {100 * min / compileMin,8:F2} {(isSeed ? (min / peerMin).ToString("F2") : ""),8}");
        }
        if (showRuns)
        {
            foreach (var (name, times) in analyzerTimes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  runs {name}: {string.Join(" ", times.Select(t => t.ToString("F1")))}");
            }
            Console.WriteLine($"  runs GC pauses during analysis: {string.Join(", ", gcPauses)}");
        }
        Console.WriteLine($"{"all SEED analyzers",-36} {seedTotal,10:F1} {100 * seedTotal / compile,10:F2} {1000 * seedTotal / lines,10:F3} {seedTotal / peerTime,10:F2} {seedMinTotal,10:F1} {100 * seedMinTotal / compileMin,8:F2} {seedMinTotal / peerMin,8:F2}");
        Console.WriteLine("diagnostics per ID:");
        foreach (var (id, count) in diagnosticsPerId)
        {
            Console.WriteLine($"  {id}: {count}");
        }
        foreach (var exception in exceptions.Distinct())
        {
            Console.Error.WriteLine($"analyzer exception: {exception}");
        }
        var mismatches = CheckExpectations(folder, diagnosticsPerId, only);
        foreach (var mismatch in mismatches)
        {
            Console.Error.WriteLine(mismatch);
        }
        return exceptions.Count == 0 && mismatches.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// What the SEED analyzers add to the wall time of an analysis run, whoever the driver bills it to. The
    /// per-analyzer times bill a method's first binding to the first analyzer that asks for it; a rule that binds
    /// a method early (the entry-point rules bind Main) shows time the driver would spend anyway. Each iteration
    /// analyzes two fresh compilations, one with the peer and baselines only and one with the SEED analyzers added,
    /// in alternating order so that a drift of the host's load does not favour either; prints both medians and the
    /// median of the per-iteration differences.
    /// </summary>
    private static async Task<int> WallAsync(CSharpCompilation compilation, List<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> all, int iterations, bool serial)
    {
        var others = all.Where(a => !IsSeed(a)).ToImmutableArray();
        if (others.IsEmpty || others.Length == all.Length)
        {
            Console.Error.WriteLine("--wall needs both SEED analyzers and a peer or baseline among the analyzers run");
            return 2;
        }
        var without = new List<double>();
        var with = new List<double>();
        var differences = new List<double>();
        var compileTimes = new List<double>();
        var failures = 0;
        for (var run = 0; run <= iterations; run++)
        {
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            var stopwatch = Stopwatch.StartNew();
            fresh.GetDiagnostics();
            compileTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            double withoutMs = 0, withMs = 0;
            foreach (var withSeed in run % 2 == 0 ? new[] { false, true } : new[] { true, false })
            {
                var analyzers = withSeed ? all : others;
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    (_, _, _) => failures++, concurrentAnalysis: !serial, logAnalyzerExecutionTime: false);
                var analysis = Stopwatch.StartNew();
                await compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees).WithAnalyzers(analyzers, options).GetAnalysisResultAsync(CancellationToken.None);
                var elapsed = analysis.Elapsed.TotalMilliseconds;
                if (withSeed)
                {
                    withMs = elapsed;
                }
                else
                {
                    withoutMs = elapsed;
                }
            }
            if (run == 0)
            {
                compileTimes.Clear();
                continue;
            }
            without.Add(withoutMs);
            with.Add(withMs);
            differences.Add(withMs - withoutMs);
        }
        var compile = Median(compileTimes);
        var difference = Median(differences);
        Console.WriteLine($"compile (GetDiagnostics) median of {iterations}: {compile:F0} ms");
        Console.WriteLine($"analysis wall without SEED analyzers ({string.Join(", ", others.Select(Name))}), median of {iterations}: {Median(without):F0} ms");
        Console.WriteLine($"analysis wall with them, median of {iterations}: {Median(with):F0} ms");
        Console.WriteLine($"SEED analyzers add, median of per-run differences: {difference:F1} ms = {100 * difference / compile:F2} % of compile");
        Console.WriteLine($"  differences: {string.Join(" ", differences.Select(d => d.ToString("F0")))}");
        if (failures > 0)
        {
            Console.Error.WriteLine($"analyzer exceptions: {failures}");
        }
        return failures == 0 ? 0 : 1;
    }

    private static bool IsSeed(DiagnosticAnalyzer analyzer) =>
        analyzer.GetType().Assembly.GetName().Name == "SeedAnalyzers.Analyzers";

    /// <summary>How the report names an analyzer: the peer by its rule ID, the others by type.</summary>
    private static string Name(DiagnosticAnalyzer analyzer) =>
        analyzer.GetType().FullName == PeerType ? PeerId : analyzer.GetType().Name;

    /// <summary>
    /// CA5394 from Microsoft.CodeAnalysis.NetAnalyzers 8.0.0, copied next to the harness at build time. Loaded by
    /// reflection: some of its types need assemblies a Roslyn 4.8 host lacks, and the ones that load are enough.
    /// </summary>
    private static DiagnosticAnalyzer LoadPeer()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "peers", "Microsoft.CodeAnalysis.NetAnalyzers.dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} not found; build tests/SeedAnalyzers.Bench so the NetAnalyzers package is copied");
        }
        Type[] types;
        try
        {
            types = System.Reflection.Assembly.LoadFrom(path).GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException partial)
        {
            types = partial.Types.Where(t => t != null).ToArray()!;
        }
        var type = types.FirstOrDefault(t => t.FullName == PeerType)
            ?? throw new InvalidOperationException($"{PeerType} did not load from {path}");
        return (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>
    /// The .NET 10 reference assemblies and, with <paramref name="torchSharp"/>, TorchSharp 0.107.0, with
    /// <paramref name="libraries"/> ML.NET and Math.NET: all copied next to the harness by its build (references/), so no
    /// machine's paths are written here.
    /// </summary>
    private static List<MetadataReference> References(bool torchSharp, bool libraries)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "references");
        var paths = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.dll").Where(p => torchSharp || Path.GetFileName(p) != "TorchSharp.dll").ToList()
            : throw new InvalidOperationException($"{folder} is missing: build tests/SeedAnalyzers.Bench, which copies the reference assemblies there");
        if (!paths.Any(p => Path.GetFileName(p) == "System.Runtime.dll"))
        {
            throw new InvalidOperationException($"{folder} has no System.Runtime.dll: the .NET reference pack was not copied at build time");
        }
        if (torchSharp && !paths.Any(p => Path.GetFileName(p) == "TorchSharp.dll"))
        {
            throw new InvalidOperationException($"--torchsharp: {folder} has no TorchSharp.dll; rebuild tests/SeedAnalyzers.Bench");
        }
        if (libraries)
        {
            var libraryFolder = Path.Combine(folder, "libraries");
            paths.AddRange(Directory.Exists(libraryFolder) ? Directory.GetFiles(libraryFolder, "*.dll") : throw new InvalidOperationException($"--libraries: {libraryFolder} is missing; rebuild tests/SeedAnalyzers.Bench"));
        }
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    /// <summary>
    /// The diagnostic counts a generated corpus must give (written by <see cref="CorpusGenerator"/> next to it), so a
    /// run that measured a corpus on which a rule went silent, or exploded, fails instead of printing cheap figures.
    /// Returns the mismatches, one line each; none when the folder has no expectations file (a real corpus).
    /// </summary>
    private static List<string> CheckExpectations(string folder, IReadOnlyDictionary<string, int> found, IReadOnlyCollection<string>? only)
    {
        var path = Path.Combine(folder, CorpusGenerator.ExpectationsFile);
        var mismatches = new List<string>();
        if (!File.Exists(path))
        {
            return mismatches;
        }
        foreach (var line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var id = parts[0];
            var expected = int.Parse(parts[1]);
            var actual = found.GetValueOrDefault(id);
            if (only is null && actual != expected)
            {
                mismatches.Add($"{id}: expected {expected} diagnostics on the generated corpus, found {actual}");
            }
        }
        return mismatches;
    }
}

/// <summary>Registers one cheap action per operation so the baseline pays the driver's dispatch cost and nothing else.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH000", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation);
    }
}

/// <summary>
/// One empty action per operation block (method body, initializer): the floor under any rule that must look at a
/// whole block (SEED003, SEED002), paid to the driver before the rule reads a character.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyBlockAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH001", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(static _ => { });
    }
}

/// <summary>
/// Writes a deterministic corpus mixing Random-heavy code with ordinary code, so rules have both hits and misses, and
/// next to it the diagnostic count each rule must give on it (<see cref="ExpectationsFile"/>), which a run checks.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>The file listing "ID count" per line for a generated corpus.</summary>
    public const string ExpectationsFile = "expected-diagnostics.txt";

    /// <summary>Each method body's draw, and the diagnostics it gives (besides CA5394's).</summary>
    private static readonly (string Line, string[] Ids)[] Bodies =
    {
        ("            total += shared.NextDouble() * values[i % values.Count];", Array.Empty<string>()),
        ("            total += seeded.Next(10) + Random.Shared.Next(3);", new[] { "SEED002" }),
        ("            total += new Random(Environment.TickCount).NextDouble();", new[] { "SEED003", "SEED004" }),
        ("            total += Math.Sqrt(values[i % values.Count] + i);", Array.Empty<string>()),
    };

    public static void Write(string folder, int lines)
    {
        Directory.CreateDirectory(folder);
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Expect(params string[] ids)
        {
            foreach (var id in ids)
            {
                expected[id] = expected.GetValueOrDefault(id) + 1;
            }
        }
        var written = 0;
        for (var file = 0; written < lines; file++)
        {
            var text = new StringBuilder();
            text.AppendLine("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n");
            text.AppendLine($"namespace Generated{file % 10};\n");
            text.AppendLine($"public sealed class Simulation{file}\n{{");
            text.AppendLine("    private static readonly Random shared = new Random();");
            Expect("SEED001");
            text.AppendLine("    private readonly Random seeded = new Random(42);");
            Expect("SEED004");
            for (var method = 0; method < 40; method++)
            {
                text.AppendLine($"    public double Step{method}(IList<double> values, int count)\n    {{");
                text.AppendLine("        var total = 0.0;");
                text.AppendLine("        for (var i = 0; i < count; i++)\n        {");
                var (line, ids) = Bodies[method % Bodies.Length];
                text.AppendLine(line);
                Expect(ids);
                text.AppendLine("        }\n        return total + values.Sum();\n    }\n");
            }
            text.AppendLine("}");
            File.WriteAllText(Path.Combine(folder, $"Simulation{file:D5}.cs"), text.ToString());
            written += text.ToString().Count(c => c == '\n');
        }
        File.WriteAllLines(Path.Combine(folder, ExpectationsFile), expected.Select(pair => $"{pair.Key} {pair.Value}"));
    }
}
