using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Runs fixed code, the only test of what a fix means: applies a fixer as a user clicking through would, compiles
    /// the result against the SeedAnalyzers runtime (or without it), and loads it into this process or writes it out as a
    /// console program that runs in processes of its own.
    /// </summary>
    public sealed class FixedProgram
    {
        private readonly byte[] _image;
        private readonly IReadOnlyList<string> _libraries;

        private FixedProgram(string source, byte[] image, IReadOnlyList<string> libraries)
        {
            Source = source;
            _image = image;
            _libraries = libraries;
        }

        /// <summary>The fixed source.</summary>
        public string Source { get; }

        /// <summary>
        /// Fixes <paramref name="source"/> with <typeparamref name="TFixer"/> until no diagnostic of
        /// <typeparamref name="TAnalyzer"/> has a fix left (each round fixes the first one that has), asserts that
        /// <paramref name="expected"/> appear in the result, and compiles it as a console program.
        /// </summary>
        public static Task<FixedProgram> CreateAsync<TAnalyzer, TFixer>(string source, bool runtime = true, params string[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new() =>
            CreateAsync<TAnalyzer, TFixer>(source, runtime, Array.Empty<string>(), expected);

        /// <summary>
        /// As <see cref="CreateAsync{TAnalyzer, TFixer}(string, bool, string[])"/>, for code that uses other libraries:
        /// <paramref name="libraries"/> are the paths of their assemblies, referenced by the code and copied next to the
        /// program when it runs in processes of its own.
        /// </summary>
        public static async Task<FixedProgram> CreateAsync<TAnalyzer, TFixer>(string source, bool runtime, IReadOnlyList<string> libraries, params string[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new()
        {
            string fixedSource = await FixAsync(source, new TAnalyzer(), new TFixer(), runtime, libraries);
            foreach (string text in expected)
            {
                Assert.True(fixedSource.Contains(text, StringComparison.Ordinal), "the fixed code lacks " + text + ":\n" + fixedSource);
            }

            CSharpCompilation compilation = CSharpCompilation.Create(
                "Fixed" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(fixedSource) },
                References(runtime, libraries),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release));
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
            Assert.True(emitted.Success, "the fixed code does not compile:\n" + string.Join("\n", emitted.Diagnostics) + "\n" + fixedSource);
            return new FixedProgram(fixedSource, image.ToArray(), libraries);
        }

        /// <summary>
        /// Loads the program into this process: the default context already holds the SeedAnalyzers runtime the tests
        /// reference, so the fixed code shares its master seed with the test.
        /// </summary>
        public Assembly Load() => new AssemblyLoadContext("Fixed", isCollectible: true).LoadFromStream(new MemoryStream(_image));

        /// <summary>Calls a public static method of the loaded program.</summary>
        public static T Call<T>(Assembly program, string type, string method, params object[] arguments) =>
            (T)program.GetType(type, throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments)!;

        /// <summary>
        /// Runs the program's Main in a new process, <paramref name="times"/> times, with <c>SEED</c> set to
        /// <paramref name="seed"/> or unset, and returns each run's standard output.
        /// </summary>
        public IReadOnlyList<string> RunInProcesses(int times, string? seed = null)
        {
            string directory = Path.Combine(Path.GetTempPath(), "seedanalyzers-fixed-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                File.WriteAllBytes(Path.Combine(directory, "Fixed.dll"), _image);
                foreach (string assembly in _libraries.Prepend(typeof(Determinism).Assembly.Location))
                {
                    File.Copy(assembly, Path.Combine(directory, Path.GetFileName(assembly)));
                }

                File.WriteAllText(
                    Path.Combine(directory, "Fixed.runtimeconfig.json"),
                    "{\"runtimeOptions\":{\"tfm\":\"net" + Environment.Version.ToString(2) + "\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + Environment.Version + "\"}}}");
                var outputs = new List<string>();
                for (int run = 0; run < times; run++)
                {
                    outputs.Add(Run(directory, seed));
                }

                return outputs;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        /// <summary>
        /// Runs the program in two processes with <c>SEED</c> unset and asserts that they print the same; with
        /// <paramref name="seedDecides"/>, also that a third with <c>SEED=1</c> prints something else.
        /// </summary>
        public void AssertTwoProcessesAgree(bool seedDecides)
        {
            IReadOnlyList<string> runs = RunInProcesses(2);
            Assert.Equal(runs[0], runs[1]);
            if (seedDecides)
            {
                Assert.NotEqual(runs[0], RunInProcesses(1, seed: "1")[0]);
            }
        }

        private static string Run(string directory, string? seed)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(directory, "Fixed.dll"));
            start.Environment.Remove(Determinism.SeedEnvironmentVariable);
            start.Environment.Remove(Determinism.ManifestEnvironmentVariable);
            if (seed != null)
            {
                start.Environment[Determinism.SeedEnvironmentVariable] = seed;
            }

            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();

            // A bound for a hung child, far above the second or so a run takes; the result never depends on time.
            Assert.True(process.WaitForExit(120_000), "the fixed program did not exit");
            Assert.True(process.ExitCode == 0, "the fixed program failed (" + process.ExitCode + "):\n" + error.Result);
            Assert.False(string.IsNullOrWhiteSpace(output), "the fixed program printed nothing");
            return output;
        }

        /// <summary>The titles of the fixes <typeparamref name="TFixer"/> offers for each diagnostic, in source order.</summary>
        public static async Task<IReadOnlyList<string>> TitlesAsync<TAnalyzer, TFixer>(string source, bool runtime = true)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new()
        {
            using var workspace = new AdhocWorkspace();
            Document document = Sample(workspace, source, runtime, Array.Empty<string>());
            var titles = new List<string>();
            foreach (Diagnostic diagnostic in await DiagnosticsAsync(document, new TAnalyzer()))
            {
                titles.AddRange((await ActionsAsync(new TFixer(), document, diagnostic)).Select(action => action.Title));
            }

            return titles;
        }

        private static Document Sample(AdhocWorkspace workspace, string source, bool runtime, IReadOnlyList<string> libraries) =>
            workspace.AddProject("Sample", LanguageNames.CSharp)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication))
                .WithMetadataReferences(References(runtime, libraries))
                .AddDocument("Sample.cs", source);

        private static async Task<IEnumerable<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
        {
            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
            return diagnostics.OrderBy(d => d.Location.SourceSpan.Start);
        }

        private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            if (fixer.FixableDiagnosticIds.Contains(diagnostic.Id))
            {
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }

            return actions;
        }

        private static async Task<string> FixAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer, bool runtime, IReadOnlyList<string> libraries)
        {
            using var workspace = new AdhocWorkspace();
            Document document = Sample(workspace, source, runtime, libraries);
            for (int round = 0; round < 50; round++)
            {
                CodeAction? fix = null;
                foreach (Diagnostic diagnostic in await DiagnosticsAsync(document, analyzer))
                {
                    fix = (await ActionsAsync(fixer, document, diagnostic)).FirstOrDefault();
                    if (fix != null)
                    {
                        break;
                    }
                }

                if (fix is null)
                {
                    return (await document.GetTextAsync()).ToString();
                }

                ApplyChangesOperation apply = (await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
                document = apply.ChangedSolution.GetDocument(document.Id)!;
            }

            throw new InvalidOperationException("fixes still offered after 50 rounds:\n" + (await document.GetTextAsync()));
        }

        private static IEnumerable<MetadataReference> References(bool runtime, IReadOnlyList<string> libraries)
        {
            IEnumerable<MetadataReference> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
            IEnumerable<MetadataReference> all = framework.Concat(libraries.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
            return runtime ? all.Append(MetadataReference.CreateFromFile(typeof(Determinism).Assembly.Location)) : all;
        }
    }
}
