using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    public sealed partial class GeneratorUsedAcrossThreadsFixer
    {
        /// <summary>What one fix does to one concurrent lambda: every shared generator drawn in it, and where its index comes from.</summary>
        private sealed class Plan
        {
            private readonly SemanticModel _model;
            private readonly IReadOnlyList<IGrouping<ISymbol, IOperation>> _generators;
            private readonly ITypeSymbol? _deterministicRandom;
            private readonly StatementSyntax? _taskStatement;
            private readonly ITypeSymbol _indexType;

            private Plan(
                SemanticModel model,
                AnonymousFunctionExpressionSyntax lambda,
                IReadOnlyList<IGrouping<ISymbol, IOperation>> generators,
                ITypeSymbol? deterministicRandom,
                string index,
                ITypeSymbol indexType,
                bool addsIndex,
                StatementSyntax? taskStatement)
            {
                _model = model;
                Lambda = lambda;
                _generators = generators;
                _deterministicRandom = deterministicRandom;
                Index = index;
                _indexType = indexType;
                AddsIndex = addsIndex;
                _taskStatement = taskStatement;
            }

            public AnonymousFunctionExpressionSyntax Lambda { get; }

            /// <summary>The name of the index (lambda parameter or loop counter) the streams are derived from.</summary>
            public string Index { get; }

            /// <summary>The loop counter's name for a task started in a loop; null for a loop body's own index.</summary>
            public string? Counter => _taskStatement is null ? null : Index;

            public bool AddsIndex { get; }

            /// <summary>
            /// Without the runtime the stream is new Random(seed + index): only for System.Random receivers, and only
            /// in a type that can hold the seed constant (not top-level statements).
            /// </summary>
            public bool FixableWithoutRuntime => FixSyntax.ContainingType(Lambda) != null && _generators.All(g => !IsDeterministic(g.First()));

            public static Plan? Create(SyntaxNode node, SemanticModel model)
            {
                ConcurrencySymbols? symbols = KnownSymbols.Get(model.Compilation).Concurrency;
                IOperation? draw = model.GetOperation(node);
                if (symbols is null || draw is null || node.ContainsDiagnostics)
                {
                    return null;
                }

                IAnonymousFunctionOperation? lambda = null;
                ConcurrentConstruct? construct = null;
                for (IOperation? current = draw.Parent; current != null && construct is null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation candidate)
                    {
                        lambda = candidate;
                        construct = symbols.ConstructOf(candidate);
                    }
                }

                if (lambda is null || construct is null || !(lambda.Syntax is AnonymousFunctionExpressionSyntax syntax) || Receiver(draw, symbols) is null)
                {
                    return null;
                }

                var generators = lambda.Descendants()
                    .Select(operation => (Operation: operation, Receiver: Receiver(operation, symbols)))
                    .Where(pair => pair.Receiver != null)
                    .Select(pair => (pair.Operation, Generator: GeneratorUsedAcrossThreadsAnalyzer.GeneratorFromOutside(pair.Receiver!, symbols, lambda)))
                    .Where(pair => pair.Generator != null)
                    .GroupBy(pair => pair.Generator!, pair => pair.Operation, SymbolEqualityComparer.Default)
                    .ToList();
                ITypeSymbol? deterministicRandom = symbols.DeterministicRandom;
                ImmutableArray<IParameterSymbol> parameters = lambda.Symbol.Parameters;
                switch (construct.Method)
                {
                    case "For":
                    case "ForAsync":
                        return parameters.Length > 0 && IsIndexType(parameters[0].Type)
                            ? new Plan(model, syntax, generators, deterministicRandom, parameters[0].Name, parameters[0].Type, false, null)
                            : null;
                    case "ForEach":
                        if (parameters.Length >= 3 && parameters[2].Type.SpecialType == SpecialType.System_Int64)
                        {
                            return new Plan(model, syntax, generators, deterministicRandom, parameters[2].Name, parameters[2].Type, false, null);
                        }

                        return CanAddIndex(lambda, syntax)
                            ? new Plan(model, syntax, generators, deterministicRandom, UniqueName(model, syntax, "index"), model.Compilation.GetSpecialType(SpecialType.System_Int64), true, null)
                            : null;
                    case "Run":
                    case "StartNew":
                    case ".ctor" when !construct.Repeats:
                    case "QueueUserWorkItem":
                    case "UnsafeQueueUserWorkItem":
                        return LoopCounter(model, syntax, out StatementSyntax? statement) is ILocalSymbol counter
                            ? new Plan(model, syntax, generators, deterministicRandom, counter.Name, counter.Type, false, statement)
                            : null;
                    default:
                        return null;
                }
            }

            public void Apply(FixSession session)
            {
                var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
                var declarations = new List<StatementSyntax>();
                var taken = new HashSet<string>();
                foreach (IGrouping<ISymbol, IOperation> generator in _generators)
                {
                    ExpressionSyntax stream = Stream(session, generator);
                    if (_taskStatement is null && generator.Count() == 1 && !FixSyntax.RunsRepeatedly(generator.First().Syntax, Lambda))
                    {
                        replacements[ReceiverSyntax(generator.First())] = stream;
                        continue;
                    }

                    string name = UniqueName(_model, Lambda, LocalBase(generator.Key.Name) + (_taskStatement is null ? "ForIndex" : "ForTask"), taken, EarlierTasksDrawing(generator.Key));
                    declarations.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(stream))))));
                    foreach (IOperation draw in generator)
                    {
                        replacements[ReceiverSyntax(draw)] = SyntaxFactory.IdentifierName(name);
                    }
                }

                AnonymousFunctionExpressionSyntax rewritten = Lambda.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
                if (_taskStatement != null)
                {
                    session.Editor.InsertBefore(_taskStatement, declarations.Select(d => d.WithAdditionalAnnotations(Formatter.Annotation)));
                }
                else if (declarations.Count > 0)
                {
                    rewritten = WithLeadingStatements(rewritten, declarations);
                }

                if (AddsIndex)
                {
                    rewritten = WithIndexParameter(rewritten);
                }

                session.Replace(Lambda, rewritten.WithAdditionalAnnotations(Formatter.Annotation));
            }

            private static IOperation? Receiver(IOperation draw, ConcurrencySymbols symbols)
            {
                // torch.Generator has no per-index stream in the runtime, so only System.Random receivers are fixed.
                IOperation? instance = draw switch
                {
                    IInvocationOperation invocation when !symbols.IsStreamDerivation(invocation.TargetMethod) => invocation.Instance,
                    IPropertyReferenceOperation property => property.Instance,
                    _ => null,
                };
                if (instance is null)
                {
                    return null;
                }

                instance = instance.Unwrap();
                return symbols.IsGenerator(instance.Type) && !SymbolEqualityComparer.Default.Equals(instance.Type, symbols.TorchGenerator) ? instance : null;
            }

            private static SyntaxNode ReceiverSyntax(IOperation draw) =>
                (draw is IInvocationOperation invocation ? invocation.Instance! : ((IPropertyReferenceOperation)draw).Instance!).Unwrap().Syntax;

            private bool IsDeterministic(IOperation draw) =>
                _deterministicRandom != null
                && SymbolEqualityComparer.Default.Equals(_model.GetTypeInfo(ReceiverSyntax(draw)).Type, _deterministicRandom);

            private ExpressionSyntax Stream(FixSession session, IGrouping<ISymbol, IOperation> generator)
            {
                ExpressionSyntax index = SyntaxFactory.IdentifierName(Index);
                if (IsDeterministic(generator.First()))
                {
                    var receiver = (ExpressionSyntax)ReceiverSyntax(generator.First()).WithoutTrivia();
                    return SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ForIndex")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(index))));
                }

                if (session.Runtime)
                {
                    string name = FixSyntax.TypeName(Lambda) + "." + generator.Key.Name;
                    return SyntaxFactory.InvocationExpression(
                        session.DeterminismMember("Random"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                        {
                            SyntaxFactory.Argument(FixSyntax.StringLiteral(name)),
                            SyntaxFactory.Argument(index),
                        })));
                }

                ExpressionSyntax seedIndex = _indexType.SpecialType == SpecialType.System_Int32
                    ? index
                    : SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)), index);
                TypeDeclarationSyntax type = FixSyntax.ContainingType(Lambda)!;
                return FixSession.SeededSystemRandom(SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, session.SeedConstant(type), seedIndex));
            }

            private AnonymousFunctionExpressionSyntax WithLeadingStatements(AnonymousFunctionExpressionSyntax lambda, List<StatementSyntax> declarations)
            {
                if (lambda.Block is BlockSyntax existing)
                {
                    return lambda.WithBlock(existing.WithStatements(existing.Statements.InsertRange(0, declarations)));
                }

                var body = (ExpressionSyntax)lambda.ExpressionBody!;
                StatementSyntax last = ReturnsValue() ? SyntaxFactory.ReturnStatement(body.WithoutTrivia()) : SyntaxFactory.ExpressionStatement(body.WithoutTrivia());
                SyntaxTrivia endOfLine = SyntaxFactory.ElasticEndOfLine(FixSyntax.EndOfLine(Lambda.SyntaxTree.GetRoot()).ToString());

                // The formatter indents but does not break lines, so the new block brings its own line ends.
                BlockSyntax block = SyntaxFactory.Block(
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(endOfLine).WithTrailingTrivia(endOfLine),
                    SyntaxFactory.List(declarations.Append(last).Select(statement => statement.WithTrailingTrivia(endOfLine))),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
                var expressionLambda = (LambdaExpressionSyntax)lambda;
                return expressionLambda.WithArrowToken(expressionLambda.ArrowToken.WithTrailingTrivia()).WithExpressionBody(null).WithBlock(block);
            }

            private bool ReturnsValue()
            {
                if (!(_model.GetSymbolInfo(Lambda).Symbol is IMethodSymbol method) || method.ReturnsVoid)
                {
                    return false;
                }

                // An async lambda returning Task or ValueTask has a value-less body.
                return !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false });
            }

            private AnonymousFunctionExpressionSyntax WithIndexParameter(AnonymousFunctionExpressionSyntax lambda)
            {
                var parameters = lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => new List<ParameterSyntax> { simple.Parameter.WithoutTrivia() },
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToList(),
                    _ => new List<ParameterSyntax>(),
                };
                if (parameters.Count == 1)
                {
                    parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(UniqueName(_model, Lambda, "state"))));
                }

                parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(Index)));
                ParameterListSyntax list = SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters));
                return lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => SyntaxFactory.ParenthesizedLambdaExpression(simple.AsyncKeyword, list, simple.ArrowToken, simple.Block, simple.ExpressionBody),
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(list.WithTriviaFrom(parenthesized.ParameterList)),
                    _ => lambda,
                };
            }

            private static bool IsIndexType(ITypeSymbol type) =>
                type.SpecialType == SpecialType.System_Int32 || type.SpecialType == SpecialType.System_Int64;

            /// <summary>
            /// ForEach over an IEnumerable with an (item) or (item, state) action whose parameters are implicitly typed:
            /// adding an index parameter selects the overload that passes the element's position.
            /// </summary>
            private static bool CanAddIndex(IAnonymousFunctionOperation lambda, AnonymousFunctionExpressionSyntax syntax)
            {
                if (!(lambda.Parent is IDelegateCreationOperation creation) || !(creation.Parent is IArgumentOperation argument)
                    || !(argument.Parent is IInvocationOperation invocation) || !(argument.Parameter?.Type is INamedTypeSymbol body))
                {
                    return false;
                }

                bool implicitlyTyped = syntax switch
                {
                    SimpleLambdaExpressionSyntax _ => true,
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.All(p => p.Type is null),
                    _ => false,
                };
                ITypeSymbol source = invocation.TargetMethod.Parameters[0].Type;
                return implicitlyTyped
                    && body.Name == "Action" && lambda.Symbol.Parameters.Length <= 2
                    && source.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
            }

            /// <summary>
            /// The integer counter of the <c>for</c> loop whose body block directly holds the statement that starts the task.
            /// </summary>
            private static ILocalSymbol? LoopCounter(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, out StatementSyntax? statement)
            {
                statement = null;
                for (SyntaxNode? current = lambda.Parent; current != null; current = current.Parent)
                {
                    if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax || current is MemberDeclarationSyntax)
                    {
                        return null;
                    }

                    if (current is StatementSyntax candidate && candidate.Parent is BlockSyntax block && block.Parent is ForStatementSyntax loop
                        && loop.Declaration?.Variables.Count == 1
                        && model.GetDeclaredSymbol(loop.Declaration.Variables[0]) is ILocalSymbol counter && IsIndexType(counter.Type))
                    {
                        statement = candidate;
                        return counter;
                    }
                }

                return null;
            }

            /// <summary>"_rng", "s_rng" and "rng" all give "rng"; the local is named after the generator it replaces.</summary>
            private static string LocalBase(string name)
            {
                int underscore = name.IndexOf('_');
                string trimmed = underscore >= 0 && underscore <= 1 ? name.Substring(underscore + 1) : name;
                return trimmed.Length == 0 ? "random" : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
            }

            /// <summary>
            /// How many statements before the task's, in the same block, start a lambda that draws from the same
            /// generator: Fix All gives each of them a local first, so this one starts counting after theirs and a
            /// one-at-a-time fix (which sees their locals already declared) picks the same names.
            /// </summary>
            private int EarlierTasksDrawing(ISymbol generator)
            {
                if (_taskStatement?.Parent is not BlockSyntax block)
                {
                    return 0;
                }

                return block.Statements.TakeWhile(statement => statement != _taskStatement).Count(statement =>
                    statement.DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>().Any(lambda =>
                        lambda.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == generator.Name)));
            }

            private static string UniqueName(SemanticModel model, SyntaxNode scope, string name, HashSet<string>? taken = null, int skip = 0)
            {
                string candidate = FreeName.Find(name, n => !IsTaken(model, scope, n) && (taken is null || !taken.Contains(n)), first: skip + 1);
                taken?.Add(candidate);
                return candidate;
            }

            private static bool IsTaken(SemanticModel model, SyntaxNode scope, string name) =>
                model.LookupSymbols(scope.SpanStart, name: name).Length > 0
                || scope.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);
        }
    }
}
