using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Reads the <see cref="OptionNames"/> once per file per compilation: made at compilation start, it parses a file's
    /// options on the first request and keeps the result. A file's .editorconfig value wins over the global one; a key
    /// renamed since 0.1 is read under its old name when the new one is absent.
    /// </summary>
    internal sealed class AnalyzerOptionsReader
    {
        private readonly AnalyzerOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, FileOptions> _files = new ConcurrentDictionary<SyntaxTree, FileOptions>();
        private readonly Func<SyntaxTree, FileOptions> _read;

        public AnalyzerOptionsReader(AnalyzerOptions options)
        {
            _options = options;
            _read = Read;
        }

        /// <summary>Members the project declares nondeterministic for SEED003.</summary>
        public ImmutableHashSet<string> AdditionalSeedSources(SyntaxTree tree) => _files.GetOrAdd(tree, _read).AdditionalSeedSources;

        /// <summary>Whether the torch entry-point rules judge a library project.</summary>
        public bool TorchAnalyzeLibraries(SyntaxTree tree) => _files.GetOrAdd(tree, _read).TorchAnalyzeLibraries;

        /// <summary>Methods that establish full torch determinism when the entry point calls them first.</summary>
        public ImmutableHashSet<string> TorchSeedingMethods(SyntaxTree tree) => _files.GetOrAdd(tree, _read).TorchSeedingMethods;

        /// <summary>
        /// True when the global options or any file's set <paramref name="key"/> (a list option, <see cref="ParseList"/>) to at
        /// least one entry. One lookup per distinct option set, nothing parsed or kept for the files that do not: files
        /// without an .editorconfig section of their own share one set, so a project of a thousand files is a few lookups.
        /// </summary>
        public bool AnyFileSets(Compilation compilation, string key)
        {
            AnalyzerConfigOptionsProvider provider = _options.AnalyzerConfigOptionsProvider;
            if (provider.GlobalOptions.TryGetValue(key, out string? global) && !ParseList(global).IsEmpty)
            {
                return true;
            }

            AnalyzerConfigOptions? previous = null;
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                AnalyzerConfigOptions options = provider.GetOptions(tree);
                if (!ReferenceEquals(options, previous))
                {
                    previous = options;
                    if (options.TryGetValue(key, out string? value) && !ParseList(value).IsEmpty)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when any file of <paramref name="compilation"/> turns on <see cref="OptionNames.TorchAnalyzeLibraries"/>.</summary>
        public bool AnyFileAnalyzesTorchLibraries(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (TorchAnalyzeLibraries(tree))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The entries of a list option: split on <see cref="OptionNames.ListSeparator"/>, trimmed, empty ones dropped.</summary>
        public static ImmutableHashSet<string> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableHashSet<string>.Empty;
            }

            ImmutableHashSet<string>.Builder entries = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (string part in value!.Split(OptionNames.ListSeparator))
            {
                string entry = part.Trim();
                if (entry.Length > 0)
                {
                    entries.Add(entry);
                }
            }

            return entries.ToImmutable();
        }

        private FileOptions Read(SyntaxTree tree) => new FileOptions(
            ParseList(Value(tree, OptionNames.AdditionalSeedSources, null)),
            string.Equals(Value(tree, OptionNames.TorchAnalyzeLibraries, OptionNames.TorchAnalyzeLibrariesAlias)?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            ParseList(Value(tree, OptionNames.TorchSeedingMethods, OptionNames.TorchSeedingMethodsAlias)));

        private string? Value(SyntaxTree tree, string key, string? alias)
        {
            foreach (AnalyzerConfigOptions source in new[] { _options.AnalyzerConfigOptionsProvider.GetOptions(tree), _options.AnalyzerConfigOptionsProvider.GlobalOptions })
            {
                if (source.TryGetValue(key, out string? value) || (alias != null && source.TryGetValue(alias, out value)))
                {
                    return value;
                }
            }

            return null;
        }

        private sealed class FileOptions
        {
            public FileOptions(ImmutableHashSet<string> additionalSeedSources, bool torchAnalyzeLibraries, ImmutableHashSet<string> torchSeedingMethods)
            {
                AdditionalSeedSources = additionalSeedSources;
                TorchAnalyzeLibraries = torchAnalyzeLibraries;
                TorchSeedingMethods = torchSeedingMethods;
            }

            public ImmutableHashSet<string> AdditionalSeedSources { get; }

            public bool TorchAnalyzeLibraries { get; }

            public ImmutableHashSet<string> TorchSeedingMethods { get; }
        }
    }
}
