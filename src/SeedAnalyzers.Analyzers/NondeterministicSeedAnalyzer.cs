using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED003: a seed taken from a nondeterministic source (clock, process id, GUID, randomized hash codes,
    /// OS randomness) that reaches the seed of new Random(...), new DeterministicRandom(...) or
    /// Determinism.Initialize(...). The value is followed through locals, constants, arithmetic and casts
    /// within the method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NondeterministicSeedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the seed receiver is Determinism.Initialize.</summary>
        public const string SinkProperty = "Sink";
        public const string SinkInitialize = "Initialize";
        public const string SinkGenerator = "Generator";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.NondeterministicSeed,
            "A seed comes from a nondeterministic source",
            "'{0}' differs on every run and reaches the seed of '{1}'{2}; derive the seed from the master seed instead",
            DiagnosticSeverity.Warning,
            "A seed taken from the clock, the process id, a GUID, a per-process randomized hash code or OS randomness is a different seed every run: the program is seeded, but not reproducible. Use Determinism.SeedFor(\"name\") or Determinism.DefaultSeed with the SEED environment override.");

        private const int MaxDepth = 8;

        private static readonly string[] InitializeWord = { "Initialize" };

        private static readonly ImmutableDictionary<string, string?> InitializeProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkInitialize);
        private static readonly ImmutableDictionary<string, string?> GeneratorProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkGenerator);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                RandomSymbols? random = RandomSymbols.TryCreate(start.Compilation);
                if (random is null)
                {
                    return;
                }

                var sources = new SeedSources(start.Compilation, random);

                // Sources usually sit a few statements above the seed argument, outside the sink's own span, so
                // the trace runs per operation block: a report is then local to the block being analyzed and the
                // IDE shows it live, and code fixes apply, even when only the source's line is analyzed. One block
                // action, not a block start with per-block state: most blocks construct nothing, and a search of
                // their text says so before any operation is looked at.
                var names = GeneratorNames.Create(start.Compilation, SeedTakesOneSourceArgument(random), start.CancellationToken);
                start.RegisterOperationBlockAction(block => FindSinks(block, random, sources, names));
            });
        }

        private static void FindSinks(OperationBlockAnalysisContext context, RandomSymbols random, SeedSources sources, GeneratorNames names)
        {
            List<(IOperation Seed, string Sink, ImmutableDictionary<string, string?> Properties)>? found = null;
            foreach (IOperation block in context.OperationBlocks)
            {
                if (BlockText.IsInsideAnotherBlock(block, context.OperationBlocks))
                {
                    continue;
                }

                var creations = new Creations(names);
                if ((random.Determinism != null && BlockText.Search(block.Syntax, InitializeWord, IsInitializeName, static (token, test) => test(token)))
                    || BlockText.Search(block.Syntax, names.Words, creations, static (token, seen) => seen.Add(token), GeneratorNames.IsCandidate))
                {
                    // Rare (the runtime is referenced and the block mentions Initialize, or its text cannot be
                    // searched): look at every operation.
                    foreach (IOperation operation in block.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case IObjectCreationOperation creation:
                                AddCreation(creation, random, ref found);
                                break;
                            case IInvocationOperation invocation when random.Determinism != null:
                                AddInitialize(invocation, random, ref found);
                                break;
                        }
                    }
                }
                else if (creations.Found != null)
                {
                    // Only the creations themselves: found from the type name they spell (or a target-typed 'new('),
                    // down the operations that hold them.
                    foreach (SyntaxNode creationSyntax in creations.Found)
                    {
                        if (FindCreation(block, creationSyntax) is IObjectCreationOperation creation)
                        {
                            AddCreation(creation, random, ref found);
                        }
                    }
                }
            }

            if (found is null)
            {
                return;
            }

            ImmutableHashSet<string> additional = ImmutableHashSet<string>.Empty;
            if (context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.OperationBlocks[0].Syntax.SyntaxTree)
                    .TryGetValue(SeedSources.AdditionalSourcesKey, out string? configured))
            {
                additional = SeedSources.ParseAdditionalSources(configured);
            }

            foreach (var (seed, sink, properties) in found)
            {
                new Walk(context, sink, properties, sources, additional).Visit(seed, ImmutableStack<string>.Empty, 0);
            }
        }

        private static bool IsInitializeName(SyntaxToken token) =>
            token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "Initialize";

        /// <summary>
        /// How a creation of Random or DeterministicRandom can be spelled: the type's name, an alias of it (read from
        /// the compilation's using directives once), or a target-typed <c>new(...)</c>. Text without any of these
        /// creates neither, so a block's text is searched for them instead of binding every creation.
        /// </summary>
        private sealed class GeneratorNames
        {
            private static readonly string[] TypeNames = { "Random", "DeterministicRandom" };

            private readonly HashSet<string> _typeNames;

            private GeneratorNames(string[] words, HashSet<string> typeNames, bool oneArgument)
            {
                Words = words;
                _typeNames = typeNames;
                OneArgument = oneArgument;
            }

            /// <summary>"Random" (which DeterministicRandom holds), each alias, and "new" for target-typed creations.</summary>
            public string[] Words { get; }

            /// <summary>A seed sink has exactly one argument in the source (see <see cref="SeedTakesOneSourceArgument"/>).</summary>
            public bool OneArgument { get; }

            public static GeneratorNames Create(Compilation compilation, bool oneArgument, System.Threading.CancellationToken cancellationToken)
            {
                var names = new HashSet<string>(TypeNames, System.StringComparer.Ordinal);
                var words = new List<string> { "Random", "new" };
                foreach (string alias in UsingDirectives.Aliases(compilation, TypeNames, cancellationToken))
                {
                    names.Add(alias);
                    words.Add(alias);
                }

                return new GeneratorNames(words.ToArray(), names, oneArgument);
            }

            /// <summary>
            /// A type name must end where the word does. 'new' counts only as the keyword of a target-typed creation:
            /// not the end of a longer name, and followed, after white space, by '(' (or a comment, or the chunk's end,
            /// which the text cannot rule out). Looking up the token of every 'new' in the program would cost more than
            /// the rest of the rule.
            /// </summary>
            public static bool IsCandidate(System.ReadOnlySpan<char> chunk, int index, int length)
            {
                if (length != 3 || chunk[index] != 'n' || chunk[index + 1] != 'e' || chunk[index + 2] != 'w')
                {
                    // A type name or alias ends where the name does (DeterministicRandom ends in Random; RandomState does not end there).
                    int end = index + length;
                    return end >= chunk.Length || !(char.IsLetterOrDigit(chunk[end]) || chunk[end] == '_');
                }

                if (index > 0 && (char.IsLetterOrDigit(chunk[index - 1]) || chunk[index - 1] == '_'))
                {
                    return false;
                }

                for (int next = index + 3; next < chunk.Length; next++)
                {
                    char c = chunk[next];
                    if (!char.IsWhiteSpace(c))
                    {
                        return c == '(' || c == '/';
                    }
                }

                return true;
            }

            /// <summary>
            /// The creation <paramref name="token"/> spells, when it can be a seed sink: the type's rightmost name
            /// (Random, System.Random, global::System.Random, an alias) or the 'new' of a target-typed creation, with
            /// one argument when <see cref="OneArgument"/>.
            /// </summary>
            public BaseObjectCreationExpressionSyntax? CreationAt(SyntaxToken token)
            {
                BaseObjectCreationExpressionSyntax? creation = null;
                if (token.IsKind(SyntaxKind.NewKeyword))
                {
                    creation = token.Parent as ImplicitObjectCreationExpressionSyntax;
                }
                else if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is IdentifierNameSyntax name && _typeNames.Contains(token.ValueText))
                {
                    SyntaxNode type = name;
                    while ((type.Parent is QualifiedNameSyntax qualified && qualified.Right == type)
                        || (type.Parent is AliasQualifiedNameSyntax aliased && aliased.Name == type))
                    {
                        type = type.Parent;
                    }

                    if (type.Parent is ObjectCreationExpressionSyntax named && named.Type == type)
                    {
                        creation = named;
                    }
                }

                return creation != null && (!OneArgument || creation.ArgumentList?.Arguments.Count == 1) ? creation : null;
            }
        }

        /// <summary>The object creations a text search met that can be seed sinks.</summary>
        private sealed class Creations
        {
            private readonly GeneratorNames _names;

            public Creations(GeneratorNames names) => _names = names;

            public List<SyntaxNode>? Found { get; private set; }

            /// <summary>Never stops the search.</summary>
            public bool Add(SyntaxToken token)
            {
                if (_names.CreationAt(token) is SyntaxNode creation)
                {
                    (Found ??= new List<SyntaxNode>()).Add(creation);
                }

                return false;
            }
        }

        /// <summary>
        /// True when every constructor of Random and DeterministicRandom takes a fixed number of arguments (no
        /// optional or params parameter): then a creation with one operation argument has one argument in the
        /// source, and creations with another count need no look.
        /// </summary>
        private static bool SeedTakesOneSourceArgument(RandomSymbols random)
        {
            foreach (INamedTypeSymbol? type in new[] { random.Random, random.DeterministicRandom })
            {
                foreach (IMethodSymbol constructor in type?.InstanceConstructors ?? ImmutableArray<IMethodSymbol>.Empty)
                {
                    foreach (IParameterSymbol parameter in constructor.Parameters)
                    {
                        if (parameter.IsOptional || parameter.IsParams)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>The object creation operation of <paramref name="syntax"/>, searched only under operations whose syntax holds it.</summary>
        private static IObjectCreationOperation? FindCreation(IOperation operation, SyntaxNode syntax)
        {
            if (operation is IObjectCreationOperation creation && creation.Syntax == syntax)
            {
                return creation;
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                if (child.Syntax.Span.Contains(syntax.Span) && FindCreation(child, syntax) is IObjectCreationOperation found)
                {
                    return found;
                }
            }

            return null;
        }

        private static void AddCreation(IObjectCreationOperation creation, RandomSymbols random, ref List<(IOperation, string, ImmutableDictionary<string, string?>)>? found)
        {
            if (creation.Arguments.Length != 1 || creation.Constructor is null)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(creation.Type, random.Random))
            {
                Add(creation.Arguments[0].Value, "new Random(...)", GeneratorProperties, ref found);
            }
            else if (random.DeterministicRandom != null && SymbolEqualityComparer.Default.Equals(creation.Type, random.DeterministicRandom))
            {
                Add(creation.Arguments[0].Value, "new DeterministicRandom(...)", GeneratorProperties, ref found);
            }
        }

        private static void AddInitialize(IInvocationOperation invocation, RandomSymbols random, ref List<(IOperation, string, ImmutableDictionary<string, string?>)>? found)
        {
            if (invocation.TargetMethod.Name != "Initialize"
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, random.Determinism))
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "seed")
                {
                    Add(argument.Value, "Determinism.Initialize(...)", InitializeProperties, ref found);
                }
            }
        }

        private static void Add(IOperation seed, string sink, ImmutableDictionary<string, string?> properties, ref List<(IOperation, string, ImmutableDictionary<string, string?>)>? found)
        {
            if (!seed.Syntax.ContainsDiagnostics)
            {
                (found ??= new List<(IOperation, string, ImmutableDictionary<string, string?>)>()).Add((seed, sink, properties));
            }
        }

        /// <summary>One trace from one seed argument back to its sources.</summary>
        private sealed class Walk
        {
            private readonly OperationBlockAnalysisContext _context;
            private readonly string _sink;
            private readonly ImmutableDictionary<string, string?> _properties;
            private readonly SeedSources _sources;
            private readonly ImmutableHashSet<string> _additionalSources;
            private HashSet<ILocalSymbol>? _visitedLocals;
            private IOperation? _root;

            internal Walk(OperationBlockAnalysisContext context, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources, ImmutableHashSet<string> additionalSources)
            {
                _additionalSources = additionalSources;
                _context = context;
                _sink = sink;
                _properties = properties;
                _sources = sources;
            }

            internal void Visit(IOperation operation, ImmutableStack<string> path, int depth)
            {
                if (depth > MaxDepth)
                {
                    return;
                }

                switch (operation)
                {
                    case IConversionOperation conversion:
                        Visit(conversion.Operand, path, depth + 1);
                        return;
                    case IParenthesizedOperation parenthesized:
                        Visit(parenthesized.Operand, path, depth + 1);
                        return;
                    case IBinaryOperation binary:
                        Visit(binary.LeftOperand, path, depth + 1);
                        Visit(binary.RightOperand, path, depth + 1);
                        return;
                    case IUnaryOperation unary:
                        Visit(unary.Operand, path, depth + 1);
                        return;
                    case IConditionalOperation conditional when conditional.WhenFalse != null:
                        Visit(conditional.WhenTrue, path, depth + 1);
                        Visit(conditional.WhenFalse, path, depth + 1);
                        return;
                    case ICoalesceOperation coalesce:
                        Visit(coalesce.Value, path, depth + 1);
                        Visit(coalesce.WhenNull, path, depth + 1);
                        return;
                    case ILocalReferenceOperation local:
                        VisitLocal(local, path, depth);
                        return;
                }

                if (_sources.IsSourceChain(operation, _additionalSources))
                {
                    _context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), _properties, operation.Syntax.ToString(), _sink, Describe(path)));
                }
            }

            private void VisitLocal(ILocalReferenceOperation reference, ImmutableStack<string> path, int depth)
            {
                ILocalSymbol local = reference.Local;
                if (local.IsConst || local.IsRef)
                {
                    return;
                }

                _visitedLocals ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                if (!_visitedLocals.Add(local))
                {
                    return;
                }

                ImmutableStack<string> through = path.Push(local.Name);
                foreach (IOperation descendant in Root(reference).Descendants())
                {
                    switch (descendant)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            IOperation? initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                            if (initializer != null)
                            {
                                Visit(initializer, through, depth + 1);
                            }

                            break;
                        case IAssignmentOperation assignment
                            when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                            Visit(assignment.Value, through, depth + 1);
                            break;
                    }
                }
            }

            private IOperation Root(IOperation operation)
            {
                if (_root is null)
                {
                    IOperation current = operation;
                    while (current.Parent != null)
                    {
                        current = current.Parent;
                    }

                    _root = current;
                }

                return _root;
            }

            private static string Describe(ImmutableStack<string> path)
            {
                if (path.IsEmpty)
                {
                    return string.Empty;
                }

                // The stack holds names from the seed argument back towards the source; print them in data-flow order.
                var names = new List<string>();
                foreach (string name in path)
                {
                    names.Add("'" + name + "'");
                }

                return " through " + string.Join(" -> ", names);
            }
        }
    }
}
