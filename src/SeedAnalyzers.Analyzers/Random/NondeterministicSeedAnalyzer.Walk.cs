using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>
        /// One trace from a seed back to its nondeterministic sources: locals through every assignment in their body,
        /// parameters the body assigns, fields and auto-properties whose every assignment is known through each of them,
        /// and the returns of the compilation's own methods.
        /// </summary>
        private sealed class Walk
        {
            private readonly SourceBodies _bodies;
            private readonly SeedSources _sources;
            private readonly ImmutableHashSet<string> _additionalSources;
            private List<ISymbol>? _visited;
            private HashSet<SyntaxNode>? _found;
            private List<(IOperation Source, ImmutableStack<string> Path)>? _foundList;

            internal Walk(SourceBodies bodies, SeedSources sources, ImmutableHashSet<string> additionalSources)
            {
                _bodies = bodies;
                _sources = sources;
                _additionalSources = additionalSources;
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
                    case IParameterReferenceOperation parameter:
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

                ImmutableStack<string> through = path.Push(local.Name);

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
            /// Environment.TickCount };</c>): the values assigned. What the callers pass is not followed back.
            /// </summary>
            private void VisitParameter(IParameterReferenceOperation reference, ImmutableStack<string> path, int depth, int calls)
            {
                IParameterSymbol parameter = reference.Parameter;
                if (parameter.RefKind != RefKind.None || !Enter(parameter))
                {
                    return;
                }

                VisitAssignments(reference, path.Push(parameter.Name), depth + 1, calls);
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

            /// <summary>
            /// A field or auto-property whose every assignment is known: its initializer and each assignment in its type.
            /// False when the member is not one the trace follows.
            /// </summary>
            private bool VisitMember(ISymbol member, ImmutableStack<string> path, int depth, int calls)
            {
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
                    if (value != null && _bodies.Operation(value) is IOperation initializer)
                    {
                        Visit(initializer, through, depth + 1, calls + 1);
                    }
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

            /// <summary>
            /// <c>Interlocked.Increment(ref _seed)</c>, <c>Math.Abs(...)</c>, <c>Convert.ToInt32(...)</c>: a value computed from
            /// the arguments; a method of the compilation: what it returns. False for any other call.
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

                if (method.IsVirtual || method.IsAbstract || !_bodies.IsInSource(method))
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

            private bool AssignedOnlyInItsType(ISymbol member) => AssignedOnlyInItsType(member, _bodies.Compilation.Assembly, _bodies.CancellationToken);

            /// <summary>
            /// Fields that are private or readonly, auto-properties that are private or get-only (or privately set), of the
            /// compilation (<paramref name="assembly"/>): every assignment is in the type's own declarations.
            /// </summary>
            internal static bool AssignedOnlyInItsType(ISymbol member, IAssemblySymbol assembly, CancellationToken cancellationToken)
            {
                switch (member)
                {
                    case IFieldSymbol field:
                        return !field.IsConst && (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly)
                            && SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, assembly);
                    case IPropertySymbol property:
                        if (property.IsIndexer || property.IsAbstract || property.IsVirtual || property.IsOverride
                            || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, assembly))
                        {
                            return false;
                        }

                        IMethodSymbol? setter = property.SetMethod;
                        bool setInType = setter is null
                            || property.DeclaredAccessibility == Accessibility.Private
                            || (setter.DeclaredAccessibility == Accessibility.Private && !setter.IsInitOnly);
                        return setInType && IsAutoProperty(property, cancellationToken);
                    default:
                        return false;
                }
            }

            private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
            {
                foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration)
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
