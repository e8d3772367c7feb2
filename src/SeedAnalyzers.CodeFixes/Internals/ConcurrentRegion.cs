using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// A lambda handed to a concurrent construct, as the fixes see it: the statement that starts the region (where
    /// streams are split, on the starting thread, once per start) and what tells its work items apart: an index (a loop
    /// counter, Parallel.ForEach's position, PLINQ's index, given or added by the fix, or the position of a
    /// Parallel.Invoke action) or one worker per lambda (a task, a thread, a work item, a Parallel.Invoke action when the
    /// runtime is not referenced).
    /// </summary>
    internal sealed class ConcurrentRegion
    {
        /// <summary>The PLINQ operators with an overload whose delegate also takes the element's position.</summary>
        private static readonly ImmutableHashSet<string> IndexedQueryOperators = ImmutableHashSet.Create("Select", "Where", "SelectMany", "TakeWhile", "SkipWhile");

        private readonly IndexSource _indexSource;
        private readonly int _actionPosition;

        private ConcurrentRegion(AnonymousFunctionExpressionSyntax lambda, StatementSyntax statement, string construct, IndexSource indexSource, string? index, string? worker, int actionPosition = -1)
        {
            Lambda = lambda;
            Statement = statement;
            Construct = construct;
            _indexSource = indexSource;
            Index = index;
            Worker = worker;
            _actionPosition = actionPosition;
        }

        /// <summary>Where the index comes from.</summary>
        private enum IndexSource
        {
            /// <summary>One worker per lambda: no index.</summary>
            None,

            /// <summary>The lambda's own parameter (Parallel.For's i, ForEach's position, PLINQ's index).</summary>
            Parameter,

            /// <summary>Parallel.ForEach's (item, state, index) overload, added by the fix.</summary>
            AddedForEachIndex,

            /// <summary>PLINQ's (item, index) overload, added by the fix.</summary>
            AddedQueryIndex,

            /// <summary>The position of a Parallel.Invoke action among the actions: a constant, the same at every start.</summary>
            ActionPosition,
        }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        /// <summary>The statement that starts the region; what the fixes split goes before it.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>How SEED010's message names the construct ("Parallel.For", "Task.Run", ...).</summary>
        public string Construct { get; }

        /// <summary>The index that tells work items apart; null when each lambda is one worker.</summary>
        public string? Index { get; }

        /// <summary>"Task", "Thread", "WorkItem" or "Action" when each lambda is one worker; null when there is an index.</summary>
        public string? Worker { get; }

        /// <summary>
        /// <c>local.ForIndex(index)</c>: the stream of this work item's index, split from <paramref name="local"/>; for a
        /// Parallel.Invoke action, its position as a literal.
        /// </summary>
        public ExpressionSyntax ForIndex(string local) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(local), SyntaxFactory.IdentifierName("ForIndex")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SharesSplit
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(_actionPosition))
                    : SyntaxFactory.IdentifierName(Index!)))));

        /// <summary>
        /// True for a Parallel.Invoke action split by index: every action of the statement draws from one split, made
        /// once before it, so action k's <c>ForIndex(k)</c> differs from the others'.
        /// </summary>
        public bool SharesSplit => _indexSource == IndexSource.ActionPosition;

        /// <summary>The suffix of the local a body declares for its work item's stream when it draws several times.</summary>
        public string PerItemSuffix => SharesSplit ? "ForAction" : "ForIndex";

        /// <summary>True when the fix must add the index parameter (<see cref="WithIndexParameter"/>).</summary>
        public bool AddsIndex => _indexSource == IndexSource.AddedForEachIndex || _indexSource == IndexSource.AddedQueryIndex;

        /// <summary>
        /// The suffix of the local a fix declares before the region: "Workers" where streams are split per index, "For"
        /// and the worker where one stream is made per lambda.
        /// </summary>
        public string LocalSuffix => Index is null ? "For" + Worker : "Workers";

        /// <summary>
        /// The region <paramref name="lambda"/> is the body of, or null: no concurrent construct, no index or worker to
        /// tell work items apart (ForAll, ForEachAsync, timers), or no statement list that starts it
        /// directly (the lambda sits in another lambda or a local function, which could run it at another time, or in a
        /// loop body without braces), or a start that itself runs inside a concurrent lambda (a split there would be a
        /// shared draw).
        /// </summary>
        public static ConcurrentRegion? Of(IAnonymousFunctionOperation lambda, SemanticModel model)
        {
            ConcurrencySymbols? symbols = KnownSymbols.Get(model.Compilation).Concurrency;
            if (symbols is null || !(symbols.ConstructOf(lambda) is ConcurrentConstruct construct) || !(lambda.Syntax is AnonymousFunctionExpressionSyntax syntax)
                || !(StartingStatement(syntax, model, symbols) is StatementSyntax statement))
            {
                return null;
            }

            ImmutableArray<IParameterSymbol> parameters = lambda.Symbol.Parameters;
            ConcurrentRegion Indexed(IndexSource source, string index) => new ConcurrentRegion(syntax, statement, construct.Display, source, index, null);
            ConcurrentRegion PerWorker(string worker) => new ConcurrentRegion(syntax, statement, construct.Display, IndexSource.None, null, worker);
            if (IsQueryOperator(lambda))
            {
                if (!IndexedQueryOperators.Contains(construct.Method) || IsDeferred(syntax, model))
                {
                    return null;
                }

                if (parameters.Length == 2 && parameters[1].Type.SpecialType == SpecialType.System_Int32)
                {
                    return Indexed(IndexSource.Parameter, parameters[1].Name);
                }

                return parameters.Length == 1 && IsFirstDelegateArgument(lambda) && ImplicitlyTyped(syntax)
                    ? Indexed(IndexSource.AddedQueryIndex, FreeLocal(model, syntax, "index"))
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

                    return CanAddForEachIndex(lambda, syntax) ? Indexed(IndexSource.AddedForEachIndex, FreeLocal(model, syntax, "index")) : null;
                case "Run":
                case "StartNew":
                    return PerWorker("Task");
                case ".ctor" when !construct.Repeats:
                    return PerWorker("Thread");
                case "QueueUserWorkItem":
                case "UnsafeQueueUserWorkItem":
                    return PerWorker("WorkItem");
                case "Invoke":
                    // Action k is worker k. Without the runtime each action gets a generator seeded before the statement,
                    // as a task does: successive draws of the user's generator, not neighbouring seeds.
                    if (ConcurrencySymbols.ActionsAround(lambda, out int position).IsEmpty || position < 0)
                    {
                        return null;
                    }

                    return KnownSymbols.Get(model.Compilation).HasRuntime
                        ? new ConcurrentRegion(syntax, statement, construct.Display, IndexSource.ActionPosition, position.ToString(CultureInfo.InvariantCulture), null, position)
                        : PerWorker("Action");
                default:
                    return null;
            }
        }

        /// <summary>
        /// The local an earlier fix of one of this statement's actions declared for <paramref name="source"/>: a
        /// <c>var name = DeterministicRandom.SplitFrom(source);</c> among the declarations just before the statement,
        /// used nowhere else, so the other actions take their indices from the same split. Null when there is none, or when
        /// this action already takes its stream from it (a second <c>ForIndex(k)</c> would repeat the first's numbers).
        /// </summary>
        public string? ExistingSplit(ExpressionSyntax source, SemanticModel model)
        {
            if (!SharesSplit)
            {
                return null;
            }

            // Top-level statements are one list: the global statements of the file.
            IReadOnlyList<StatementSyntax> statements = Statement.Parent switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList(),
                _ => Array.Empty<StatementSyntax>(),
            };
            int at = statements.ToList().IndexOf(Statement);
            for (int index = at - 1; index >= 0 && statements[index] is LocalDeclarationStatementSyntax declaration; index--)
            {
                if (declaration.Declaration.Variables.Count == 1
                    && declaration.Declaration.Variables[0] is VariableDeclaratorSyntax variable
                    && variable.Initializer?.Value is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } split
                    && SyntaxFactory.AreEquivalent(split.ArgumentList.Arguments[0].Expression, source)
                    && model.GetSymbolInfo(split).Symbol is IMethodSymbol { Name: "SplitFrom" } method
                    && method.ContainingType.Name == "DeterministicRandom" && method.ContainingType.ContainingNamespace?.ToDisplayString() == "SeedAnalyzers"
                    && model.GetDeclaredSymbol(variable) is ILocalSymbol local
                    && UsedOnlyIn(local, Statement, model)
                    && !Lambda.DescendantTokens().Any(token => token.ValueText == local.Name))
                {
                    return local.Name;
                }
            }

            return null;
        }

        private static bool UsedOnlyIn(ILocalSymbol local, StatementSyntax statement, SemanticModel model)
        {
            SyntaxNode scope = statement.Parent is GlobalStatementSyntax global ? global.Parent! : statement.Parent!;
            return scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local))
                .All(name => statement.Span.Contains(name.Span));
        }

        /// <summary>The region whose lambda is the innermost one around <paramref name="node"/>, or null.</summary>
        public static ConcurrentRegion? Around(SyntaxNode node, SemanticModel model) =>
            node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is AnonymousFunctionExpressionSyntax lambda
            && model.GetOperation(lambda) is IAnonymousFunctionOperation operation
                ? Of(operation, model)
                : null;

        /// <summary>The lambda with the index parameter added: (item) becomes (item, state, index) for ForEach, (item, index) for PLINQ.</summary>
        public AnonymousFunctionExpressionSyntax WithIndexParameter(AnonymousFunctionExpressionSyntax lambda, SemanticModel model)
        {
            if (!AddsIndex)
            {
                return lambda;
            }

            var parameters = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => new List<ParameterSyntax> { simple.Parameter.WithoutTrivia() },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToList(),
                _ => new List<ParameterSyntax>(),
            };
            if (_indexSource == IndexSource.AddedForEachIndex && parameters.Count == 1)
            {
                parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(FreeLocal(model, Lambda, "state"))));
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

        /// <summary>
        /// A name for a local declared before the region, free in the whole member and not given out earlier in this
        /// pass there. It starts counting after the concurrent lambdas earlier in the member whose fix declares a local
        /// of the same kind and base (<paramref name="sameBase"/> says which do): Fix All gives each of them a local
        /// first, and a one-at-a-time fix (which sees their locals already declared) then picks the same names.
        /// </summary>
        public string LocalName(FixSession session, string baseName, Func<AnonymousFunctionExpressionSyntax, bool> sameBase)
        {
            // Top-level statements are one body: every global statement shares the file's locals.
            SyntaxNode member = Statement.Ancestors().FirstOrDefault(a => (a is MemberDeclarationSyntax && !(a is GlobalStatementSyntax)) || a is CompilationUnitSyntax) ?? Statement;
            SemanticModel model = session.Model;
            // The actions of one Parallel.Invoke share their split: they count once, and not at all for one another.
            int earlier = member.DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>()
                .Where(lambda => lambda.SpanStart < Lambda.SpanStart && !lambda.Span.Contains(Lambda.Span) && sameBase(lambda))
                .Select(lambda => model.GetOperation(lambda) is IAnonymousFunctionOperation operation ? Of(operation, model) : null)
                .Where(other => other != null && other.LocalSuffix == LocalSuffix && !(other.SharesSplit && other.Statement == Statement))
                .Select(other => other!.SharesSplit ? (SyntaxNode)other.Statement : other.Lambda)
                .Distinct()
                .Count();
            return FreeName.Find(
                baseName,
                name => !IsTaken(model, Statement, name) && !member.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                    && session.ReserveName(member, name),
                first: earlier + 1);
        }

        /// <summary>A name no symbol in scope at <paramref name="scope"/> and no identifier inside it uses.</summary>
        public static string FreeLocal(SemanticModel model, SyntaxNode scope, string name, HashSet<string>? taken = null)
        {
            string candidate = FreeName.Find(name, n => !IsTaken(model, scope, n) && (taken is null || !taken.Contains(n)));
            taken?.Add(candidate);
            return candidate;
        }

        private static bool IsTaken(SemanticModel model, SyntaxNode scope, string name) =>
            model.LookupSymbols(scope.SpanStart, name: name).Length > 0
            || scope.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);

        private static StatementSyntax? StartingStatement(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, ConcurrencySymbols symbols)
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
        /// True when the query the lambda belongs to leaves its statement unenumerated (stored, returned or handed on as a
        /// ParallelQuery or IEnumerable): its lambdas run whenever it is enumerated, perhaps twice, and a split taken once
        /// before the statement would then give every enumeration the same numbers, where the original drew new ones.
        /// A query consumed in the statement (ToArray, Sum, ForAll, the collection of a foreach) is split each time.
        /// </summary>
        private static bool IsDeferred(AnonymousFunctionExpressionSyntax lambda, SemanticModel model)
        {
            if (!(lambda.Parent is ArgumentSyntax argument) || !(argument.Parent?.Parent is InvocationExpressionSyntax invocation))
            {
                return true;
            }

            ExpressionSyntax query = invocation;
            while (true)
            {
                SyntaxNode? parent = query.Parent;
                if (parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    query = parenthesized;
                }
                else if (parent is MemberAccessExpressionSyntax member && member.Expression == query && member.Parent is InvocationExpressionSyntax call)
                {
                    query = call;
                }
                else
                {
                    break;
                }
            }

            if (query.Parent is ForEachStatementSyntax loop && loop.Expression == query)
            {
                return false;
            }

            ITypeSymbol? type = model.GetTypeInfo(query).Type;
            return type is INamedTypeSymbol named
                && (named.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    || named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    || named.SpecialType == SpecialType.System_Collections_IEnumerable
                    || (named.ContainingNamespace?.ToDisplayString() == "System.Linq"
                        && (named.Name == "ParallelQuery" || named.Name == "OrderedParallelQuery" || named.Name == "IOrderedEnumerable")));
        }

        private static bool IsQueryOperator(IAnonymousFunctionOperation lambda) =>
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
    }
}
