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
        private sealed class Forward
        {
            private readonly SourceBodies _bodies;
            private readonly SeedSources _sources;
            private readonly SeedSinks _sinks;
            private readonly HashSet<ISymbol> _visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            private Forward(SourceBodies bodies, SeedSources sources, SeedSinks sinks)
            {
                _bodies = bodies;
                _sources = sources;
                _sinks = sinks;
            }

            /// <summary>Checks each argument of a call into the compilation for a source, and follows the ones that hold one.</summary>
            public static void FromCall(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments, SeedSources sources, SeedSinks sinks, LightCache cache, AnalyzerOptionsReader options)
            {
                SourceBodies? bodies = null;
                ImmutableHashSet<string>? additional = null;
                foreach (IArgumentOperation argument in arguments)
                {
                    // Cheapest first: the argument's own operation (its type is the parameter's, converted; reading the
                    // parameter's type instead makes a symbol object per call in nullable-annotated code).
                    if (argument.ArgumentKind != ArgumentKind.Explicit || !MayHoldSource(argument.Value)
                        || !(argument.Value.Type is ITypeSymbol type) || !MayCarrySeed(type)
                        || !(argument.Parameter is IParameterSymbol parameter) || parameter.RefKind != RefKind.None)
                    {
                        continue;
                    }

                    bodies ??= new SourceBodies(context.Compilation, context.Operation.SemanticModel, context.CancellationToken);
                    additional ??= options.AdditionalSeedSources(argument.Syntax.SyntaxTree);
                    var walk = new Walk(bodies, sources, additional, full: false, cache);
                    walk.Visit(argument.Value, ImmutableStack<string>.Empty, 0, 0);
                    if (walk.Found.Count == 0)
                    {
                        continue;
                    }

                    // Where the value ends is the better message; a parameter named as a seed is one even when it is not followed
                    // to the end (a custom generator's own arithmetic).
                    Reach? reach = new Forward(bodies, sources, sinks).FollowParameter(parameter.OriginalDefinition, ImmutableList<string>.Empty, 1);
                    if (reach is null && sinks.IsSeedArgument(argument, out string display, out string kind))
                    {
                        reach = new Reach(display, kind, ImmutableList<string>.Empty);
                    }

                    if (reach != null)
                    {
                        foreach ((IOperation source, ImmutableStack<string> path) in walk.Found)
                        {
                            Report(context, argument.Value, source, reach.Sink, reach.Kind, Describe(path, reach.Path));
                        }
                    }
                }
            }

            /// <summary>
            /// A parameter that a followed value can go on from to a seed (<see cref="Climb"/>): a value type, read through
            /// its members and conversions, other than <c>bool</c> and enums; <c>object</c>, unboxed; a type parameter; an
            /// array of integers, handed on whole to a generator seeded with several (<c>long[] seeds</c>). A string,
            /// class, interface or delegate parameter cannot: its members are not followed. Most arguments a library
            /// hands its own methods are of those types, and are rejected here on the type alone.
            /// </summary>
            private static bool MayCarrySeed(ITypeSymbol type)
            {
                switch (type.TypeKind)
                {
                    case TypeKind.Struct:
                        return type.SpecialType != SpecialType.System_Boolean;
                    case TypeKind.TypeParameter:
                        return true;
                    case TypeKind.Class:
                        return type.SpecialType == SpecialType.System_Object;
                    case TypeKind.Array:
                        switch (((IArrayTypeSymbol)type).ElementType.SpecialType)
                        {
                            case SpecialType.System_Byte:
                            case SpecialType.System_SByte:
                            case SpecialType.System_Int16:
                            case SpecialType.System_UInt16:
                            case SpecialType.System_Int32:
                            case SpecialType.System_UInt32:
                            case SpecialType.System_Int64:
                            case SpecialType.System_UInt64:
                                return true;
                            default:
                                return false;
                        }

                    default:
                        return false;
                }
            }

            /// <summary>Rejects, before any binding, what cannot hold a source: constants, parameters, this, new objects, lambdas.</summary>
            private static bool MayHoldSource(IOperation value)
            {
                if (value.ConstantValue.HasValue)
                {
                    return false;
                }

                switch (value.Unwrap(explicitConversions: true).Kind)
                {
                    case OperationKind.Literal:
                    case OperationKind.ParameterReference:
                    case OperationKind.InstanceReference:
                    case OperationKind.ObjectCreation:
                    case OperationKind.AnonymousObjectCreation:
                    case OperationKind.DelegateCreation:
                    case OperationKind.AnonymousFunction:
                    case OperationKind.MethodReference:
                    case OperationKind.InterpolatedString:
                    case OperationKind.TypeOf:
                    case OperationKind.NameOf:
                    case OperationKind.DefaultValue:
                        return false;
                    default:
                        return true;
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
                        case IArgumentOperation argument:
                            if (argument.Parent is IInvocationOperation function && _sources.IsValueFunction(function.TargetMethod))
                            {
                                current = function;
                                continue;
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
                        case IFieldInitializerOperation fieldInitializer:
                            foreach (IFieldSymbol field in fieldInitializer.InitializedFields)
                            {
                                if (FollowMember(field, path, calls) is Reach reach)
                                {
                                    return reach;
                                }
                            }

                            return null;
                        case IPropertyInitializerOperation propertyInitializer:
                            foreach (IPropertySymbol property in propertyInitializer.InitializedProperties)
                            {
                                if (FollowMember(property, path, calls) is Reach reach)
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

            private Reach? Assigned(IOperation target, IAssignmentOperation assignment, ImmutableList<string> path, int calls)
            {
                if (_sinks.IsSeedMember(target, out string display))
                {
                    return new Reach(display, SinkGenerator, path);
                }

                switch (target)
                {
                    case ILocalReferenceOperation local:
                        return FollowLocal(local.Local, assignment, path, calls);
                    case IFieldReferenceOperation field:
                        return FollowMember(field.Field, path, calls);
                    case IPropertyReferenceOperation property:
                        return FollowMember(property.Property, path, calls);
                    default:
                        return null;
                }
            }

            private Reach? FollowLocal(ILocalSymbol local, IOperation within, ImmutableList<string> path, int calls)
            {
                if (!_visited.Add(local))
                {
                    return null;
                }

                ImmutableList<string> through = path.Add(local.Name);
                foreach (IOperation operation in SourceBodies.Root(within).Descendants())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && !(reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                        && Climb(reference, through, calls) is Reach reach)
                    {
                        return reach;
                    }
                }

                return null;
            }

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
