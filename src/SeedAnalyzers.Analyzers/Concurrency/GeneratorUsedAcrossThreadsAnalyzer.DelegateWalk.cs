using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
            private readonly OwnTypes _ownTypes;
            private readonly SourceBodies _bodies;
            private Dictionary<IMethodSymbol, List<Draw>>? _reachedFrom;
            private Dictionary<IMethodSymbol, List<Draw>>? _reachedInOtherTypes;

            public DelegateWalk(OperationAnalysisContext context, ConcurrencySymbols symbols, ConcurrentConstruct construct)
            {
                _context = context;
                _symbols = symbols;
                _construct = construct;
                _type = context.ContainingSymbol.ContainingType;
                _ownTypes = new OwnTypes(_type, context.Compilation);
                _bodies = new SourceBodies(context.Compilation, context.Operation.SemanticModel, context.CancellationToken);
            }

            /// <summary>
            /// True when several workers run at once: a repeating construct (Parallel, PLINQ, timers), or a task or
            /// thread started in a loop or a lambda (<c>Select(i =&gt; Task.Run(...))</c>). Torch's global generator is
            /// reported only then: one background task drawing from it while the caller waits is deterministic.
            /// </summary>
            private bool SeveralWorkers()
            {
                if (_construct.Repeats)
                {
                    return true;
                }

                for (SyntaxNode? node = _context.Operation.Syntax.Parent; node != null && !(node is MemberDeclarationSyntax); node = node.Parent)
                {
                    switch (node)
                    {
                        case ForStatementSyntax _:
                        case CommonForEachStatementSyntax _:
                        case WhileStatementSyntax _:
                        case DoStatementSyntax _:
                        case AnonymousFunctionExpressionSyntax _:
                            return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Draws anywhere in the lambda (nested lambdas and local functions included, nested concurrent lambdas
            /// excepted: they are analyzed on their own), and calls from it into the type's methods.
            /// </summary>
            public void Lambda(IAnonymousFunctionOperation lambda)
            {
                var walker = new BodyWalker(_symbols, lambda, stopAtLocalFunctions: false);
                walker.Run(_ownTypes);
                foreach (Draw draw in walker.Draws)
                {
                    if (draw.Global)
                    {
                        if (!draw.Operation.Syntax.ContainsDiagnostics && SeveralWorkers())
                        {
                            Report(draw.Operation.Syntax, draw, null, null);
                        }

                        continue;
                    }

                    ISymbol? generator = GeneratorFromOutside(draw.Receiver, _symbols, lambda);
                    if (generator is null || draw.Operation.Syntax.ContainsDiagnostics)
                    {
                        continue;
                    }

                    // A generator made for one task or Parallel.Invoke action and handed only to it (the fix's
                    // per-worker stream) is not shared; a static one run by one task is shared only if the type also
                    // uses it elsewhere.
                    if (generator is ILocalSymbol local && OwnedBy(local, lambda))
                    {
                        continue;
                    }

                    if (!_construct.Repeats && generator.IsStatic && !UsedElsewhere(generator, lambda.Syntax))
                    {
                        continue;
                    }

                    Report(draw.Operation.Syntax, draw, null, null);
                }

                if (_construct.SeparateActions)
                {
                    ReportStreamsSharedWithOtherActions(lambda);
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

                // Helpers of other types (a utility class's static Random): only their static generators are shared by
                // the workers for certain, and only when the construct runs its delegate many times at once.
                if (_construct.Repeats)
                {
                    foreach (IInvocationOperation call in walker.OtherCalls)
                    {
                        ReportReached(call.Syntax, call.TargetMethod.OriginalDefinition, otherType: true);
                    }

                    // A shared generator handed to a helper as an argument, which draws from its parameter.
                    foreach (IInvocationOperation call in walker.Calls.Concat(walker.OtherCalls))
                    {
                        if (!(call.TargetMethod.MethodKind == MethodKind.LocalFunction && DeclaredInside(call.TargetMethod.OriginalDefinition, lambda.Syntax)))
                        {
                            ReportHanded(call, lambda);
                        }
                    }
                }
            }

            /// <summary>
            /// True when <paramref name="local"/> belongs to the one worker <paramref name="lambda"/> is: a task's or
            /// thread's, or one Parallel.Invoke action's, declared in the body that starts it (declared outside a
            /// Parallel.For body around the Parallel.Invoke, every iteration's action would draw it).
            /// </summary>
            private bool OwnedBy(ILocalSymbol local, IAnonymousFunctionOperation lambda)
            {
                if ((_construct.Repeats && !_construct.SeparateActions) || !OnlyUsedInside(local, lambda.Syntax))
                {
                    return false;
                }

                return !_construct.SeparateActions
                    || local.DeclaringSyntaxReferences.All(reference => EnclosingBody(reference.GetSyntax(_context.CancellationToken)) == EnclosingBody(lambda.Syntax));
            }

            private static SyntaxNode? EnclosingBody(SyntaxNode node) =>
                node.Ancestors().FirstOrDefault(ancestor => ancestor is AnonymousFunctionExpressionSyntax || ancestor is LocalFunctionStatementSyntax
                    || (ancestor is MemberDeclarationSyntax && !(ancestor is GlobalStatementSyntax)) || ancestor is CompilationUnitSyntax);

            /// <summary>
            /// Reports each stream <paramref name="lambda"/>, a Parallel.Invoke action, derives with <c>ForIndex</c>
            /// from a split that another action of the same Parallel.Invoke also derives with the same index (the same
            /// constant, or the same variable from outside): the two actions then share one stream.
            /// </summary>
            private void ReportStreamsSharedWithOtherActions(IAnonymousFunctionOperation lambda)
            {
                ImmutableArray<IOperation> actions = ConcurrencySymbols.ActionsAround(lambda, out int position);
                List<(IInvocationOperation Call, ISymbol Split, object Index)> own = StreamsTaken(lambda);
                if (actions.Length < 2 || own.Count == 0)
                {
                    return;
                }

                var others = new List<(IInvocationOperation Call, ISymbol Split, object Index)>();
                for (int index = 0; index < actions.Length; index++)
                {
                    if (index != position && ConcurrencySymbols.ActionLambda(actions[index]) is IAnonymousFunctionOperation other)
                    {
                        others.AddRange(StreamsTaken(other));
                    }
                }

                foreach ((IInvocationOperation call, ISymbol split, object streamIndex) in own)
                {
                    if (!call.Syntax.ContainsDiagnostics && others.Any(other => SymbolEqualityComparer.Default.Equals(other.Split, split) && SameIndex(other.Index, streamIndex)))
                    {
                        _context.ReportDiagnostic(Diagnostic.Create(
                            Rule,
                            call.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(ConstructProperty, _construct.Method),
                            call.Syntax.ToString(),
                            _construct.Display,
                            SharedActionStreamReason,
                            string.Empty));
                    }
                }
            }

            /// <summary>
            /// The <c>split.ForIndex(index)</c> calls in an action, on a split from outside it, with a constant index
            /// (as a long) or one held by a variable from outside it; other indices cannot be compared.
            /// </summary>
            private List<(IInvocationOperation Call, ISymbol Split, object Index)> StreamsTaken(IAnonymousFunctionOperation action)
            {
                var taken = new List<(IInvocationOperation Call, ISymbol Split, object Index)>();
                foreach (IOperation operation in action.Descendants())
                {
                    if (!(operation is IInvocationOperation call) || call.TargetMethod.Name != "ForIndex" || !_symbols.IsStreamDerivation(call.TargetMethod)
                        || call.Instance is null || call.Arguments.Length != 1
                        || !(GeneratorFromOutside(call.Instance.Unwrap(), _symbols, action) is ISymbol split))
                    {
                        continue;
                    }

                    IOperation argument = call.Arguments[0].Value;
                    object? index = argument.ConstantValue.HasValue
                        ? IndexConstant(argument.ConstantValue.Value)
                        : argument.Unwrap() switch
                        {
                            ILocalReferenceOperation local when IsFromOutside(local.Local, action) => local.Local,
                            IParameterReferenceOperation parameter when IsFromOutside(parameter.Parameter, action) => parameter.Parameter,
                            IFieldReferenceOperation field => field.Field,
                            _ => null,
                        };
                    if (index != null)
                    {
                        taken.Add((call, split, index));
                    }
                }

                return taken;
            }

            /// <summary>
            /// An integer constant as a long (a ulong above long's range as itself); null for anything else, which code
            /// being typed can hold (<c>ForIndex("a")</c>, <c>ForIndex(1.5)</c>): nothing is converted that could throw.
            /// </summary>
            private static object? IndexConstant(object? constant) => constant switch
            {
                int value => (long)value,
                long value => value,
                uint value => (long)value,
                short value => (long)value,
                ushort value => (long)value,
                byte value => (long)value,
                sbyte value => (long)value,
                ulong value => value <= long.MaxValue ? (object)(long)value : value,
                _ => null,
            };

            private static bool SameIndex(object left, object right) =>
                left is ISymbol symbol ? SymbolEqualityComparer.Default.Equals(symbol, right as ISymbol) : left.Equals(right);

            /// <summary>
            /// Reports, at <paramref name="call"/>, a generator from outside the lambda passed as an argument that the
            /// callee (or a method it passes the parameter on to) draws from: <c>Parallel.For(..., i =&gt;
            /// AttemptCreateGenome(rnd, ...))</c> with the caller's <c>rnd</c>.
            /// </summary>
            private void ReportHanded(IInvocationOperation call, IAnonymousFunctionOperation lambda)
            {
                foreach (IArgumentOperation argument in call.Arguments)
                {
                    IOperation value = argument.Value.Unwrap();
                    if (argument.Parameter is null || !_symbols.IsGenerator(value.Type) || value.Syntax.ContainsDiagnostics
                        || GeneratorFromOutside(value, _symbols, lambda) is null)
                    {
                        continue;
                    }

                    List<Draw> draws = HandedReached(argument.Parameter.OriginalDefinition);
                    if (draws.Count == 0)
                    {
                        continue;
                    }

                    var additional = new List<Location>(draws.Count);
                    foreach (Draw draw in draws)
                    {
                        additional.Add(draw.Operation.Syntax.GetLocation());
                    }

                    Report(call.Syntax, new Draw(draws[0].Operation, value, draws[0].Locked, global: false), draws[0].Method, additional);
                }
            }

            /// <summary>
            /// The draws from <paramref name="parameter"/> in its method and in the methods it is passed on to, up to
            /// <see cref="MaxCallDepth"/> levels, in call order.
            /// </summary>
            private List<Draw> HandedReached(IParameterSymbol parameter)
            {
                var found = new List<Draw>();
                var visited = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default) { parameter };
                var level = new List<IParameterSymbol> { parameter };
                for (int depth = 0; depth < MaxCallDepth && level.Count > 0; depth++)
                {
                    var next = new List<IParameterSymbol>();
                    for (int index = 0; index < level.Count; index++)
                    {
                        IParameterSymbol current = level[index];
                        if (!(current.ContainingSymbol is IMethodSymbol method))
                        {
                            continue;
                        }

                        // An abstract, virtual or interface method: the generator also reaches the overrides' bodies,
                        // followed at the same depth (Encog's AbstractPrgGenerator hands it to the abstract CreateNode).
                        if ((method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType.TypeKind == TypeKind.Interface)
                            && _bodies.IsInSource(method))
                        {
                            foreach (IMethodSymbol implementation in Overrides.Of(method, KnownSymbols.Get(_bodies.Compilation).SourceTypes))
                            {
                                if (current.Ordinal < implementation.Parameters.Length
                                    && visited.Add(implementation.Parameters[current.Ordinal].OriginalDefinition))
                                {
                                    level.Add(implementation.Parameters[current.Ordinal].OriginalDefinition);
                                }
                            }
                        }

                        if (!(_bodies.Body(method) is IOperation body))
                        {
                            continue;
                        }

                        var walker = new BodyWalker(_symbols, body, stopAtLocalFunctions: true);
                        walker.Run(_ownTypes);
                        foreach (Draw draw in walker.Draws)
                        {
                            if (!draw.Global && IsParameter(draw.Receiver, current) && !draw.Operation.Syntax.ContainsDiagnostics)
                            {
                                found.Add(draw.In(method));
                            }
                        }

                        foreach (IInvocationOperation call in walker.Calls.Concat(walker.OtherCalls))
                        {
                            foreach (IArgumentOperation argument in call.Arguments)
                            {
                                if (argument.Parameter != null && IsParameter(argument.Value.Unwrap(), current) && visited.Add(argument.Parameter.OriginalDefinition))
                                {
                                    next.Add(argument.Parameter.OriginalDefinition);
                                }
                            }
                        }
                    }

                    level = next;
                }

                return found;
            }

            private static bool IsParameter(IOperation operation, IParameterSymbol parameter) =>
                operation is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter);

            public void MethodGroup(IMethodReferenceOperation reference)
            {
                IMethodSymbol method = reference.Method.OriginalDefinition;
                if (_ownTypes.Contains(method.ContainingType))
                {
                    ReportReached(reference.Syntax, method);
                }
            }

            /// <summary>Reports, at <paramref name="site"/>, the shared draws <paramref name="root"/> reaches.</summary>
            private void ReportReached(SyntaxNode site, IMethodSymbol root, bool otherType = false)
            {
                Dictionary<IMethodSymbol, List<Draw>> cache = otherType
                    ? _reachedInOtherTypes ??= new Dictionary<IMethodSymbol, List<Draw>>(SymbolEqualityComparer.Default)
                    : _reachedFrom ??= new Dictionary<IMethodSymbol, List<Draw>>(SymbolEqualityComparer.Default);
                if (!cache.TryGetValue(root, out List<Draw>? draws))
                {
                    cache[root] = draws = Reached(root, otherType);
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
            /// the same draw in every build. With <paramref name="otherType"/> (a helper of another type), every method
            /// of the compilation it calls is followed, and only static generators and torch's global one count: an
            /// instance generator there belongs to an object the workers may or may not share.
            /// </summary>
            private List<Draw> Reached(IMethodSymbol root, bool otherType)
            {
                var found = new List<Draw>();
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
                var level = new List<(IMethodSymbol Method, bool Other)> { (root, otherType) };
                for (int depth = 0; depth < MaxCallDepth && level.Count > 0; depth++)
                {
                    var next = new List<(IMethodSymbol Method, bool Other)>();
                    foreach ((IMethodSymbol method, bool other) in level)
                    {
                        IOperation? body = _bodies.Body(method);
                        if (body is null)
                        {
                            continue;
                        }

                        var walker = new BodyWalker(_symbols, body, stopAtLocalFunctions: true);
                        walker.Run(_ownTypes);
                        IOperation? scope = body is ILocalFunctionOperation ? body : null;
                        foreach (Draw draw in walker.Draws)
                        {
                            if (draw.Global)
                            {
                                if (!draw.Operation.Syntax.ContainsDiagnostics && SeveralWorkers())
                                {
                                    found.Add(draw.In(method));
                                }

                                continue;
                            }

                            ISymbol? generator = GeneratorFromOutside(draw.Receiver, _symbols, scope);

                            // A static generator reached from a construct that runs its delegate once is shared only if
                            // something else uses it too; that is left to the direct check in a lambda. In another
                            // type's helper only a static generator is shared for certain.
                            bool shared = generator != null && (other ? generator.IsStatic : !generator.IsStatic || _construct.Repeats);
                            if (shared && !draw.Operation.Syntax.ContainsDiagnostics)
                            {
                                found.Add(draw.In(method));
                            }
                        }

                        foreach (IInvocationOperation call in walker.Calls)
                        {
                            IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                            if (visited.Add(callee))
                            {
                                next.Add((callee, other));
                            }
                        }

                        foreach (IInvocationOperation call in _construct.Repeats ? walker.OtherCalls : Enumerable.Empty<IInvocationOperation>())
                        {
                            IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                            if (visited.Add(callee))
                            {
                                next.Add((callee, true));
                            }
                        }
                    }

                    level = next;
                }

                return found;
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

                        model ??= _bodies.Model(node.SyntaxTree);
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
                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(ConstructProperty, _construct.Method);
                _context.ReportDiagnostic(draw.Global
                    ? Diagnostic.Create(
                        Rule,
                        site.GetLocation(),
                        additional,
                        properties.Add(GeneratorProperty, TorchGlobalGenerator),
                        TorchEntryPointAnalyzer.Display(draw.Operation.Syntax),
                        _construct.Display,
                        draw.Locked ? TorchGlobalLockedReason : TorchGlobalReason,
                        reached)
                    : Diagnostic.Create(
                        Rule,
                        site.GetLocation(),
                        additional,
                        properties,
                        draw.Receiver.Syntax.ToString(),
                        _construct.Display,
                        draw.Locked ? LockedReason : UnlockedReason,
                        reached));
            }
        }
    }
}
