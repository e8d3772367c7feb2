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
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                RandomSymbols? random = RandomSymbols.TryCreate(start.Compilation);
                if (random is null)
                {
                    return;
                }

                var sources = new SeedSources(start.Compilation, random);
                start.RegisterOperationAction(operation => AnalyzeCreation(operation, random, sources), OperationKind.ObjectCreation);
                if (random.Determinism != null)
                {
                    start.RegisterOperationAction(operation => AnalyzeInitialize(operation, random, sources), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RandomSymbols random, SeedSources sources)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length != 1 || creation.Constructor is null)
            {
                return;
            }

            string sink;
            if (SymbolEqualityComparer.Default.Equals(creation.Type, random.Random))
            {
                sink = "new Random(...)";
            }
            else if (random.DeterministicRandom != null && SymbolEqualityComparer.Default.Equals(creation.Type, random.DeterministicRandom))
            {
                sink = "new DeterministicRandom(...)";
            }
            else
            {
                return;
            }

            Trace(context, creation.Arguments[0].Value, sink, GeneratorProperties, sources);
        }

        private static void AnalyzeInitialize(OperationAnalysisContext context, RandomSymbols random, SeedSources sources)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Initialize"
                || invocation.Arguments.Length == 0
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, random.Determinism))
            {
                return;
            }

            IArgumentOperation? seed = null;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "seed")
                {
                    seed = argument;
                }
            }

            if (seed != null)
            {
                Trace(context, seed.Value, "Determinism.Initialize(...)", InitializeProperties, sources);
            }
        }

        private static void Trace(OperationAnalysisContext context, IOperation seed, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources)
        {
            if (seed.Syntax.ContainsDiagnostics)
            {
                return;
            }

            var walk = new Walk(context, sink, properties, sources);
            walk.Visit(seed, ImmutableStack<string>.Empty, 0);
        }

        /// <summary>One trace from one seed argument back to its sources.</summary>
        private sealed class Walk
        {
            private readonly OperationAnalysisContext _context;
            private readonly string _sink;
            private readonly ImmutableDictionary<string, string?> _properties;
            private readonly SeedSources _sources;
            private HashSet<ILocalSymbol>? _visitedLocals;
            private IOperation? _root;

            internal Walk(OperationAnalysisContext context, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources)
            {
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

                if (_sources.IsSourceChain(operation))
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
