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

        private static readonly string[] NewWord = { "new" };
        private static readonly string[] InitializeWord = { "Initialize" };


        private static readonly ImmutableDictionary<string, string?> InitializeProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkInitialize);
        private static readonly ImmutableDictionary<string, string?> GeneratorProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkGenerator);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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
                bool oneArgument = SeedTakesOneSourceArgument(random);
                start.RegisterOperationBlockAction(block => FindSinks(block, random, sources, oneArgument));
            });
        }

        private static void FindSinks(OperationBlockAnalysisContext context, RandomSymbols random, SeedSources sources, bool oneArgument)
        {
            List<(IOperation Seed, string Sink, ImmutableDictionary<string, string?> Properties)>? found = null;
            foreach (IOperation block in context.OperationBlocks)
            {
                if (BlockText.IsInsideAnotherBlock(block, context.OperationBlocks))
                {
                    continue;
                }

                if (random.Determinism != null && BlockText.Search(block, InitializeWord, identifiers: true, IsInitializeName))
                {
                    // Rare (the runtime is referenced and the block mentions Initialize): look at every operation.
                    foreach (IOperation operation in block.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case IObjectCreationOperation creation:
                                AddCreation(creation, random, ref found);
                                break;
                            case IInvocationOperation invocation:
                                AddInitialize(invocation, random, ref found);
                                break;
                        }
                    }
                }
                else
                {
                    // Only the creations themselves: found from their 'new', down the operations that hold them.
                    var creations = new Creations(oneArgument);
                    if (BlockText.Search(block, NewWord, identifiers: false, creations, static (token, seen) => seen.Add(token)))
                    {
                        foreach (IOperation operation in block.DescendantsAndSelf())
                        {
                            if (operation is IObjectCreationOperation creation)
                            {
                                AddCreation(creation, random, ref found);
                            }
                        }
                    }
                    else if (creations.Found != null)
                    {
                        foreach (SyntaxNode creationSyntax in creations.Found)
                        {
                            if (FindCreation(block, creationSyntax) is IObjectCreationOperation creation)
                            {
                                AddCreation(creation, random, ref found);
                            }
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

        /// <summary>The object creations whose 'new' a text search met, those that can be seed sinks.</summary>
        private sealed class Creations
        {
            private readonly bool _oneArgument;

            public Creations(bool oneArgument) => _oneArgument = oneArgument;

            public List<SyntaxNode>? Found { get; private set; }

            /// <summary>Never stops the search.</summary>
            public bool Add(SyntaxToken token)
            {
                if (token.IsKind(SyntaxKind.NewKeyword)
                    && token.Parent is BaseObjectCreationExpressionSyntax creation
                    && (!_oneArgument || creation.ArgumentList?.Arguments.Count == 1))
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
