using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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

                // One callback per sink, from the driver's own walk of the operations: a type compare for each object
                // creation, a name compare for each call (only where the runtime's Initialize exists). The trace
                // reads the sink's whole block, and the report lands inside the sink (see Walk), so it stays local to
                // the operation being analyzed and the IDE shows it live for the sink's line.
                start.RegisterOperationAction(
                    creation => AnalyzeCreation(creation, (IObjectCreationOperation)creation.Operation, random, sources),
                    OperationKind.ObjectCreation);
                if (random.Determinism != null)
                {
                    start.RegisterOperationAction(
                        invocation => AnalyzeInitialize(invocation, (IInvocationOperation)invocation.Operation, random, sources),
                        OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, IObjectCreationOperation creation, RandomSymbols random, SeedSources sources)
        {
            if (creation.Arguments.Length != 1 || creation.Constructor is null)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(creation.Type, random.Random))
            {
                Trace(context, creation.Arguments[0].Value, "new Random(...)", GeneratorProperties, sources);
            }
            else if (random.DeterministicRandom != null && SymbolEqualityComparer.Default.Equals(creation.Type, random.DeterministicRandom))
            {
                Trace(context, creation.Arguments[0].Value, "new DeterministicRandom(...)", GeneratorProperties, sources);
            }
        }

        private static void AnalyzeInitialize(OperationAnalysisContext context, IInvocationOperation invocation, RandomSymbols random, SeedSources sources)
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
                    Trace(context, argument.Value, "Determinism.Initialize(...)", InitializeProperties, sources);
                }
            }
        }

        private static void Trace(OperationAnalysisContext context, IOperation seed, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources)
        {
            if (seed.Syntax.ContainsDiagnostics)
            {
                return;
            }

            ImmutableHashSet<string> additional = ImmutableHashSet<string>.Empty;
            if (context.Options.AnalyzerConfigOptionsProvider.GetOptions(seed.Syntax.SyntaxTree)
                    .TryGetValue(SeedSources.AdditionalSourcesKey, out string? configured))
            {
                additional = SeedSources.ParseAdditionalSources(configured);
            }

            new Walk(context, seed, sink, properties, sources, additional).Visit(seed, ImmutableStack<string>.Empty, 0);
        }

        /// <summary>One trace from one seed argument back to its sources.</summary>
        private sealed class Walk
        {
            private readonly OperationAnalysisContext _context;
            private readonly IOperation _seed;
            private readonly string _sink;
            private readonly ImmutableDictionary<string, string?> _properties;
            private readonly SeedSources _sources;
            private readonly ImmutableHashSet<string> _additionalSources;
            private HashSet<ILocalSymbol>? _visitedLocals;
            private IOperation? _root;

            internal Walk(OperationAnalysisContext context, IOperation seed, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources, ImmutableHashSet<string> additionalSources)
            {
                _additionalSources = additionalSources;
                _context = context;
                _seed = seed;
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
                    // Reported on the source when the seed argument holds it, else on the seed argument with the
                    // source as the additional location (which the fix rewrites): a report outside the operation
                    // being analyzed would be lost when only the sink's line is analyzed, as the IDE does.
                    Location source = operation.Syntax.GetLocation();
                    Diagnostic diagnostic = _seed.Syntax.Span.Contains(operation.Syntax.Span)
                        ? Diagnostic.Create(Rule, source, _properties, operation.Syntax.ToString(), _sink, Describe(path))
                        : Diagnostic.Create(Rule, _seed.Syntax.GetLocation(), new[] { source }, _properties, operation.Syntax.ToString(), _sink, Describe(path));
                    _context.ReportDiagnostic(diagnostic);
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
