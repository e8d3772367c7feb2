using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>What SEED003 resolves once per compilation.</summary>
        private sealed class State
        {
            private readonly IAssemblySymbol _assembly;

            /// <summary>True when a reference is another compilation (a project reference in an IDE).</summary>
            private readonly bool _compilationReferences;

            public State(Compilation compilation, SeedSources sources, SeedSinks sinks, AnalyzerOptionsReader options)
            {
                _assembly = compilation.Assembly;
                foreach (MetadataReference reference in compilation.References)
                {
                    if (reference is CompilationReference)
                    {
                        _compilationReferences = true;
                        break;
                    }
                }

                Sources = sources;
                Sinks = sinks;
                Options = options;
                SourcesAreOwn = sources.AnyDeclaredIn(_assembly);
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    if (!options.AdditionalSeedSources(tree).IsEmpty)
                    {
                        AnyAdditionalSources = true;
                        break;
                    }
                }
            }

            public SeedSources Sources { get; }

            public SeedSinks Sinks { get; }

            public AnalyzerOptionsReader Options { get; }

            /// <summary>
            /// True when the compilation declares a source's type itself (Math.NET's <c>RandomSeed</c>, compiled from its
            /// sources): its own calls may then be sources.
            /// </summary>
            public bool SourcesAreOwn { get; }

            /// <summary>True when some file configures sources of its own (<c>additional_sources</c>).</summary>
            public bool AnyAdditionalSources { get; }

            public bool HasAdditionalSources(SyntaxTree tree) => AnyAdditionalSources && !Options.AdditionalSeedSources(tree).IsEmpty;

            /// <summary>
            /// True when <paramref name="symbol"/> is declared in the compilation. A symbol read from metadata has a token
            /// (one interface call), so most calls of a library, into the framework, are told apart without walking up to
            /// their assembly.
            /// </summary>
            public bool IsOwn(ISymbol symbol)
            {
                if (symbol.MetadataToken != 0)
                {
                    return false;
                }

                // Without a compilation among the references (a command-line build, where a project reference is metadata),
                // a symbol without a token is the compilation's own exactly when its definition has none either (a member of
                // a constructed generic type read from metadata has a definition with one): two reads, where the assembly
                // is a walk up every containing namespace.
                if (!_compilationReferences)
                {
                    return symbol.OriginalDefinition.MetadataToken == 0;
                }

                // In an IDE a project reference is a compilation, whose symbols have no tokens either: the assembly decides.
                // The compilation's assembly is one object for all its symbols; a comparison only for the others.
                IAssemblySymbol? assembly = symbol.ContainingAssembly;
                return ReferenceEquals(assembly, _assembly) || SymbolEqualityComparer.Default.Equals(assembly, _assembly);
            }
        }
    }
}
