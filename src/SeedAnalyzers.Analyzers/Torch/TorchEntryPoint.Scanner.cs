using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    internal sealed partial class TorchEntryPoint
    {
        [Flags]
        private enum Effect
        {
            None = 0,
            Cpu = 1,
            Cuda = 2,
            Determinism = 4,
            All = Cpu | Cuda | Determinism,
        }

        private sealed class Scanner
        {
            private readonly TorchSymbols _symbols;
            private readonly ImmutableHashSet<string> _seedingMethods;
            private readonly CancellationToken _cancellationToken;
            private readonly SeedingNames _names;
            private readonly SourceBodies _bodies;

            public Scanner(Compilation compilation, TorchSymbols symbols, ImmutableHashSet<string> seedingMethods, SeedingNames names, CancellationToken cancellationToken)
            {
                _symbols = symbols;
                _seedingMethods = seedingMethods;
                _names = names;
                _cancellationToken = cancellationToken;
                _bodies = new SourceBodies(compilation, null, cancellationToken);
            }

            /// <summary>An expression statement, a local declaration, or an expression body; other statements are conditional or compound.</summary>
            public Effect Scan(SyntaxNode statement, int depth)
            {
                switch (statement)
                {
                    case ExpressionStatementSyntax _:
                    case LocalDeclarationStatementSyntax _:
                    case ExpressionSyntax _:
                        break;
                    default:
                        return Effect.None;
                }

                Effect effect = Effect.None;
                foreach (SyntaxNode node in statement.DescendantNodesAndSelf(descendIntoChildren: n => !(n is AnonymousFunctionExpressionSyntax)))
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        effect |= Invocation(invocation, depth);
                        if (effect == Effect.All)
                        {
                            break;
                        }
                    }
                }

                return effect;
            }

            private Effect Invocation(InvocationExpressionSyntax invocation, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();

                // Only calls whose name can lead to a seeding call within the remaining depth are bound.
                string? name = SeedingNames.SimpleName(invocation);
                if (name is null || !_names.CanReach(name, MaxDepth - depth))
                {
                    return Effect.None;
                }

                if (Spelled(invocation) is Effect spelled)
                {
                    return spelled;
                }

                if (!(_bodies.Model(invocation.SyntaxTree)?.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method))
                {
                    return Effect.None;
                }

                if (_symbols.IsTorchDeterminismInitialize(method) || (_seedingMethods.Count > 0 && _seedingMethods.Contains(QualifiedName(method))))
                {
                    return Effect.All;
                }

                if (_symbols.IsCpuManualSeed(method))
                {
                    return Effect.Cpu;
                }

                if (_symbols.IsCudaManualSeed(method))
                {
                    return Effect.Cuda;
                }

                if (depth >= MaxDepth || method.IsAbstract || method.IsExtern)
                {
                    return Effect.None;
                }

                Effect effect = Effect.None;
                foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration
                        && TopLevelStatements(declaration, out _) is IEnumerable<SyntaxNode> statements)
                    {
                        foreach (SyntaxNode statement in statements)
                        {
                            effect |= Scan(statement, depth + 1);
                            if (effect == Effect.All)
                            {
                                return effect;
                            }
                        }
                    }
                }

                return effect;
            }

            /// <summary>
            /// The seeding calls as people write them, known from their qualified name alone: <c>torch.manual_seed</c>,
            /// <c>torch.random.manual_seed</c>, <c>torch.cuda.manual_seed_all</c>, <c>torch.cuda.manual_seed</c> (optionally
            /// under <c>TorchSharp.</c>) and <c>TorchDeterminism.Initialize</c> (optionally under <c>SeedAnalyzers.</c>, and only
            /// when the runtime is referenced). Null for anything else, which is bound.
            /// </summary>
            /// <remarks>
            /// Binding one call binds its whole method and runs nullable analysis over it, and the driver has usually
            /// dropped that method's bound tree by the time the first torch call asks for the entry point: on the
            /// TorchSharp examples that was most of the rule's cost. The names are TorchSharp's own static classes; a
            /// local or type named <c>torch</c> that is not TorchSharp's would be taken for it.
            /// </remarks>
            private Effect? Spelled(InvocationExpressionSyntax invocation)
            {
                // Right to left: the method, then each qualifier, at most four deep.
                ExpressionSyntax expression = invocation.Expression;
                string? method = null, first = null, second = null, third = null;
                for (int part = 0; part < 4; part++)
                {
                    string? name;
                    ExpressionSyntax? next;
                    switch (expression)
                    {
                        case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name is IdentifierNameSyntax member:
                            name = member.Identifier.ValueText;
                            next = access.Expression;
                            break;
                        case IdentifierNameSyntax identifier:
                            name = identifier.Identifier.ValueText;
                            next = null;
                            break;
                        default:
                            return null;
                    }

                    switch (part)
                    {
                        case 0: method = name; break;
                        case 1: first = name; break;
                        case 2: second = name; break;
                        default: third = name; break;
                    }

                    if (next is null)
                    {
                        return Match(method!, first, second, third);
                    }

                    expression = next;
                }

                return null;
            }

            /// <summary><paramref name="first"/> is the qualifier next to the method, <paramref name="third"/> the outermost.</summary>
            private Effect? Match(string method, string? first, string? second, string? third)
            {
                switch (method)
                {
                    case "manual_seed" when first == "torch" && (second is null || (second == "TorchSharp" && third is null)):
                    case "manual_seed" when first == "random" && second == "torch" && (third is null || third == "TorchSharp"):
                        return Effect.Cpu;
                    case "manual_seed" when first == "cuda" && second == "torch" && (third is null || third == "TorchSharp"):
                    case "manual_seed_all" when first == "cuda" && second == "torch" && (third is null || third == "TorchSharp"):
                        return Effect.Cuda;
                    case "Initialize" when _symbols.TorchDeterminism != null && first == "TorchDeterminism" && (second is null || (second == "SeedAnalyzers" && third is null)):
                        return Effect.All;
                    default:
                        return null;
                }
            }

            private static string QualifiedName(IMethodSymbol method) =>
                method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + method.Name;
        }
    }
}
