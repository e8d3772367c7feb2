using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>What SEED003 resolves once per compilation.</summary>
        private sealed class State
        {
            private readonly IAssemblySymbol _assembly;

            // Value types an operation holds as this very object (a reference type's symbol may be another object,
            // annotated for nullability): compared by reference before the type's kind is read.
            private readonly ITypeSymbol _int32;
            private readonly ITypeSymbol _int64;
            private readonly ITypeSymbol _boolean;
            private readonly ITypeSymbol _void;

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

                _int32 = compilation.GetSpecialType(SpecialType.System_Int32);
                _int64 = compilation.GetSpecialType(SpecialType.System_Int64);
                _boolean = compilation.GetSpecialType(SpecialType.System_Boolean);
                _void = compilation.GetSpecialType(SpecialType.System_Void);
                Sources = sources;
                Sinks = sinks;
                Options = options;
                SourcesAreOwn = sources.AnyDeclaredIn(_assembly);
                AnyAdditionalSources = options.AnyFileSets(compilation, OptionNames.AdditionalSeedSources);
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

            /// <summary>
            /// True when the file of <paramref name="operation"/> configures sources of its own; its syntax tree is not read
            /// when no file does (a node finds its tree by walking up its parents the first time it is asked).
            /// </summary>
            public bool HasAdditionalSources(IOperation operation) => AnyAdditionalSources && !Options.AdditionalSeedSources(operation.Syntax.SyntaxTree).IsEmpty;

            /// <summary>
            /// The sources <paramref name="tree"/>'s options add; empty without an options lookup (a case-insensitive hash of
            /// the key on every candidate source) when no file configures any.
            /// </summary>
            public ImmutableHashSet<string> AdditionalSources(SyntaxTree tree) =>
                AnyAdditionalSources ? Options.AdditionalSeedSources(tree) : ImmutableHashSet<string>.Empty;

            /// <summary>
            /// False when a call cannot be a source by the type of its value (<see cref="SeedSources.MayBeSourceCallType"/>),
            /// or gives nothing without an argument (a source that gives nothing fills or shuffles what it is handed:
            /// <c>RandomNumberGenerator.Fill(bytes)</c>). The commonest types are told by the type object itself.
            /// </summary>
            public bool MayBeSourceCall(IInvocationOperation invocation)
            {
                ITypeSymbol? type = invocation.Type;
                if (ReferenceEquals(type, _int32) || ReferenceEquals(type, _int64))
                {
                    return true;
                }

                if (ReferenceEquals(type, _void))
                {
                    return !invocation.Arguments.IsEmpty;
                }

                return !ReferenceEquals(type, _boolean) && SeedSources.MayBeSourceCallType(type);
            }

            /// <summary>
            /// True when <paramref name="symbol"/> is certainly a definition declared in the compilation (or one the
            /// compiler made: an unresolved call's): the test for every call and creation, and for every member an
            /// assignment sets. A symbol read from metadata has a token; one without is the compilation's own when it is a
            /// definition (without a compilation among the references; with one, its assembly decides). False for a member
            /// of a constructed generic (<c>List&lt;int&gt;.Add</c>, <c>Select&lt;int, string&gt;</c>) without looking further:
            /// reaching its definition wraps it anew behind an interface cast, the costliest read of the test, and such a
            /// call goes on to the source and sink tests (<see cref="IsOwn"/> decides before anything is traced).
            /// </summary>
            public bool IsOwnDefinition(ISymbol symbol) =>
                symbol.MetadataToken == 0 && symbol.IsDefinition && (!_compilationReferences || IsOwn(symbol));

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
                // a constructed generic type read from metadata has a definition with one), where the assembly is a walk up
                // every containing namespace. A definition is its own definition: IsDefinition says so without the public
                // OriginalDefinition, which wraps the definition anew behind an interface cast (the costliest read here).
                if (!_compilationReferences)
                {
                    return symbol.IsDefinition || symbol.OriginalDefinition.MetadataToken == 0;
                }

                // In an IDE a project reference is a compilation, whose symbols have no tokens either: the assembly decides.
                // The compilation's assembly is one object for all its symbols; a comparison only for the others.
                IAssemblySymbol? assembly = symbol.ContainingAssembly;
                return ReferenceEquals(assembly, _assembly) || SymbolEqualityComparer.Default.Equals(assembly, _assembly);
            }
        }
    }
}
