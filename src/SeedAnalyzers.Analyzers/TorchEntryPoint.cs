using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// What the program's entry point (Main or the top-level statements) does to torch's global state before
    /// anything else runs: seed the CPU generator, seed the CUDA generators, establish GPU determinism. Only
    /// unconditional top-level statements count (expression statements and local declarations, in order), and
    /// calls into methods of the same compilation are followed two levels deep, so a <c>Setup()</c> helper that
    /// calls <c>TorchDeterminism.Initialize</c> is understood.
    /// </summary>
    internal sealed class TorchEntryPoint
    {
        /// <summary>Option: analyze library projects as if nothing seeded torch (default false: libraries stay silent).</summary>
        public const string AnalyzeLibrariesKey = "seedanalyzers.SEED020.analyze_libraries";

        /// <summary>Option: comma-separated methods (Namespace.Type.Method) that establish full torch determinism when called first.</summary>
        public const string SeedingMethodsKey = "seedanalyzers.SEED020.seeding_methods";

        private const int MaxDepth = 2;

        /// <summary>No judgement possible (no entry point yet, as while typing): the rules stay silent.</summary>
        public static readonly TorchEntryPoint Unknown = new TorchEntryPoint(EntryKind.Unknown);

        /// <summary>A library: silent unless <see cref="AnalyzeLibrariesKey"/> is set.</summary>
        public static readonly TorchEntryPoint Library = new TorchEntryPoint(EntryKind.Library);

        private TorchEntryPoint(EntryKind kind)
        {
            Kind = kind;
        }

        public EntryKind Kind { get; }

        /// <summary>The tree and span of the entry point's body (top-level statements: the whole file).</summary>
        public SyntaxTree? Tree { get; private set; }

        public TextSpan BodySpan { get; private set; }

        /// <summary>Start of the first top-level statement that seeds the CPU generator; -1 when none does.</summary>
        public int CpuSeedStart { get; private set; } = -1;

        /// <summary>Start of the first top-level statement that seeds the CUDA generators; -1 when none does.</summary>
        public int CudaSeedStart { get; private set; } = -1;

        /// <summary>Start of the first top-level statement that establishes GPU determinism; -1 when none does.</summary>
        public int DeterminismStart { get; private set; } = -1;

        public bool SeedsCpu => CpuSeedStart >= 0;

        public bool SeedsCuda => CudaSeedStart >= 0;

        public bool EstablishesDeterminism => DeterminismStart >= 0;

        /// <summary>
        /// True when <paramref name="node"/> sits in the entry point's own body, is not inside a lambda or local
        /// function, and starts before <paramref name="statementStart"/>: it runs before that statement.
        /// </summary>
        public bool RunsBefore(SyntaxNode node, int statementStart)
        {
            if (statementStart < 0 || node.SyntaxTree != Tree || !BodySpan.Contains(node.SpanStart) || node.SpanStart >= statementStart)
            {
                return false;
            }

            for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
            {
                switch (current.Kind())
                {
                    case SyntaxKind.ParenthesizedLambdaExpression:
                    case SyntaxKind.SimpleLambdaExpression:
                    case SyntaxKind.AnonymousMethodExpression:
                    case SyntaxKind.LocalFunctionStatement:
                        return false;
                    case SyntaxKind.MethodDeclaration:
                    case SyntaxKind.CompilationUnit:
                        return true;
                }
            }

            return true;
        }

        public static bool AnalyzeLibraries(AnalyzerOptions options, SyntaxTree tree) =>
            IsTrue(options.AnalyzerConfigOptionsProvider.GetOptions(tree), AnalyzeLibrariesKey)
            || IsTrue(options.AnalyzerConfigOptionsProvider.GlobalOptions, AnalyzeLibrariesKey);

        private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out string? value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        public static TorchEntryPoint Compute(Compilation compilation, TorchSymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            if (!TorchEntryPointAnalyzer.IsExecutable(compilation.Options.OutputKind))
            {
                return Library;
            }

            IMethodSymbol? entry = compilation.GetEntryPoint(cancellationToken);
            if (entry is null)
            {
                return Unknown;
            }

            foreach (SyntaxReference reference in entry.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                if (!(declaration.SyntaxTree.Options is CSharpParseOptions))
                {
                    continue;
                }

                var result = new TorchEntryPoint(EntryKind.Executable) { Tree = declaration.SyntaxTree };
                IEnumerable<SyntaxNode>? statements = TopLevelStatements(declaration, out TextSpan body);
                if (statements is null)
                {
                    return Unknown;
                }

                result.BodySpan = body;
                ImmutableHashSet<string> configured = SeedingMethods(options, declaration.SyntaxTree);
                var scanner = new Scanner(compilation, symbols, configured, SeedingNames.Build(compilation, configured, cancellationToken), cancellationToken);
                foreach (SyntaxNode statement in statements)
                {
                    Effect effect = scanner.Scan(statement, 0);
                    if ((effect & Effect.Cpu) != 0 && result.CpuSeedStart < 0)
                    {
                        result.CpuSeedStart = statement.SpanStart;
                    }

                    if ((effect & Effect.Cuda) != 0 && result.CudaSeedStart < 0)
                    {
                        result.CudaSeedStart = statement.SpanStart;
                    }

                    if ((effect & Effect.Determinism) != 0 && result.DeterminismStart < 0)
                    {
                        result.DeterminismStart = statement.SpanStart;
                    }

                    // Everything is known once all three are found: the rest of Main is not bound.
                    if (result.SeedsCpu && result.SeedsCuda && result.EstablishesDeterminism)
                    {
                        break;
                    }
                }

                return result;
            }

            return Unknown;
        }

        /// <summary>The statements of Main, or the global statements of a top-level program.</summary>
        internal static IEnumerable<SyntaxNode>? TopLevelStatements(SyntaxNode declaration, out TextSpan body)
        {
            switch (declaration)
            {
                case MethodDeclarationSyntax method when method.Body != null:
                    body = method.Body.Span;
                    return method.Body.Statements;
                case MethodDeclarationSyntax method when method.ExpressionBody != null:
                    body = method.ExpressionBody.Span;
                    return new SyntaxNode[] { method.ExpressionBody.Expression };
                case CompilationUnitSyntax unit:
                    body = unit.FullSpan;
                    return GlobalStatements(unit);
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                    body = unit.FullSpan;
                    return GlobalStatements(unit);
                default:
                    body = default;
                    return null;
            }
        }

        private static IEnumerable<SyntaxNode> GlobalStatements(CompilationUnitSyntax unit)
        {
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                if (member is GlobalStatementSyntax global)
                {
                    yield return global.Statement;
                }
            }
        }

        private static ImmutableHashSet<string> SeedingMethods(AnalyzerOptions options, SyntaxTree tree)
        {
            ImmutableHashSet<string> result = ImmutableHashSet<string>.Empty;
            foreach (AnalyzerConfigOptions source in new[] { options.AnalyzerConfigOptionsProvider.GetOptions(tree), options.AnalyzerConfigOptionsProvider.GlobalOptions })
            {
                if (source.TryGetValue(SeedingMethodsKey, out string? configured) && configured != null)
                {
                    foreach (string part in configured.Split(','))
                    {
                        string name = part.Trim();
                        if (name.Length > 0)
                        {
                            result = result.Add(name);
                        }
                    }
                }
            }

            return result;
        }

        [Flags]
        private enum Effect
        {
            None = 0,
            Cpu = 1,
            Cuda = 2,
            Determinism = 4,
            All = Cpu | Cuda | Determinism,
        }

        internal enum EntryKind
        {
            Unknown,
            Library,
            Executable,
        }

        private sealed class Scanner
        {
            private readonly Compilation _compilation;
            private readonly TorchSymbols _symbols;
            private readonly ImmutableHashSet<string> _seedingMethods;
            private readonly CancellationToken _cancellationToken;
            private readonly SeedingNames _names;
            private readonly Dictionary<SyntaxTree, SemanticModel> _models = new Dictionary<SyntaxTree, SemanticModel>();

            public Scanner(Compilation compilation, TorchSymbols symbols, ImmutableHashSet<string> seedingMethods, SeedingNames names, CancellationToken cancellationToken)
            {
                _compilation = compilation;
                _symbols = symbols;
                _seedingMethods = seedingMethods;
                _names = names;
                _cancellationToken = cancellationToken;
            }

            /// <summary>An expression statement, a local declaration, or an expression body; other statements are conditional or compound.</summary>
            public Effect Scan(SyntaxNode statement, int depth)
            {
                switch (statement)
                {
                    case ExpressionStatementSyntax _:
                    case LocalDeclarationStatementSyntax _:
                    case ExpressionSyntax _:
                        break;
                    default:
                        return Effect.None;
                }

                Effect effect = Effect.None;
                foreach (SyntaxNode node in statement.DescendantNodesAndSelf(descendIntoChildren: n => !(n is AnonymousFunctionExpressionSyntax)))
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        effect |= Invocation(invocation, depth);
                        if (effect == Effect.All)
                        {
                            break;
                        }
                    }
                }

                return effect;
            }

            private Effect Invocation(InvocationExpressionSyntax invocation, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();

                // Only calls whose name can lead to a seeding call within the remaining depth are bound.
                string? name = SeedingNames.SimpleName(invocation);
                if (name is null || !_names.CanReach(name, MaxDepth - depth))
                {
                    return Effect.None;
                }

                if (Spelled(invocation) is Effect spelled)
                {
                    return spelled;
                }

                if (!(Model(invocation.SyntaxTree).GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method))
                {
                    return Effect.None;
                }

                if (_symbols.IsTorchDeterminismInitialize(method) || (_seedingMethods.Count > 0 && _seedingMethods.Contains(QualifiedName(method))))
                {
                    return Effect.All;
                }

                if (_symbols.IsCpuManualSeed(method))
                {
                    return Effect.Cpu;
                }

                if (_symbols.IsCudaManualSeed(method))
                {
                    return Effect.Cuda;
                }

                if (depth >= MaxDepth || method.IsAbstract || method.IsExtern)
                {
                    return Effect.None;
                }

                Effect effect = Effect.None;
                foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration
                        && TopLevelStatements(declaration, out _) is IEnumerable<SyntaxNode> statements)
                    {
                        foreach (SyntaxNode statement in statements)
                        {
                            effect |= Scan(statement, depth + 1);
                            if (effect == Effect.All)
                            {
                                return effect;
                            }
                        }
                    }
                }

                return effect;
            }

            /// <summary>
            /// The seeding calls as people write them, known from their qualified name alone: <c>torch.manual_seed</c>,
            /// <c>torch.random.manual_seed</c>, <c>torch.cuda.manual_seed_all</c>, <c>torch.cuda.manual_seed</c> (optionally
            /// under <c>TorchSharp.</c>) and <c>TorchDeterminism.Initialize</c> (optionally under <c>SeedAnalyzers.</c>, and only
            /// when the runtime is referenced). Null for anything else, which is bound.
            /// </summary>
            /// <remarks>
            /// Binding one call binds its whole method and runs nullable analysis over it, and the driver has usually
            /// dropped that method's bound tree by the time the first torch call asks for the entry point: on the
            /// TorchSharp examples that was most of the rule's cost. The names are TorchSharp's own static classes; a
            /// local or type named <c>torch</c> that is not TorchSharp's would be taken for it.
            /// </remarks>
            private Effect? Spelled(InvocationExpressionSyntax invocation)
            {
                // Right to left: the method, then each qualifier, at most four deep.
                ExpressionSyntax expression = invocation.Expression;
                string? method = null, first = null, second = null, third = null;
                for (int part = 0; part < 4; part++)
                {
                    string? name;
                    ExpressionSyntax? next;
                    switch (expression)
                    {
                        case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name is IdentifierNameSyntax member:
                            name = member.Identifier.ValueText;
                            next = access.Expression;
                            break;
                        case IdentifierNameSyntax identifier:
                            name = identifier.Identifier.ValueText;
                            next = null;
                            break;
                        default:
                            return null;
                    }

                    switch (part)
                    {
                        case 0: method = name; break;
                        case 1: first = name; break;
                        case 2: second = name; break;
                        default: third = name; break;
                    }

                    if (next is null)
                    {
                        return Match(method!, first, second, third);
                    }

                    expression = next;
                }

                return null;
            }

            /// <summary><paramref name="first"/> is the qualifier next to the method, <paramref name="third"/> the outermost.</summary>
            private Effect? Match(string method, string? first, string? second, string? third)
            {
                switch (method)
                {
                    case "manual_seed" when first == "torch" && (second is null || (second == "TorchSharp" && third is null)):
                    case "manual_seed" when first == "random" && second == "torch" && (third is null || third == "TorchSharp"):
                        return Effect.Cpu;
                    case "manual_seed" when first == "cuda" && second == "torch" && (third is null || third == "TorchSharp"):
                    case "manual_seed_all" when first == "cuda" && second == "torch" && (third is null || third == "TorchSharp"):
                        return Effect.Cuda;
                    case "Initialize" when _symbols.TorchDeterminism != null && first == "TorchDeterminism" && (second is null || (second == "SeedAnalyzers" && third is null)):
                        return Effect.All;
                    default:
                        return null;
                }
            }

            private SemanticModel Model(SyntaxTree tree)
            {
                if (!_models.TryGetValue(tree, out SemanticModel? model))
                {
#pragma warning disable RS1030 // Computed once per compilation, lazily, for the entry point's few statements only.
                    model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    _models.Add(tree, model);
                }

                return model;
            }

            private static string QualifiedName(IMethodSymbol method) =>
                method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + method.Name;
        }
    }

    /// <summary>
    /// A syntactic index that keeps the entry-point scan cheap: the simple names of the calls that may seed torch
    /// (level 0: <c>manual_seed</c>, <c>manual_seed_all</c>, <c>Initialize</c> and configured methods), and of the
    /// source methods that make such a call directly (level 1) or through a level-1 method (level 2). Only files
    /// whose text holds a name of the level below are parsed for the next level, so a compilation that never
    /// mentions <c>manual_seed</c> or <c>TorchDeterminism</c> costs one text search per file. A name spelled with a
    /// Unicode escape is not found (the call is then not followed).
    /// </summary>
    internal sealed class SeedingNames
    {
        private readonly List<HashSet<string>> _levels;

        private SeedingNames(List<HashSet<string>> levels)
        {
            _levels = levels;
        }

        /// <summary>True when a call named <paramref name="name"/> may reach a seeding call within <paramref name="calls"/> further calls.</summary>
        public bool CanReach(string name, int calls)
        {
            for (int level = 0; level <= calls && level < _levels.Count; level++)
            {
                if (_levels[level].Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        public static SeedingNames Build(Compilation compilation, ImmutableHashSet<string> configured, CancellationToken cancellationToken)
        {
            var level0 = new HashSet<string>(StringComparer.Ordinal) { "manual_seed", "manual_seed_all", "Initialize" };
            // What the text of a file must hold for its calls to be level-0 calls.
            var markers = new List<string> { "manual_seed", "TorchDeterminism" };
            foreach (string method in configured)
            {
                string simple = method.Substring(method.LastIndexOf('.') + 1);
                level0.Add(simple);
                markers.Add(simple);
            }

            var levels = new List<HashSet<string>> { level0 };
            for (int level = 1; level <= 2; level++)
            {
                HashSet<string> previous = levels[level - 1];
                var next = new HashSet<string>(StringComparer.Ordinal);
                string[] words = level == 1 ? Union(markers, previous) : ToArray(previous);
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var found = new Callers(previous, level == 1 ? markers : null);
                    SyntaxNode root = tree.GetRoot(cancellationToken);
                    if (BlockText.Search(root, words, found, static (token, callers) => callers.Add(token)))
                    {
                        // An identifier spelled with a Unicode escape: the text cannot say where names are.
                        found = new Callers(previous, null);
                        foreach (SyntaxNode node in root.DescendantNodes())
                        {
                            if (node is InvocationExpressionSyntax invocation)
                            {
                                found.AddCall(invocation);
                            }
                        }
                    }

                    if (found.MarkerSeen)
                    {
                        next.UnionWith(found.Names);
                    }
                }

                levels.Add(next);
                if (next.Count == 0)
                {
                    break;
                }
            }

            return new SeedingNames(levels);
        }

        private static string[] Union(List<string> first, HashSet<string> second)
        {
            var all = new HashSet<string>(first, StringComparer.Ordinal);
            all.UnionWith(second);
            return ToArray(all);
        }

        private static string[] ToArray(HashSet<string> names)
        {
            var array = new string[names.Count];
            names.CopyTo(array);
            return array;
        }

        /// <summary>
        /// The methods of one tree that call one of a level's names, found from where the text spells the names
        /// (a text search and a token lookup each, instead of a walk of every node of the tree).
        /// </summary>
        private sealed class Callers
        {
            private readonly HashSet<string> _called;
            private readonly List<string>? _markers;

            public Callers(HashSet<string> called, List<string>? markers)
            {
                _called = called;
                _markers = markers;
                MarkerSeen = markers is null;
            }

            public HashSet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal);

            /// <summary>Whether the tree's text holds a marker (always, past the first level).</summary>
            public bool MarkerSeen { get; private set; }

            /// <summary>Never stops the search.</summary>
            public bool Add(SyntaxToken token)
            {
                if (!MarkerSeen && _markers != null && token.IsKind(SyntaxKind.IdentifierToken) && _markers.Contains(token.ValueText))
                {
                    MarkerSeen = true;
                }

                // The name of a call: f(), x.f(), x?.f(), f<T>().
                SyntaxNode? name = token.Parent;
                if (name is SimpleNameSyntax
                    && (name.Parent is MemberAccessExpressionSyntax member && member.Name == name
                        || name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name))
                {
                    name = name.Parent;
                }

                if (name?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == name)
                {
                    AddCall(invocation);
                }

                return false;
            }

            public void AddCall(InvocationExpressionSyntax invocation)
            {
                if (SimpleName(invocation) is string called
                    && _called.Contains(called)
                    && invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is MethodDeclarationSyntax caller)
                {
                    Names.Add(caller.Identifier.ValueText);
                }
            }
        }

        public static string? SimpleName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>
    /// Computes <see cref="TorchEntryPoint"/> once per compilation, on first need (so a compilation without any
    /// torch random operation or CUDA use never binds Main). A cancelled computation is not cached.
    /// </summary>
    internal sealed class TorchEntryPointCache
    {
        private readonly Compilation _compilation;
        private readonly TorchSymbols _symbols;
        private readonly AnalyzerOptions _options;
        private readonly object _gate = new object();
        private TorchEntryPoint? _value;

        public TorchEntryPointCache(Compilation compilation, TorchSymbols symbols, AnalyzerOptions options)
        {
            _compilation = compilation;
            _symbols = symbols;
            _options = options;
        }

        public TorchEntryPoint Get(CancellationToken cancellationToken)
        {
            TorchEntryPoint? value = Volatile.Read(ref _value);
            if (value != null)
            {
                return value;
            }

            lock (_gate)
            {
                return _value ??= TorchEntryPoint.Compute(_compilation, _symbols, _options, cancellationToken);
            }
        }
    }
}
