using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>
        /// One trace from a value back to its nondeterministic sources. A full trace (from a seed) follows locals through
        /// every assignment in their body, fields and auto-properties whose every assignment is known through each of
        /// them, and the returns of the compilation's own methods. A light trace (of an argument handed to the
        /// compilation's own code, which runs for nearly every call) follows locals and fields through their
        /// initializers only.
        /// </summary>
        private sealed class Walk
        {
            private readonly SourceBodies _bodies;
            private readonly SeedSources _sources;
            private readonly ImmutableHashSet<string> _additionalSources;
            private readonly bool _full;
            private readonly LightCache? _cache;
            private Func<ISymbol, ImmutableArray<ExpressionSyntax>>? _findSourced;
            private List<ISymbol>? _visited;
            private HashSet<SyntaxNode>? _found;
            private List<(IOperation Source, ImmutableStack<string> Path)>? _foundList;

            internal Walk(SourceBodies bodies, SeedSources sources, ImmutableHashSet<string> additionalSources, bool full, LightCache? cache = null)
            {
                _cache = cache;
                _bodies = bodies;
                _sources = sources;
                _additionalSources = additionalSources;
                _full = full;
            }

            /// <summary>Each source found once, with the names between it and the traced value (nearest the source on top).</summary>
            public IReadOnlyList<(IOperation Source, ImmutableStack<string> Path)> Found => (IReadOnlyList<(IOperation, ImmutableStack<string>)>?)_foundList ?? Array.Empty<(IOperation, ImmutableStack<string>)>();

            internal void Visit(IOperation operation, ImmutableStack<string> path, int depth, int calls)
            {
                if (depth > MaxDepth)
                {
                    return;
                }

                switch (operation)
                {
                    case IConversionOperation conversion:
                        Visit(conversion.Operand, path, depth + 1, calls);
                        return;
                    case IParenthesizedOperation parenthesized:
                        Visit(parenthesized.Operand, path, depth + 1, calls);
                        return;
                    case IBinaryOperation binary:
                        Visit(binary.LeftOperand, path, depth + 1, calls);
                        Visit(binary.RightOperand, path, depth + 1, calls);
                        return;
                    case IUnaryOperation unary:
                        Visit(unary.Operand, path, depth + 1, calls);
                        return;
                    case IConditionalOperation conditional when conditional.WhenFalse != null:
                        Visit(conditional.WhenTrue, path, depth + 1, calls);
                        Visit(conditional.WhenFalse, path, depth + 1, calls);
                        return;
                    case ICoalesceOperation coalesce:
                        Visit(coalesce.Value, path, depth + 1, calls);
                        Visit(coalesce.WhenNull, path, depth + 1, calls);
                        return;
                    case ILocalReferenceOperation local:
                        VisitLocal(local, path, depth, calls);
                        return;
                    case IArrayElementReferenceOperation element:
                        // seeds[0] of an array filled from a source: the array's own sources.
                        if (element.ArrayReference is IParameterReferenceOperation arrayParameter)
                        {
                            VisitParameter(arrayParameter, path, depth + 1, calls);
                        }
                        else
                        {
                            Visit(element.ArrayReference, path, depth + 1, calls);
                        }

                        return;
                    case IParameterReferenceOperation parameter when _full:
                        VisitParameter(parameter, path, depth, calls);
                        return;
                    case IArrayCreationOperation array when array.Initializer != null:
                        // new long[] { Environment.TickCount }: the seeds of a generator that takes several.
                        foreach (IOperation element in array.Initializer.ElementValues)
                        {
                            Visit(element, path, depth + 1, calls);
                        }

                        return;
                }

                if (operation.ConstantValue.HasValue)
                {
                    return;
                }

                if (_sources.IsSourceChain(operation, _additionalSources))
                {
                    if ((_found ??= new HashSet<SyntaxNode>()).Add(operation.Syntax))
                    {
                        (_foundList ??= new List<(IOperation, ImmutableStack<string>)>()).Add((operation, path));
                    }

                    return;
                }

                switch (operation)
                {
                    case IFieldReferenceOperation field:
                        VisitMember(field.Field, path, depth, calls);
                        return;
                    case IPropertyReferenceOperation property:
                        if (!VisitMember(property.Property, path, depth, calls))
                        {
                            VisitInstance(property.Instance, path, depth, calls);
                        }

                        return;
                    case IInvocationOperation invocation:
                        if (!VisitCall(invocation, path, depth, calls))
                        {
                            VisitInstance(invocation.Instance, path, depth, calls);
                        }

                        return;
                }
            }

            /// <summary><c>now.Millisecond</c>, <c>start.GetHashCode()</c>: a member of a value derives from the value.</summary>
            private void VisitInstance(IOperation? instance, ImmutableStack<string> path, int depth, int calls)
            {
                if (instance?.Type != null && instance.Type.IsValueType)
                {
                    Visit(instance, path, depth + 1, calls);
                }
            }

            private void VisitLocal(ILocalReferenceOperation reference, ImmutableStack<string> path, int depth, int calls)
            {
                ILocalSymbol local = reference.Local;
                if (local.IsConst || local.IsRef || !Enter(local))
                {
                    return;
                }

                // Asked once per local: most locals handed to calls hold no source, and each is handed to several.
                if (IsQuiet(local, fresh => fresh.VisitInitializer(local, ImmutableStack<string>.Empty, 0, 0)))
                {
                    return;
                }

                ImmutableStack<string> through = path.Push(local.Name);
                if (!_full)
                {
                    // Only the initializer: a light trace runs for every local handed to the compilation's own methods.
                    VisitInitializer(local, through, depth + 1, calls);
                    return;
                }

                foreach (IOperation descendant in SourceBodies.Root(reference).Descendants())
                {
                    switch (descendant)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            IOperation? initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                            if (initializer != null)
                            {
                                Visit(initializer, through, depth + 1, calls);
                            }

                            break;
                        case IAssignmentOperation assignment
                            when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                            Visit(assignment.Value, through, depth + 1, calls);
                            break;
                    }
                }
            }

            /// <summary>
            /// A parameter the body assigns (<c>if (seed == 0) seed = Environment.TickCount;</c>, <c>seeds = new long[] {
            /// Environment.TickCount };</c>): the values assigned. What the callers pass is not followed back. A light trace
            /// asks only for an array parameter read by element, and once per parameter.
            /// </summary>
            private void VisitParameter(IParameterReferenceOperation reference, ImmutableStack<string> path, int depth, int calls)
            {
                IParameterSymbol parameter = reference.Parameter;
                if (parameter.RefKind != RefKind.None || !Enter(parameter))
                {
                    return;
                }

                if (IsQuiet(parameter, fresh => fresh.VisitAssignments(reference, ImmutableStack<string>.Empty, 0, 0)))
                {
                    return;
                }

                VisitAssignments(reference, path.Push(parameter.Name), depth + 1, calls);
            }

            /// <summary>
            /// For a light trace: true when what <paramref name="symbol"/> holds leads to no source, found by a trace of its
            /// own from <paramref name="visit"/> (with the most depth, so its answer holds for every trace that reaches the
            /// symbol) and kept in the <see cref="LightCache"/>. False when it may, or when there is no cache to keep it in.
            /// </summary>
            private bool IsQuiet(ISymbol symbol, Action<Walk> visit)
            {
                if (_full || !_additionalSources.IsEmpty || _cache is null)
                {
                    return false;
                }

                if (_cache.IsQuiet(symbol))
                {
                    return true;
                }

                var fresh = new Walk(_bodies, _sources, _additionalSources, full: false, _cache);
                fresh.Enter(symbol);
                visit(fresh);
                if (fresh.Found.Count > 0)
                {
                    return false;
                }

                _cache.MarkQuiet(symbol);
                return true;
            }

            private void VisitAssignments(IParameterReferenceOperation reference, ImmutableStack<string> path, int depth, int calls)
            {
                foreach (IOperation descendant in SourceBodies.Root(reference).Descendants())
                {
                    if (descendant is IAssignmentOperation assignment && assignment.Target is IParameterReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Parameter, reference.Parameter))
                    {
                        Visit(assignment.Value, path, depth, calls);
                    }
                }
            }

            private void VisitInitializer(ILocalSymbol local, ImmutableStack<string> path, int depth, int calls)
            {
                foreach (SyntaxReference declaration in local.DeclaringSyntaxReferences)
                {
                    if (declaration.GetSyntax(_bodies.CancellationToken) is VariableDeclaratorSyntax declarator
                        && declarator.Initializer?.Value is ExpressionSyntax value
                        && _bodies.Operation(value) is IOperation initializer)
                    {
                        Visit(initializer, path, depth, calls);
                    }
                }
            }

            /// <summary>
            /// A field or auto-property whose every assignment is known: its initializer and each assignment in its type.
            /// False when the member is not one the trace follows.
            /// </summary>
            private bool VisitMember(ISymbol member, ImmutableStack<string> path, int depth, int calls)
            {
                if (!_full && _additionalSources.IsEmpty && _cache != null)
                {
                    ImmutableArray<ExpressionSyntax> sourced = _cache.SourcedInitializers(member, _findSourced ??= SourcedInitializers);
                    if (sourced.IsDefault)
                    {
                        return false;
                    }

                    if (sourced.IsEmpty || calls >= MaxCalls || !Enter(member))
                    {
                        return true;
                    }

                    foreach (ExpressionSyntax value in sourced)
                    {
                        if (_bodies.Operation(value) is IOperation initializer)
                        {
                            Visit(initializer, path.Push(member.Name), depth + 1, calls + 1);
                        }
                    }

                    return true;
                }

                if (!AssignedOnlyInItsType(member))
                {
                    return false;
                }

                if (calls >= MaxCalls || !Enter(member))
                {
                    return true;
                }

                ImmutableStack<string> through = path.Push(member.Name);
                foreach (SyntaxReference declaration in member.DeclaringSyntaxReferences)
                {
                    ExpressionSyntax? value = declaration.GetSyntax(_bodies.CancellationToken) switch
                    {
                        VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                        PropertyDeclarationSyntax property => property.Initializer?.Value,
                        _ => null,
                    };
                    // A light trace binds an initializer (often in another file) only when its text names a source.
                    if (value != null && (_full || SeedSources.MayHoldSource(value, _additionalSources))
                        && _bodies.Operation(value) is IOperation initializer)
                    {
                        Visit(initializer, through, depth + 1, calls + 1);
                    }
                }

                if (!_full)
                {
                    return true;
                }

                foreach (IMemberReferenceOperation reference in _bodies.References(member))
                {
                    if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                    {
                        Visit(assignment.Value, through, depth + 1, calls + 1);
                    }
                }

                return true;
            }

            /// <summary>For <see cref="LightCache"/>: a followed member's initializers that name a source; default when not followed.</summary>
            private ImmutableArray<ExpressionSyntax> SourcedInitializers(ISymbol member)
            {
                if (!AssignedOnlyInItsType(member))
                {
                    return default;
                }

                ImmutableArray<ExpressionSyntax>.Builder? sourced = null;
                foreach (SyntaxReference declaration in member.DeclaringSyntaxReferences)
                {
                    ExpressionSyntax? value = declaration.GetSyntax(_bodies.CancellationToken) switch
                    {
                        VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                        PropertyDeclarationSyntax property => property.Initializer?.Value,
                        _ => null,
                    };
                    if (value != null && SeedSources.MayHoldSource(value, ImmutableHashSet<string>.Empty))
                    {
                        (sourced ??= ImmutableArray.CreateBuilder<ExpressionSyntax>()).Add(value);
                    }
                }

                return sourced is null ? ImmutableArray<ExpressionSyntax>.Empty : sourced.ToImmutable();
            }

            /// <summary>
            /// <c>Interlocked.Increment(ref _seed)</c>, <c>Math.Abs(...)</c>, <c>Convert.ToInt32(...)</c>: a value computed from
            /// the arguments; a method of the compilation: what it returns (full traces). False for any other call.
            /// </summary>
            private bool VisitCall(IInvocationOperation invocation, ImmutableStack<string> path, int depth, int calls)
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (_sources.IsValueFunction(method))
                {
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        Visit(argument.Value, path, depth + 1, calls);
                    }

                    return true;
                }

                if (!_full || method.IsVirtual || method.IsAbstract || !_bodies.IsInSource(method))
                {
                    return false;
                }

                if (calls >= MaxCalls || !Enter(method.OriginalDefinition) || !(_bodies.Body(method.OriginalDefinition) is IOperation body))
                {
                    return true;
                }

                ImmutableStack<string> through = path.Push(method.Name + "()");
                foreach (IOperation returned in Returns(body))
                {
                    Visit(returned, through, depth + 1, calls + 1);
                }

                return true;
            }

            /// <summary>The values a body returns, not those of the lambdas and local functions inside it.</summary>
            private static IEnumerable<IOperation> Returns(IOperation body)
            {
                var pending = new Stack<IOperation>();
                pending.Push(body);
                while (pending.Count > 0)
                {
                    IOperation operation = pending.Pop();
                    if (operation is IReturnOperation ret && ret.ReturnedValue != null)
                    {
                        yield return ret.ReturnedValue;
                        continue;
                    }

                    foreach (IOperation child in operation.ChildOperations)
                    {
                        if (!(child is IAnonymousFunctionOperation) && !(child is ILocalFunctionOperation))
                        {
                            pending.Push(child);
                        }
                    }
                }
            }

            /// <summary>
            /// Fields that are private or readonly, auto-properties that are private or get-only (or privately set), of the
            /// compilation: every assignment is in the type's own declarations.
            /// </summary>
            private bool AssignedOnlyInItsType(ISymbol member)
            {
                switch (member)
                {
                    case IFieldSymbol field:
                        return !field.IsConst && (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly) && _bodies.IsInSource(field);
                    case IPropertySymbol property:
                        if (property.IsIndexer || property.IsAbstract || property.IsVirtual || property.IsOverride || !_bodies.IsInSource(property))
                        {
                            return false;
                        }

                        IMethodSymbol? setter = property.SetMethod;
                        bool setInType = setter is null
                            || property.DeclaredAccessibility == Accessibility.Private
                            || (setter.DeclaredAccessibility == Accessibility.Private && !setter.IsInitOnly);
                        return setInType && IsAutoProperty(property);
                    default:
                        return false;
                }
            }

            private bool IsAutoProperty(IPropertySymbol property)
            {
                foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(_bodies.CancellationToken) is PropertyDeclarationSyntax declaration)
                        || declaration.ExpressionBody != null || declaration.AccessorList is null)
                    {
                        return false;
                    }

                    foreach (AccessorDeclarationSyntax accessor in declaration.AccessorList.Accessors)
                    {
                        if (accessor.Body != null || accessor.ExpressionBody != null)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            /// <summary>False when the trace has been through <paramref name="symbol"/>: a handful at most, so a list.</summary>
            private bool Enter(ISymbol symbol)
            {
                _visited ??= new List<ISymbol>();
                foreach (ISymbol visited in _visited)
                {
                    if (SymbolEqualityComparer.Default.Equals(visited, symbol))
                    {
                        return false;
                    }
                }

                _visited.Add(symbol);
                return true;
            }
        }
    }
}
