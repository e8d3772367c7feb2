using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    internal sealed partial class TorchEntryPoint
    {
        private readonly object _reachGate = new object();
        private Compilation? _compilation;
        private TorchSymbols? _symbols;
        private ImmutableArray<SyntaxNode> _statements = ImmutableArray<SyntaxNode>.Empty;
        private Reached? _reached;

        /// <summary>
        /// What the entry point's calls reach that its own torch calls do not show: TorchSharp code in referenced
        /// libraries, and CUDA touched by a helper before TorchDeterminism.Initialize. Binds the entry point's calls, so
        /// it is computed once per compilation, only when asked (a callback in the entry point) and only when there is
        /// something to find: a referenced library that uses TorchSharp, or an Initialize after the first statement.
        /// </summary>
        public Reached Reach(CancellationToken cancellationToken)
        {
            Reached? reached = Volatile.Read(ref _reached);
            if (reached != null)
            {
                return reached;
            }

            lock (_reachGate)
            {
                return _reached ??= ComputeReach(cancellationToken);
            }
        }

        private Reached ComputeReach(CancellationToken cancellationToken)
        {
            if (Kind != EntryKind.Executable || _compilation is null || _symbols is null || Tree is null)
            {
                return Reached.None;
            }

            var walk = new ReachWalk(_compilation, _symbols, cancellationToken);
            bool libraries = !SeedsCpu && walk.HasTorchLibraries;
            bool cudaBefore = EstablishesDeterminism;
            if (!libraries && !cudaBefore)
            {
                return Reached.None;
            }

            var result = new Reached();
            foreach (SyntaxNode node in Calls())
            {

                // Past Initialize only libraries are looked for.
                bool beforeDeterminism = cudaBefore && RunsBefore(node, DeterminismStart);
                if (!libraries && !beforeDeterminism)
                {
                    if (node.SpanStart >= DeterminismStart)
                    {
                        break;
                    }

                    continue;
                }

                if (!(walk.Method(node) is IMethodSymbol method))
                {
                    continue;
                }

                if (libraries && walk.IsTorchLibrary(method.ContainingAssembly))
                {
                    if (method.Name.IndexOf("seed", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        // The library seeds torch for its consumer (Trainer.SetSeed(42)): nothing to report.
                        result.SeededThroughLibrary = true;
                    }

                    result.AddLibraryCall(node, Display(method), walk.InvolvesTorch(method));
                    continue;
                }

                if (!walk.IsInSource(method))
                {
                    continue;
                }

                walk.Helper(method, 1, out IMethodSymbol? library, out string? cuda);
                if (libraries && library != null)
                {
                    result.AddLibraryCall(node, Display(library), walk.InvolvesTorch(library));
                }

                if (beforeDeterminism && cuda != null)
                {
                    result.CudaBeforeDeterminism[node] = cuda;
                }
            }

            return result;
        }

        /// <summary>The calls and creations in the entry point's statements, in source order.</summary>
        private IEnumerable<SyntaxNode> Calls()
        {
            foreach (SyntaxNode statement in _statements)
            {
                foreach (SyntaxNode node in statement.DescendantNodesAndSelf())
                {
                    if ((node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax) && !node.ContainsDiagnostics)
                    {
                        yield return node;
                    }
                }
            }
        }

        /// <summary>How a message names a member: <c>Type.Method</c>, or <c>new Type(...)</c> for a constructor.</summary>
        private static string Display(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name + "(...)" : method.ContainingType.Name + "." + method.Name;

        /// <summary>What <see cref="Reach"/> found.</summary>
        internal sealed class Reached
        {
            public static readonly Reached None = new Reached();

            private const int NamedCalls = 3;

            private readonly List<string> _torchCalls = new List<string>();
            private readonly List<string> _otherCalls = new List<string>();
            private SyntaxNode? _firstTorchSite;
            private SyntaxNode? _firstOtherSite;

            /// <summary>
            /// The first call in the entry point that runs code of a library built against TorchSharp, directly or through a
            /// helper: preferably one whose signature shows torch (a Module, a Tensor), else any.
            /// </summary>
            public SyntaxNode? LibrarySite => _firstTorchSite ?? _firstOtherSite;

            /// <summary>A call in the entry point into a library method named for seeding (<c>SetSeed</c>, <c>SeedEverything</c>).</summary>
            public bool SeededThroughLibrary { get; set; }

            /// <summary>Calls in the entry point, before Initialize, to helpers that touch CUDA, with the CUDA use each reaches.</summary>
            public Dictionary<SyntaxNode, string> CudaBeforeDeterminism { get; } = new Dictionary<SyntaxNode, string>();

            /// <summary>The library calls, as the message lists them (those showing torch first): the first few, then how many more.</summary>
            public string LibraryCalls
            {
                get
                {
                    var calls = new List<string>(_torchCalls);
                    calls.AddRange(_otherCalls);
                    return calls.Count <= NamedCalls
                        ? "'" + string.Join("', '", calls) + "'"
                        : "'" + string.Join("', '", calls.GetRange(0, NamedCalls)) + "' and " + (calls.Count - NamedCalls) + " more";
                }
            }

            public void AddLibraryCall(SyntaxNode site, string call, bool involvesTorch)
            {
                if (involvesTorch)
                {
                    _firstTorchSite ??= site;
                    if (!_torchCalls.Contains(call))
                    {
                        _torchCalls.Add(call);
                    }
                }
                else
                {
                    _firstOtherSite ??= site;
                    if (!_otherCalls.Contains(call))
                    {
                        _otherCalls.Add(call);
                    }
                }
            }
        }

        /// <summary>Binds the entry point's calls and follows the compilation's own methods two calls deep.</summary>
        private sealed class ReachWalk
        {
            private readonly Compilation _compilation;
            private readonly TorchSymbols _symbols;
            private readonly CancellationToken _cancellationToken;
            private readonly SourceBodies _bodies;
            private readonly Dictionary<IAssemblySymbol, bool> _libraries = new Dictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);
            private readonly HashSet<IMethodSymbol> _visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            public ReachWalk(Compilation compilation, TorchSymbols symbols, CancellationToken cancellationToken)
            {
                _compilation = compilation;
                _symbols = symbols;
                _cancellationToken = cancellationToken;
                _bodies = new SourceBodies(compilation, null, cancellationToken);
                foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    HasTorchLibraries |= IsTorchLibrary(assembly);
                }
            }

            public bool HasTorchLibraries { get; }

            public IMethodSymbol? Method(SyntaxNode call)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                return _bodies.Model(call.SyntaxTree)?.GetSymbolInfo(call, _cancellationToken).Symbol as IMethodSymbol;
            }

            public bool IsInSource(IMethodSymbol method) =>
                SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly) && !method.IsAbstract && !method.IsExtern;

            /// <summary>
            /// A referenced assembly built against TorchSharp: neither TorchSharp itself, nor SeedAnalyzers.TorchSharp (which
            /// seeds it), nor ML.NET (which seeds its TorchSharp trainers from the MLContext seed, SEED040's business).
            /// </summary>
            public bool IsTorchLibrary(IAssemblySymbol? assembly)
            {
                if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly))
                {
                    return false;
                }

                if (!_libraries.TryGetValue(assembly, out bool uses))
                {
                    string name = assembly.Name;
                    uses = !SymbolEqualityComparer.Default.Equals(assembly, _symbols.TorchSharpAssembly)
                        && name != "SeedAnalyzers.TorchSharp"
                        && !name.StartsWith("Microsoft.ML", StringComparison.Ordinal)
                        && ReferencesTorchSharp(assembly);
                    _libraries.Add(assembly, uses);
                }

                return uses;
            }

            /// <summary>
            /// The first library call and the first CUDA use in a method of the compilation or the methods it calls, up to
            /// <see cref="MaxDepth"/> calls from the entry point.
            /// </summary>
            public void Helper(IMethodSymbol method, int depth, out IMethodSymbol? library, out string? cuda)
            {
                library = null;
                cuda = null;
                if (!_visited.Add(method.OriginalDefinition))
                {
                    return;
                }

                foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = reference.GetSyntax(_cancellationToken);
                    if (!(declaration is BaseMethodDeclarationSyntax) && !(declaration is LocalFunctionStatementSyntax))
                    {
                        continue;
                    }

                    foreach (SyntaxNode node in declaration.DescendantNodes())
                    {
                        if (cuda is null && node is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == "CUDA"
                            && _bodies.Model(node.SyntaxTree)?.GetSymbolInfo(access, _cancellationToken).Symbol is ISymbol device
                            && (device.ContainingType.Is(_symbols.Torch) || device.ContainingType.Is(_symbols.DeviceType)))
                        {
                            cuda = access.ToString();
                            continue;
                        }

                        if (!(node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax) || node.ContainsDiagnostics
                            || !(Method(node) is IMethodSymbol callee))
                        {
                            continue;
                        }

                        if (IsTorchLibrary(callee.ContainingAssembly))
                        {
                            library ??= callee;
                        }
                        else if (cuda is null && _symbols.TouchesCuda(callee))
                        {
                            cuda = TorchEntryPointAnalyzer.Display(node);
                        }
                        else if (depth < MaxDepth && IsInSource(callee))
                        {
                            Helper(callee, depth + 1, out IMethodSymbol? deeperLibrary, out string? deeperCuda);
                            library ??= deeperLibrary;
                            cuda ??= deeperCuda;
                        }

                        if (library != null && cuda != null)
                        {
                            return;
                        }
                    }
                }
            }

            /// <summary>The method's type, parameters or return type are TorchSharp's or derive from them (a Module, a Tensor).</summary>
            public bool InvolvesTorch(IMethodSymbol method)
            {
                if (IsTorch(method.ContainingType) || IsTorch(method.ReturnType))
                {
                    return true;
                }

                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (IsTorch(parameter.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsTorch(ITypeSymbol? type)
            {
                for (ITypeSymbol? current = type; current != null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _symbols.TorchSharpAssembly))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool ReferencesTorchSharp(IAssemblySymbol assembly)
            {
                foreach (IModuleSymbol module in assembly.Modules)
                {
                    foreach (AssemblyIdentity identity in module.ReferencedAssemblies)
                    {
                        if (identity.Name == "TorchSharp")
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }
    }
}
