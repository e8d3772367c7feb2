using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class NondeterministicSeedAnalyzer
    {
        /// <summary>
        /// A source handed to the compilation's own code, followed to the seed it becomes: from the parameter into the
        /// callee's body, through its locals, the fields and auto-properties it sets (to their reads in the type) and the
        /// calls it makes, up to <see cref="MaxCalls"/> calls deep. Lives for one callback.
        /// </summary>
        /// <remarks>
        /// Started from the source itself (<see cref="FromSource"/>: sources are few, calls many), in the member that holds
        /// it, a field's or auto-property's initializer included.
        /// </remarks>
        private sealed class Forward
        {
            private readonly SourceBodies _bodies;
            private readonly SeedSources _sources;
            private readonly SeedSinks _sinks;
            private readonly Origin? _origin;
            private readonly HashSet<ISymbol> _visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            private Forward(SourceBodies bodies, SeedSources sources, SeedSinks sinks, Origin? origin = null)
            {
                _bodies = bodies;
                _sources = sources;
                _sinks = sinks;
                _origin = origin;
            }

            /// <summary>
            /// From a source in the member being analyzed, up through its arithmetic, the locals and parameters it is
            /// stored in and the fields and auto-properties it sets or initializes (those whose every assignment is known,
            /// to their reads in the type), to each argument of a call into the compilation's own code, which is then
            /// followed into the callee. A seed reached without such a call is the backward trace's (<see cref="Trace"/>).
            /// </summary>
            public static void FromSource(OperationAnalysisContext context, IOperation source, State state)
            {
                // A hash code taken inside a GetHashCode override (name.GetHashCode(), base.GetHashCode()) is that override's
                // result, handed to its callers, which the trace does not follow (only a private method's returns are): most
                // sources in a library are these, and each would set up a trace through the override's locals for nothing.
                if (context.ContainingSymbol is IMethodSymbol { IsOverride: true, Name: "GetHashCode" })
                {
                    return;
                }

                IOperation top = ChainTop(source);
                if (top.Syntax.ContainsDiagnostics)
                {
                    return;
                }

                var bodies = new SourceBodies(context.Compilation, context.Operation.SemanticModel, context.CancellationToken);
                var origin = new Origin(context, top);
                new Forward(bodies, state.Sources, state.Sinks, origin).Climb(top, ImmutableList<string>.Empty, 0);
            }

            /// <summary>
            /// Where a value handed to <paramref name="parameter"/> of the compilation's own code ends; a parameter named as a
            /// seed is one even when it is not followed to the end (a custom generator's own arithmetic).
            /// </summary>
            private static Reach? Into(SourceBodies bodies, SeedSources sources, SeedSinks sinks, IArgumentOperation argument, IParameterSymbol parameter, int calls)
            {
                Reach? reach = new Forward(bodies, sources, sinks).FollowParameter(parameter.OriginalDefinition, ImmutableList<string>.Empty, calls);
                if (reach is null && sinks.IsSeedArgument(argument, out string display, out string kind))
                {
                    reach = new Reach(display, kind, ImmutableList<string>.Empty);
                }

                return reach;
            }

            /// <summary>
            /// The whole chain a source heads: <c>DateTime.Now.Millisecond</c> for <c>DateTime.Now</c>,
            /// <c>Guid.NewGuid().GetHashCode()</c> for <c>Guid.NewGuid()</c>, as the backward trace names it.
            /// </summary>
            private static IOperation ChainTop(IOperation source)
            {
                IOperation current = source;
                while (true)
                {
                    IOperation inner = current;
                    IOperation? parent = current.Parent;
                    while (parent is IConversionOperation || parent is IParenthesizedOperation)
                    {
                        inner = parent;
                        parent = parent.Parent;
                    }

                    if ((parent is IMemberReferenceOperation member && member.Instance == inner)
                        || (parent is IInvocationOperation invocation && invocation.Instance == inner))
                    {
                        current = parent;
                        continue;
                    }

                    return current;
                }
            }

            /// <summary>
            /// A source reaching an argument of the compilation's own code: followed into the callee (as a call of its own,
            /// with a fresh trace). Reported once, at the source, with the whole path in the message: the report stays
            /// inside the operation being analyzed (the source), as the driver counts a diagnostic local to its callback
            /// and the IDE shows it while that line is edited.
            /// </summary>
            private void Cross(IArgumentOperation argument, ImmutableList<string> path, int calls)
            {
                Origin origin = _origin!;
                if (origin.Reported || argument.ArgumentKind != ArgumentKind.Explicit || !(argument.Parameter is IParameterSymbol parameter)
                    || parameter.RefKind != RefKind.None || calls >= MaxCalls || !_bodies.IsInSource(parameter)
                    || !(argument.Value.Type is ITypeSymbol type) || !SeedSinks.MayCarrySeed(type) || argument.Parent?.Syntax.ContainsDiagnostics != false)
                {
                    return;
                }

                if (Into(_bodies, _sources, _sinks, argument, parameter, calls + 1) is Reach reach)
                {
                    origin.Reported = true;
                    Report(origin.Context, origin.Source, origin.Source, reach.Sink, reach.Kind, Describe(ImmutableStack<string>.Empty, path.AddRange(reach.Path)));
                }
            }

            private Reach? FollowParameter(IParameterSymbol parameter, ImmutableList<string> path, int calls)
            {
                if (!(parameter.ContainingSymbol is IMethodSymbol method) || !_visited.Add(parameter))
                {
                    return null;
                }

                ImmutableList<string> through = path.Add((method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name) + "(" + parameter.Name + ")");
                foreach (IParameterReferenceOperation reference in ParameterReferences(parameter, method))
                {
                    if (Climb(reference, through, calls) is Reach reach)
                    {
                        return reach;
                    }
                }

                return null;
            }

            /// <summary>The parameter's uses in the body; for a primary constructor, in the type's initializers.</summary>
            private IEnumerable<IParameterReferenceOperation> ParameterReferences(IParameterSymbol parameter, IMethodSymbol method)
            {
                if (_bodies.Body(method) is IOperation body)
                {
                    foreach (IOperation operation in body.Descendants())
                    {
                        if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                        {
                            yield return reference;
                        }
                    }

                    yield break;
                }

                if (method.MethodKind != MethodKind.Constructor || !_bodies.IsInSource(method))
                {
                    yield break;
                }

                foreach (SyntaxReference declaration in method.DeclaringSyntaxReferences)
                {
                    if (!(declaration.GetSyntax(_bodies.CancellationToken) is TypeDeclarationSyntax type))
                    {
                        continue;
                    }

                    foreach (SyntaxToken token in type.DescendantTokens())
                    {
                        if (token.ValueText == parameter.Name && token.Parent is IdentifierNameSyntax name
                            && _bodies.Operation(name) is IParameterReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                        {
                            yield return reference;
                        }
                    }
                }
            }

            /// <summary>From a use of the followed value up to what consumes it: a seed, or a local, member or call to follow.</summary>
            private Reach? Climb(IOperation use, ImmutableList<string> path, int calls)
            {
                IOperation current = use;
                for (int depth = 0; depth <= MaxDepth; depth++)
                {
                    IOperation? parent = current.Parent;
                    switch (parent)
                    {
                        case IConversionOperation _:
                        case IParenthesizedOperation _:
                        case IArrayInitializerOperation _:
                        case IArrayCreationOperation _:
                        case IBinaryOperation _:
                        case IUnaryOperation _:
                        case ICoalesceOperation _:
                        case IConditionalOperation conditional when conditional.Condition != current:
                        case IMemberReferenceOperation member when member.Instance == current && current.Type?.IsValueType == true:
                        case IInvocationOperation call when call.Instance == current && current.Type?.IsValueType == true:
                            current = parent;
                            continue;
                        case IArrayElementReferenceOperation element when element.ArrayReference == current:
                            current = parent;
                            continue;
                        case IArgumentOperation argument:
                            // Buffer.BlockCopy(timeBytes, 0, seed, 0, 8): the bytes go on in the destination array.
                            if (argument.Parent is IInvocationOperation copy && _sources.CopyDestination(copy, argument) is IOperation destination)
                            {
                                return Assigned(destination.Unwrap(explicitConversions: true), copy, path, calls);
                            }

                            if (argument.Parent is IInvocationOperation function && _sources.IsValueFunction(function.TargetMethod))
                            {
                                current = function;
                                continue;
                            }

                            if (_origin != null)
                            {
                                Cross(argument, path, calls);
                                return null;
                            }

                            if (argument.Parameter is IParameterSymbol parameter && parameter.RefKind == RefKind.None
                                && calls < MaxCalls && _bodies.IsInSource(parameter)
                                && FollowParameter(parameter.OriginalDefinition, path, calls + 1) is Reach deeper)
                            {
                                return deeper;
                            }

                            return _sinks.IsSeedArgument(argument, out string display, out string kind) ? new Reach(display, kind, path) : null;
                        case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                            return FollowLocal(declarator.Symbol, initializer, path, calls);
                        case IAssignmentOperation assignment when assignment.Value == current:
                            return Assigned(assignment.Target, assignment, path, calls);
                        case IReturnOperation returned when returned.ReturnedValue == current && _origin != null:
                            return Returned(returned, path, calls);
                        case IFieldInitializerOperation fieldInitializer:
                            foreach (IFieldSymbol field in fieldInitializer.InitializedFields)
                            {
                                if (Followed(field) && FollowMember(field, path, calls) is Reach reach)
                                {
                                    return reach;
                                }
                            }

                            return null;
                        case IPropertyInitializerOperation propertyInitializer:
                            foreach (IPropertySymbol property in propertyInitializer.InitializedProperties)
                            {
                                if (Followed(property) && FollowMember(property, path, calls) is Reach reach)
                                {
                                    return reach;
                                }
                            }

                            return null;
                        default:
                            return null;
                    }
                }

                return null;
            }

            /// <summary>
            /// A value a private method returns: followed from each call in its type (the only callers a private method
            /// has), as a call of the trace (<c>CreateSeed()</c> packs the clock into the seed bytes it returns). Only from
            /// the source's side, where every call returns the source's value: in a callee the value returned depends on
            /// the argument, and its other callers pass theirs.
            /// </summary>
            private Reach? Returned(IReturnOperation returned, ImmutableList<string> path, int calls)
            {
                for (IOperation? outer = returned.Parent; outer != null; outer = outer.Parent)
                {
                    if (outer is IAnonymousFunctionOperation || outer is ILocalFunctionOperation)
                    {
                        return null;
                    }
                }

                if (!(_bodies.Model(returned.Syntax.SyntaxTree)?.GetEnclosingSymbol(returned.Syntax.SpanStart, _bodies.CancellationToken) is IMethodSymbol method)
                    || method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Private
                    || calls >= MaxCalls || !_visited.Add(method.OriginalDefinition))
                {
                    return null;
                }

                ImmutableList<string> through = path.Add(method.Name + "()");
                foreach (IInvocationOperation call in _bodies.Calls(method))
                {
                    if (Climb(call, through, calls + 1) is Reach reach)
                    {
                        return reach;
                    }
                }

                return null;
            }

            private Reach? Assigned(IOperation target, IOperation assignment, ImmutableList<string> path, int calls)
            {
                if (_sinks.IsSeedMember(target, out string display))
                {
                    // In the source's own member, the assignment callback reports it.
                    return _origin is null ? new Reach(display, SinkGenerator, path) : null;
                }

                switch (target)
                {
                    case ILocalReferenceOperation local:
                        return FollowLocal(local.Local, assignment, path, calls);
                    case IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None:
                        // seeds = new long[] { Environment.TickCount }; then seeds[0] handed on.
                        return FollowLocal(parameter.Parameter, assignment, path, calls);
                    case IFieldReferenceOperation field when Followed(field.Field):
                        return FollowMember(field.Field, path, calls);
                    case IPropertyReferenceOperation property when Followed(property.Property):
                        return FollowMember(property.Property, path, calls);
                    default:
                        return null;
                }
            }

            /// <summary>A local, or a parameter the body assigns: its reads in the body.</summary>
            private Reach? FollowLocal(ISymbol local, IOperation within, ImmutableList<string> path, int calls)
            {
                if (!_visited.Add(local))
                {
                    return null;
                }

                ImmutableList<string> through = path.Add(local.Name);
                foreach (IOperation operation in SourceBodies.Root(within).Descendants())
                {
                    ISymbol? read = operation switch
                    {
                        ILocalReferenceOperation reference => reference.Local,
                        IParameterReferenceOperation reference => reference.Parameter,
                        _ => null,
                    };
                    if (read != null && SymbolEqualityComparer.Default.Equals(read, local)
                        && !(operation.Parent is IAssignmentOperation assignment && assignment.Target == operation)
                        && Climb(operation, through, calls) is Reach reach)
                    {
                        return reach;
                    }
                }

                return null;
            }

            /// <summary>
            /// Whether a field or auto-property the value is stored in is followed: in the callee, any of the compilation's
            /// (the followed value is there); from the source's own member, only one whose every assignment is known, as
            /// the backward trace requires (a public settable field's default may be replaced by its consumer first).
            /// </summary>
            private bool Followed(ISymbol member) =>
                _origin is null || Walk.AssignedOnlyInItsType(member, _bodies.Compilation.Assembly, _bodies.CancellationToken);

            /// <summary>A field or property the value is stored in: its reads in its type (the declarations of a partial type included).</summary>
            private Reach? FollowMember(ISymbol member, ImmutableList<string> path, int calls)
            {
                if (calls >= MaxCalls || !_bodies.IsInSource(member) || !_visited.Add(member))
                {
                    return null;
                }

                ImmutableList<string> through = path.Add(member.Name);
                foreach (IMemberReferenceOperation reference in _bodies.References(member))
                {
                    if (!(reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                        && Climb(reference, through, calls + 1) is Reach reach)
                    {
                        return reach;
                    }
                }

                return null;
            }
        }

        /// <summary>Where a forward trace from a source started: the callback that reports, and the source.</summary>
        private sealed class Origin
        {
            public Origin(OperationAnalysisContext context, IOperation source)
            {
                Context = context;
                Source = source;
            }

            public OperationAnalysisContext Context { get; }

            public IOperation Source { get; }

            /// <summary>True once the source is reported: one report per source, for the first seed it reaches.</summary>
            public bool Reported { get; set; }
        }

        /// <summary>The seed a followed value reaches, and the names it passes after the call it was handed to.</summary>
        private sealed class Reach
        {
            public Reach(string sink, string kind, ImmutableList<string> path)
            {
                Sink = sink;
                Kind = kind;
                Path = path;
            }

            public string Sink { get; }

            public string Kind { get; }

            public ImmutableList<string> Path { get; }
        }
    }
}
