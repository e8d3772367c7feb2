using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Robustness.Tests
{
    /// <summary>The target framework whose reference pack a variant compiles against.</summary>
    public enum Framework
    {
        Net80,
        Net100,
    }

    /// <summary>
    /// What every robustness test analyzes with: all analyzers and code fixes of the shipped assemblies, found by
    /// reflection so rules added later are covered without touching these tests, and the references the unit tests
    /// use (reference pack, SeedAnalyzers runtime and TorchSharp integration, TorchSharp 0.107.0, ML.NET 6.0.0 and
    /// Math.NET Numerics 5.0.0).
    /// </summary>
    public static class AnalysisSetup
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instances<DiagnosticAnalyzer>("SeedAnalyzers.Analyzers");

        public static ImmutableArray<CodeFixProvider> Fixers { get; } = Instances<CodeFixProvider>("SeedAnalyzers.CodeFixes");

        private static readonly ConcurrentDictionary<(Framework, bool), Task<ImmutableArray<MetadataReference>>> s_references = new();

        // Pinned to versions the package registry serves, as in tests/SeedAnalyzers.Tests/Verifiers/TestReferences.cs.
        private static readonly ReferenceAssemblies s_net80 = new ReferenceAssemblies(
            "net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"), Path.Combine("ref", "net8.0"));

        private static readonly ReferenceAssemblies s_net100 = new ReferenceAssemblies(
            "net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));

        /// <summary>
        /// The reference pack plus TorchSharp, ML.NET and Math.NET, and with <paramref name="runtime"/> the SeedAnalyzers runtime and its
        /// TorchSharp integration (without them the fixes take their constant-seed path).
        /// </summary>
        public static Task<ImmutableArray<MetadataReference>> ReferencesAsync(Framework framework, bool runtime) =>
            s_references.GetOrAdd((framework, runtime), key => ResolveAsync(key.Item1, key.Item2));

        public static CSharpCompilationOptions CompilationOptions(bool topLevel) =>
            new CSharpCompilationOptions(
                topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable);

        private static async Task<ImmutableArray<MetadataReference>> ResolveAsync(Framework framework, bool runtime)
        {
            ReferenceAssemblies pack = framework == Framework.Net80 ? s_net80 : s_net100;
            ImmutableArray<MetadataReference> references = await pack.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).ConfigureAwait(false);
            var extra = new List<string> { typeof(global::TorchSharp.torch).Assembly.Location, typeof(global::MathNet.Numerics.Generate).Assembly.Location };
            extra.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll").OrderBy(path => path, StringComparer.Ordinal));
            if (runtime)
            {
                extra.Add(typeof(Determinism).Assembly.Location);
                extra.Add(typeof(TorchDeterminism).Assembly.Location);
            }

            return references.AddRange(extra.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
        }

        private static ImmutableArray<T> Instances<T>(string assemblyName)
            where T : class =>
            Assembly.Load(assemblyName).GetTypes()
                .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(type => type.FullName, StringComparer.Ordinal)
                .Select(type => (T)Activator.CreateInstance(type)!)
                .ToImmutableArray();
    }
}
