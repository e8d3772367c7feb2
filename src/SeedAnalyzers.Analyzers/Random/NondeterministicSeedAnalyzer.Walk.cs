using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
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
