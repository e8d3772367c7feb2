using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The real ML.NET 6.0.0 (with FastTree and LightGbm) and Math.NET Numerics 5.0.0 assemblies, for the SEED040-046
    /// tests: every Microsoft.ML*.dll the package references put next to the tests, so a test can call any trainer.
    /// </summary>
    internal static class LibraryReferences
    {
        public static readonly ImmutableArray<MetadataReference> MLNet = Directory
            .EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

        public static readonly ImmutableArray<MetadataReference> MathNet = ImmutableArray.Create<MetadataReference>(
            MetadataReference.CreateFromFile(typeof(global::MathNet.Numerics.Distributions.Normal).Assembly.Location));

        /// <summary>Adds <paramref name="references"/> to the code under test.</summary>
        public static T With<T>(T test, ImmutableArray<MetadataReference> references)
            where T : AnalyzerTest<DefaultVerifier>
        {
            test.TestState.AdditionalReferences.AddRange(references);
            return test;
        }

        /// <summary>Adds <paramref name="references"/> to every state of a fix test (test, fixed, batch fixed).</summary>
        public static T WithFixed<T>(T test, ImmutableArray<MetadataReference> references)
            where T : CodeFixTest<DefaultVerifier>
        {
            With(test, references);
            test.FixedState.AdditionalReferences.AddRange(references);
            test.BatchFixedState.AdditionalReferences.AddRange(references);
            return test;
        }
    }
}
