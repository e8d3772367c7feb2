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
        /// <summary>
        /// What one fix does to one concurrent lambda: for every shared generator drawn in it, where the streams are split
        /// from it (the statement that starts the region) and what the lambda draws from instead.
        /// </summary>
        private sealed class Plan
        {
            /// <summary>The PLINQ operators with an overload whose delegate also takes the element's position.</summary>
            private static readonly ImmutableHashSet<string> IndexedQueryOperators = ImmutableHashSet.Create("Select", "Where", "SelectMany", "TakeWhile", "SkipWhile");

            private readonly SemanticModel _model;
            private readonly ConcurrencySymbols _symbols;
            private readonly IReadOnlyList<Generator> _generators;
            private readonly StatementSyntax _region;
            private readonly IndexSource _indexSource;
            private readonly string? _worker;

            private Plan(
                SemanticModel model,
                ConcurrencySymbols symbols,
                AnonymousFunctionExpressionSyntax lambda,
                IReadOnlyList<Generator> generators,
                StatementSyntax region,
                string construct,
                IndexSource indexSource,
                string? index,
                string? worker)
            {
                _model = model;
                _symbols = symbols;
                Lambda = lambda;
                _generators = generators;
                _region = region;
                Construct = construct;
                _indexSource = indexSource;
                Index = index;
                _worker = worker;
            }

            /// <summary>Where a per-index plan's index comes from.</summary>
            private enum IndexSource
            {
                /// <summary>A per-worker plan: no index, a stream per lambda made before the region starts.</summary>
                None,

                /// <summary>The lambda's own parameter (Parallel.For's i, ForEach's position, PLINQ's index).</summary>
                Parameter,

                /// <summary>Parallel.ForEach's (item, state, index) overload, added by the fix.</summary>
                AddedForEachIndex,

                /// <summary>PLINQ's (item, index) overload, added by the fix.</summary>
                AddedQueryIndex,
            }

            public AnonymousFunctionExpressionSyntax Lambda { get; }

            /// <summary>How the message names the construct ("Parallel.For", "Task.Run", ...).</summary>
            public string Construct { get; }

            /// <summary>The index the per-index streams are derived from; null for a per-worker plan.</summary>
            public string? Index { get; }

            public static Plan? Create(SyntaxNode node, SemanticModel model)
            {
                ConcurrencySymbols? symbols = KnownSymbols.Get(model.Compilation).Concurrency;
                IOperation? draw = model.GetOperation(node);
                if (symbols is null || draw is null || node.ContainsDiagnostics || Receiver(draw, symbols) is null)
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

                if (lambda is null || construct is null || !(lambda.Syntax is AnonymousFunctionExpressionSyntax syntax)
                    || !(RegionStatement(syntax, model, symbols) is StatementSyntax region))
                {
                    return null;
                }

                var generators = new List<Generator>();
                foreach (IGrouping<ISymbol, IOperation> group in lambda.Descendants()
                    .Select(operation => (Operation: operation, Receiver: Receiver(operation, symbols)))
                    .Where(pair => pair.Receiver != null)
                    .Select(pair => (pair.Operation, Generator: GeneratorUsedAcrossThreadsAnalyzer.GeneratorFromOutside(pair.Receiver!, symbols, lambda)))
                    .Where(pair => pair.Generator != null)
                    .GroupBy(pair => pair.Generator!, pair => pair.Operation, SymbolEqualityComparer.Default))
                {
                    if (!(SplitSource(group, region, model) is ExpressionSyntax source))
                    {
                        return null;
                    }

                    generators.Add(new Generator(group.Key, group.ToList(), source));
                }

                if (generators.Count == 0)
                {
                    return null;
                }

                ImmutableArray<IParameterSymbol> parameters = lambda.Symbol.Parameters;
                Plan Indexed(IndexSource source, string index) => new Plan(model, symbols, syntax, generators, region, construct.Display, source, index, null);
                Plan PerWorker(string worker) => new Plan(model, symbols, syntax, generators, region, construct.Display, IndexSource.None, null, worker);
                if (IsQueryOperator(lambda, symbols))
                {
                    if (!IndexedQueryOperators.Contains(construct.Method))
                    {
                        return null;
                    }

                    if (parameters.Length == 2 && parameters[1].Type.SpecialType == SpecialType.System_Int32)
                    {
                        return Indexed(IndexSource.Parameter, parameters[1].Name);
                    }

                    return parameters.Length == 1 && IsFirstDelegateArgument(lambda) && ImplicitlyTyped(syntax)
                        ? Indexed(IndexSource.AddedQueryIndex, UniqueName(model, syntax, "index"))
                        : null;
                }

                switch (construct.Method)
                {
                    case "For":
                    case "ForAsync":
                        return parameters.Length > 0 && IsIndexType(parameters[0].Type) ? Indexed(IndexSource.Parameter, parameters[0].Name) : null;
                    case "ForEach":
                        if (parameters.Length >= 3 && parameters[2].Type.SpecialType == SpecialType.System_Int64)
                        {
                            return Indexed(IndexSource.Parameter, parameters[2].Name);
                        }

                        return CanAddForEachIndex(lambda, syntax) ? Indexed(IndexSource.AddedForEachIndex, UniqueName(model, syntax, "index")) : null;
                    case "Run":
                    case "StartNew":
                        return PerWorker("Task");
                    case ".ctor" when !construct.Repeats:
                        return PerWorker("Thread");
                    case "QueueUserWorkItem":
                    case "UnsafeQueueUserWorkItem":
                        return PerWorker("WorkItem");
                    default:
                        // Parallel.Invoke runs its actions at once: a stream made for one action before the statement is
                        // still a generator from outside a repeating construct to SEED010, so no fix yet.
                        return null;
                }
            }

            /// <summary>
            /// The suffix of the local a fix of this construct declares before the region: "Workers" where streams are split
            /// per index, "For" and the worker where one stream is split per lambda, null where no fix applies.
            /// </summary>
            private static string? LocalSuffix(ConcurrentConstruct construct, IAnonymousFunctionOperation lambda, ConcurrencySymbols symbols)
            {
                if (IsQueryOperator(lambda, symbols))
                {
                    return IndexedQueryOperators.Contains(construct.Method) ? "Workers" : null;
                }

                return construct.Method switch
                {
                    "For" or "ForAsync" or "ForEach" => "Workers",
                    "Run" or "StartNew" => "ForTask",
                    ".ctor" when !construct.Repeats => "ForThread",
                    "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" => "ForWorkItem",
                    _ => null,
                };
            }

            /// <summary>The fix title, or null when this plan needs the runtime and it is not referenced.</summary>
            public string? Title(bool runtime)
            {
                string from = string.Join(", ", _generators.Select(g => "'" + g.Source + "'"));
                if (Index != null)
                {
                    if (!runtime)
                    {
                        // Per-index seeds made without the runtime would be neighbours (seed + i), whose System.Random
                        // streams start on a lattice; only the runtime derives independent streams from an index.
                        return null;
                    }

                    string title = "Draw from per-index streams split from " + from + " each time " + Construct + " starts";
                    return _indexSource == IndexSource.Parameter ? title : "Use the overload with an index and " + char.ToLowerInvariant(title[0]) + title.Substring(1);
                }

                string noun = _worker switch
                {
                    "Thread" => "thread",
                    "WorkItem" => "work item",
                    _ => "task",
                };
                return runtime
                    ? "Give the " + noun + " a stream of its own, split from " + from + " before it starts"
                    : "Give the " + noun + " a generator of its own, seeded from " + from + " before it starts (the SeedAnalyzers runtime is not referenced)";
            }

            public void Apply(FixSession session)
            {
                var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
                var bodyDeclarations = new List<StatementSyntax>();
                var taken = new HashSet<string>();
                foreach (Generator generator in _generators)
                {
                    string suffix = Index is null ? "For" + _worker : "Workers";
                    string local = RegionLocalName(session, LocalBase(generator.Symbol.Name), suffix, generator.Symbol);
                    session.InsertStatementBefore(_region, Declaration(local, Split(session, generator)), Lambda.SpanStart);
                    if (Index is null)
                    {
                        foreach (IOperation draw in generator.Draws)
                        {
                            replacements[ReceiverSyntax(draw)] = SyntaxFactory.IdentifierName(local);
                        }

                        continue;
                    }

                    ExpressionSyntax perIndex = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(local), SyntaxFactory.IdentifierName("ForIndex")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(Index)))));
                    if (generator.Draws.Count == 1 && !FixSyntax.RunsRepeatedly(generator.Draws[0].Syntax, Lambda))
                    {
                        replacements[ReceiverSyntax(generator.Draws[0])] = perIndex;
                        continue;
                    }

                    // Several draws share one stream: a fresh per-index stream per draw would repeat the same first number.
                    string name = UniqueName(_model, Lambda, LocalBase(generator.Symbol.Name) + "ForIndex", taken);
                    bodyDeclarations.Add(Declaration(name, perIndex));
                    foreach (IOperation draw in generator.Draws)
                    {
                        replacements[ReceiverSyntax(draw)] = SyntaxFactory.IdentifierName(name);
                    }
                }

                AnonymousFunctionExpressionSyntax rewritten = Lambda.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
                if (bodyDeclarations.Count > 0)
                {
                    rewritten = WithLeadingStatements(rewritten, bodyDeclarations);
                }

                if (_indexSource == IndexSource.AddedForEachIndex || _indexSource == IndexSource.AddedQueryIndex)
                {
                    rewritten = WithIndexParameter(rewritten);
                }

                session.Replace(Lambda, rewritten.WithAdditionalAnnotations(Formatter.Annotation));
            }

            private static LocalDeclarationStatementSyntax Declaration(string name, ExpressionSyntax value) =>
                SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(value)))));

            /// <summary>
            /// Made once, on the thread that starts the region, each time it starts: <c>DeterministicRandom.SplitFrom(rng)</c>
            /// (64 bits drawn from the user's generator, so its seed still decides every number and each start draws new
            /// ones); without the runtime, <c>new Random(rng.Next())</c> for one worker.
            /// </summary>
            private static ExpressionSyntax Split(FixSession session, Generator generator)
            {
                if (session.Runtime)
                {
                    return SyntaxFactory.InvocationExpression(
                        session.RuntimeMember("DeterministicRandom", "SplitFrom"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(generator.Source))));
                }

                return FixSession.SeededSystemRandom(SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, generator.Source, SyntaxFactory.IdentifierName("Next"))));
            }

            private static IOperation? Receiver(IOperation draw, ConcurrencySymbols symbols)
            {
                // torch.Generator draws are left to the torch fixes: only System.Random receivers are fixed here.
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

            /// <summary>
            /// The statement that starts the region, before which the streams are split: it must sit in a statement list
            /// and hold the lambda directly (not inside another lambda or a local function, which could run it at another
            /// time), and must not itself run inside a concurrent lambda (the split would be a shared draw there).
            /// </summary>
            private static StatementSyntax? RegionStatement(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, ConcurrencySymbols symbols)
            {
                StatementSyntax? statement = null;
                for (SyntaxNode? current = lambda.Parent; current != null && statement is null; current = current.Parent)
                {
                    switch (current)
                    {
                        case AnonymousFunctionExpressionSyntax _:
                        case LocalFunctionStatementSyntax _:
                        case MemberDeclarationSyntax _:
                            return null;
                        case StatementSyntax found:
                            statement = found;
                            break;
                    }
                }

                if (statement is null || !(statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax || statement.Parent is SwitchSectionSyntax))
                {
                    return null;
                }

                foreach (AnonymousFunctionExpressionSyntax outer in statement.Ancestors().OfType<AnonymousFunctionExpressionSyntax>())
                {
                    if (model.GetOperation(outer) is IAnonymousFunctionOperation operation && symbols.ConstructOf(operation) != null)
                    {
                        return null;
                    }
                }

                return statement;
            }

            /// <summary>
            /// The generator as the region's statement can name it: every draw's receiver spelled the same, with no call
            /// (evaluated once before the region instead of at each draw) and nothing declared in the statement itself.
            /// </summary>
            private static ExpressionSyntax? SplitSource(IGrouping<ISymbol, IOperation> group, StatementSyntax region, SemanticModel model)
            {
                var receiver = (ExpressionSyntax)ReceiverSyntax(group.First()).WithoutTrivia();
                if (group.Any(draw => !SyntaxFactory.AreEquivalent(ReceiverSyntax(draw), receiver))
                    || receiver.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is BaseObjectCreationExpressionSyntax || n is ElementAccessExpressionSyntax || n is AssignmentExpressionSyntax))
                {
                    return null;
                }

                foreach (IdentifierNameSyntax identifier in ReceiverSyntax(group.First()).DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    ISymbol? symbol = model.GetSymbolInfo(identifier).Symbol;
                    if ((symbol is ILocalSymbol || symbol is IParameterSymbol)
                        && symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == region.SyntaxTree && region.Span.Contains(reference.Span)))
                    {
                        return null;
                    }
                }

                return receiver;
            }

            private static bool IsQueryOperator(IAnonymousFunctionOperation lambda, ConcurrencySymbols symbols) =>
                Invocation(lambda) is IInvocationOperation invocation && invocation.TargetMethod.ContainingType.Name == "ParallelEnumerable"
                && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "System.Linq";

            private static IInvocationOperation? Invocation(IAnonymousFunctionOperation lambda) =>
                lambda.Parent is IDelegateCreationOperation creation && creation.Parent is IArgumentOperation argument ? argument.Parent as IInvocationOperation : null;

            /// <summary>The lambda is the first delegate handed to the operator (SelectMany's collection selector, not its result selector).</summary>
            private static bool IsFirstDelegateArgument(IAnonymousFunctionOperation lambda) =>
                Invocation(lambda) is IInvocationOperation invocation
                && invocation.Arguments.FirstOrDefault(argument => argument.Value is IDelegateCreationOperation)?.Value == lambda.Parent;

            private static bool ImplicitlyTyped(AnonymousFunctionExpressionSyntax syntax) => syntax switch
            {
                SimpleLambdaExpressionSyntax _ => true,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.All(p => p.Type is null),
                _ => false,
            };

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

            /// <summary>(item) becomes (item, state, index) for Parallel.ForEach, (item, index) for PLINQ.</summary>
            private AnonymousFunctionExpressionSyntax WithIndexParameter(AnonymousFunctionExpressionSyntax lambda)
            {
                var parameters = lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => new List<ParameterSyntax> { simple.Parameter.WithoutTrivia() },
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToList(),
                    _ => new List<ParameterSyntax>(),
                };
                if (_indexSource == IndexSource.AddedForEachIndex && parameters.Count == 1)
                {
                    parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(UniqueName(_model, Lambda, "state"))));
                }

                parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(Index!)));
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
            private static bool CanAddForEachIndex(IAnonymousFunctionOperation lambda, AnonymousFunctionExpressionSyntax syntax)
            {
                if (!(Invocation(lambda) is IInvocationOperation invocation) || !(lambda.Parent?.Parent is IArgumentOperation argument)
                    || !(argument.Parameter?.Type is INamedTypeSymbol body))
                {
                    return false;
                }

                ITypeSymbol source = invocation.TargetMethod.Parameters[0].Type;
                return ImplicitlyTyped(syntax)
                    && body.Name == "Action" && lambda.Symbol.Parameters.Length <= 2
                    && source.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
            }

            /// <summary>"_rng", "s_rng" and "rng" all give "rng"; the local is named after the generator it replaces.</summary>
            private static string LocalBase(string name)
            {
                int underscore = name.IndexOf('_');
                string trimmed = underscore >= 0 && underscore <= 1 ? name.Substring(underscore + 1) : name;
                return trimmed.Length == 0 ? "random" : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
            }

            /// <summary>
            /// A local declared before the region, free in the whole member. It starts counting after the concurrent
            /// lambdas earlier in the member whose fix declares a local of the same kind for the same generator: Fix All
            /// gives each of them a local first, and a one-at-a-time fix (which sees their locals already declared) then
            /// picks the same names. Names this pass gave out elsewhere in the member are taken too.
            /// </summary>
            private string RegionLocalName(FixSession session, string generatorBase, string suffix, ISymbol generator)
            {
                SyntaxNode member = _region.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax || a is CompilationUnitSyntax) ?? _region;
                int earlier = member.DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>()
                    .Count(lambda => lambda.SpanStart < Lambda.SpanStart && !lambda.Span.Contains(Lambda.Span)
                        && _model.GetOperation(lambda) is IAnonymousFunctionOperation operation
                        && _symbols.ConstructOf(operation) is ConcurrentConstruct construct && LocalSuffix(construct, operation, _symbols) == suffix
                        && lambda.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == generator.Name));
                return FreeName.Find(
                    generatorBase + suffix,
                    name => !IsTaken(_model, _region, name) && !member.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                        && session.ReserveName(member, name),
                    first: earlier + 1);
            }

            private static string UniqueName(SemanticModel model, SyntaxNode scope, string name, HashSet<string>? taken = null)
            {
                string candidate = FreeName.Find(name, n => !IsTaken(model, scope, n) && (taken is null || !taken.Contains(n)));
                taken?.Add(candidate);
                return candidate;
            }

            private static bool IsTaken(SemanticModel model, SyntaxNode scope, string name) =>
                model.LookupSymbols(scope.SpanStart, name: name).Length > 0
                || scope.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);

            /// <summary>A shared generator drawn in the lambda: its symbol, its draws, and how the region's statement names it.</summary>
            private sealed class Generator
            {
                public Generator(ISymbol symbol, IReadOnlyList<IOperation> draws, ExpressionSyntax source)
                {
                    Symbol = symbol;
                    Draws = draws;
                    Source = source;
                }

                public ISymbol Symbol { get; }

                public IReadOnlyList<IOperation> Draws { get; }

                public ExpressionSyntax Source { get; }
            }
        }
    }
}
