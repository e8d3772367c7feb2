using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class GeneratorUsedAcrossThreadsAnalyzer
    {
        /// <summary>
        /// One delegate handed to a concurrent construct: its draws, and the draws of the type's own methods it
        /// reaches. Lives for one callback.
        /// </summary>
        private sealed class DelegateWalk
        {
            private readonly OperationAnalysisContext _context;
            private readonly ConcurrencySymbols _symbols;
            private readonly ConcurrentConstruct _construct;
            private readonly INamedTypeSymbol? _type;
            private Dictionary<IMethodSymbol, List<Draw>>? _reachedFrom;

            public DelegateWalk(OperationAnalysisContext context, ConcurrencySymbols symbols, ConcurrentConstruct construct)
            {
                _context = context;
                _symbols = symbols;
                _construct = construct;
                _type = context.ContainingSymbol.ContainingType;
            }

            /// <summary>
            /// Draws anywhere in the lambda (nested lambdas and local functions included, nested concurrent lambdas
            /// excepted: they are analyzed on their own), and calls from it into the type's methods.
            /// </summary>
            public void Lambda(IAnonymousFunctionOperation lambda)
            {
                var walker = new BodyWalker(_symbols, lambda, stopAtLocalFunctions: false);
                walker.Run(_type);
                foreach (Draw draw in walker.Draws)
                {
                    ISymbol? generator = GeneratorFromOutside(draw.Receiver, _symbols, lambda);
                    if (generator is null || draw.Operation.Syntax.ContainsDiagnostics)
                    {
                        continue;
                    }

                    if (!_construct.Repeats)
                    {
                        // A generator made for one task and handed only to it (the fix's per-task stream) is not
                        // shared; a static one run by one task is shared only if the type also uses it elsewhere.
                        if (generator is ILocalSymbol local && OnlyUsedInside(local, lambda.Syntax))
                        {
                            continue;
                        }

                        if (generator.IsStatic && !UsedElsewhere(generator, lambda.Syntax))
                        {
                            continue;
                        }
                    }

                    Report(draw.Operation.Syntax, draw, null, null);
                }

                foreach (IInvocationOperation call in walker.Calls)
                {
                    IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                    if (callee.MethodKind == MethodKind.LocalFunction && DeclaredInside(callee, lambda.Syntax))
                    {
                        // Walked above, as part of the lambda.
                        continue;
                    }

                    ReportReached(call.Syntax, callee);
                }
            }

            public void MethodGroup(IMethodReferenceOperation reference)
            {
                IMethodSymbol method = reference.Method.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _type))
                {
                    ReportReached(reference.Syntax, method);
                }
            }

            /// <summary>Reports, at <paramref name="site"/>, the shared draws <paramref name="root"/> reaches.</summary>
            private void ReportReached(SyntaxNode site, IMethodSymbol root)
            {
                _reachedFrom ??= new Dictionary<IMethodSymbol, List<Draw>>(SymbolEqualityComparer.Default);
                if (!_reachedFrom.TryGetValue(root, out List<Draw>? draws))
                {
                    _reachedFrom[root] = draws = Reached(root);
                }

                if (draws.Count == 0)
                {
                    return;
                }

                Draw first = draws[0];
                var additional = new List<Location>(draws.Count);
                foreach (Draw draw in draws)
                {
                    additional.Add(draw.Operation.Syntax.GetLocation());
                }

                Report(site, first, first.Method, additional);
            }

            /// <summary>
            /// Shared draws in <paramref name="root"/> and the type's methods it calls, breadth first, up to
            /// <see cref="MaxCallDepth"/> levels; in a fixed order (call order within a body), so a message names
            /// the same draw in every build.
            /// </summary>
            private List<Draw> Reached(IMethodSymbol root)
            {
                var found = new List<Draw>();
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
                var level = new List<IMethodSymbol> { root };
                for (int depth = 0; depth < MaxCallDepth && level.Count > 0; depth++)
                {
                    var next = new List<IMethodSymbol>();
                    foreach (IMethodSymbol method in level)
                    {
                        IOperation? body = Body(method);
                        if (body is null)
                        {
                            continue;
                        }

                        var walker = new BodyWalker(_symbols, body, stopAtLocalFunctions: true);
                        walker.Run(_type);
                        IOperation? scope = body is ILocalFunctionOperation ? body : null;
                        foreach (Draw draw in walker.Draws)
                        {
                            ISymbol? generator = GeneratorFromOutside(draw.Receiver, _symbols, scope);

                            // A static generator reached from a construct that runs its delegate once is shared only if
                            // something else uses it too; that is left to the direct check in a lambda.
                            if (generator != null && (!generator.IsStatic || _construct.Repeats) && !draw.Operation.Syntax.ContainsDiagnostics)
                            {
                                found.Add(draw.In(method));
                            }
                        }

                        foreach (IInvocationOperation call in walker.Calls)
                        {
                            IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                            if (visited.Add(callee))
                            {
                                next.Add(callee);
                            }
                        }
                    }

                    level = next;
                }

                return found;
            }

            /// <summary>The operation of a method's or local function's body, from whichever file declares it.</summary>
            private IOperation? Body(IMethodSymbol method)
            {
                method = method.PartialImplementationPart ?? method;
                if (method.IsExtern || method.IsAbstract)
                {
                    return null;
                }

                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    SyntaxNode syntax = reference.GetSyntax(_context.CancellationToken);
                    if (!(syntax is BaseMethodDeclarationSyntax) && !(syntax is LocalFunctionStatementSyntax))
                    {
                        continue;
                    }

                    SemanticModel? model = Model(syntax.SyntaxTree);
                    IOperation? operation = model?.GetOperation(syntax, _context.CancellationToken);
                    if (operation != null)
                    {
                        return operation;
                    }
                }

                return null;
            }

            private SemanticModel? Model(SyntaxTree tree)
            {
                SemanticModel? own = _context.Operation.SemanticModel;
                if (own != null && own.SyntaxTree == tree)
                {
                    return own;
                }

                if (!_context.Compilation.ContainsSyntaxTree(tree))
                {
                    return null;
                }

#pragma warning disable RS1030 // Only for a helper of a partial type declared in another file, reached from a concurrent delegate: rare, and the driver caches the model.
                return _context.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            }

            /// <summary>
            /// True when the analyzed type mentions the static member outside <paramref name="lambda"/>: then a task
            /// that runs once still shares it with that other code.
            /// </summary>
            private bool UsedElsewhere(ISymbol member, SyntaxNode lambda)
            {
                if (_type is null)
                {
                    return false;
                }

                ISymbol target = member.OriginalDefinition;
                foreach (SyntaxReference reference in _type.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = reference.GetSyntax(_context.CancellationToken);
                    SemanticModel? model = null;
                    foreach (SyntaxNode node in declaration.DescendantNodes())
                    {
                        if (!(node is IdentifierNameSyntax name) || name.Identifier.ValueText != member.Name
                            || (node.SyntaxTree == lambda.SyntaxTree && lambda.Span.Contains(node.Span)))
                        {
                            continue;
                        }

                        model ??= Model(node.SyntaxTree);
                        ISymbol? symbol = model?.GetSymbolInfo(node, _context.CancellationToken).Symbol;
                        if (symbol != null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, target))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private void Report(SyntaxNode site, Draw draw, IMethodSymbol? via, List<Location>? additional)
            {
                string reached = via is null ? string.Empty : " (in '" + via.Name + "', reached from here)";
                _context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    site.GetLocation(),
                    additional,
                    ImmutableDictionary<string, string?>.Empty.Add(ConstructProperty, _construct.Method),
                    draw.Receiver.Syntax.ToString(),
                    _construct.Display,
                    draw.Locked ? LockedReason : UnlockedReason,
                    reached));
            }
        }
    }
}
