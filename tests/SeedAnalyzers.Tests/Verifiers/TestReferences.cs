using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SeedAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Reference sets for test compilations. Versions are pinned to ones the package registry serves
    /// (the testing library's Net80 default asks for 8.0.0, which is not served).
    /// </summary>
    public static class TestReferences
    {
        public static readonly ReferenceAssemblies Net80 = new ReferenceAssemblies(
            "net8.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"),
            Path.Combine("ref", "net8.0"));

        public static readonly ReferenceAssemblies Net100 = new ReferenceAssemblies(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
            Path.Combine("ref", "net10.0"));

        /// <summary>The runtime library the code fixes call into.</summary>
        public static readonly MetadataReference Runtime =
            MetadataReference.CreateFromFile(typeof(SeedAnalyzers.Determinism).Assembly.Location);

        /// <summary>The real TorchSharp 0.107.0 managed assembly.</summary>
        public static readonly MetadataReference TorchSharp =
            MetadataReference.CreateFromFile(typeof(global::TorchSharp.torch).Assembly.Location);

        /// <summary>SeedAnalyzers.TorchSharp (TorchDeterminism), added when both the runtime and TorchSharp are referenced.</summary>
        public static readonly MetadataReference TorchRuntime =
            MetadataReference.CreateFromFile(typeof(SeedAnalyzers.TorchDeterminism).Assembly.Location);

        /// <summary>ML.NET 6.0.0: every Microsoft.ML assembly the test project copies (MLContext, the catalogs, FastTree).</summary>
        public static readonly ImmutableArray<MetadataReference> MLNet = Directory.GetFiles(System.AppContext.BaseDirectory, "Microsoft.ML*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.ML.OnnxRuntime", System.StringComparison.Ordinal))
            .OrderBy(path => path, System.StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

        /// <summary>Math.NET Numerics 5.0.0.</summary>
        public static readonly MetadataReference MathNet =
            MetadataReference.CreateFromFile(typeof(global::MathNet.Numerics.Random.MersenneTwister).Assembly.Location);

        public static ImmutableArray<MetadataReference> For(bool runtime, bool torchSharp, bool mlNet = false, bool mathNet = false)
        {
            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
            if (mlNet)
            {
                builder.AddRange(MLNet);
            }

            if (mathNet)
            {
                builder.Add(MathNet);
            }

            if (runtime)
            {
                builder.Add(Runtime);
            }

            if (torchSharp)
            {
                builder.Add(TorchSharp);
                if (runtime)
                {
                    builder.Add(TorchRuntime);
                }
            }

            return builder.ToImmutable();
        }
    }
}
