using System.Collections.Immutable;
using System.IO;
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

        public static ImmutableArray<MetadataReference> For(bool runtime, bool torchSharp)
        {
            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
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
