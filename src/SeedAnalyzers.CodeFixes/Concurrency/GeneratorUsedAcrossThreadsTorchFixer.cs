using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED010 for torch's global generator (diagnostics marked <see cref="GeneratorUsedAcrossThreadsAnalyzer.TorchGlobalGenerator"/>):
    /// before the statement that starts the region, <c>var generatorWorkers = Determinism.Random("Type.member");</c>, the
    /// next sub-stream of the name each time the region starts; at the top of the work item's body,
    /// <c>var generator = TorchDeterminism.Generator(generatorWorkers, i);</c>; and each draw in it takes
    /// <c>generator: generator</c>. One generator per index, continuing across the draws of that index: the numbers
    /// depend on the index, not on which thread ran first, two draws in one iteration still differ, and the next start
    /// of the region (an epoch, a restart) draws new ones, as the global generator did. Offered in Parallel.For/ForAsync and Parallel.ForEach with an index, for static torch
    /// calls that take a generator and name no device (the generator is a CPU one); elsewhere, nothing.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GeneratorUsedAcrossThreadsTorchFixer)), Shared]
    public sealed class GeneratorUsedAcrossThreadsTorchFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.GeneratorUsedAcrossThreads);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime) =>
            IsTorchGlobal(diagnostic) && KnownSymbols.Get(model.Compilation).HasTorchRuntime && Target.Create(node, model) is Target target
                ? "Draw from a generator per index: TorchDeterminism.Generator(\"" + target.StreamName + "\", " + target.Index + ")"
                : null;

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            if (Target.Create(node, session.Model) is Target target)
            {
                target.Apply(session);
            }
        }

        private static bool IsTorchGlobal(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(GeneratorUsedAcrossThreadsAnalyzer.GeneratorProperty, out string? generator)
            && generator == GeneratorUsedAcrossThreadsAnalyzer.TorchGlobalGenerator;

        /// <summary>One draw to fix, and the work item's lambda that gets the generator.</summary>
        private sealed class Target
        {
            private readonly InvocationExpressionSyntax _draw;
            private readonly LambdaExpressionSyntax _lambda;
            private readonly ArgumentSyntax? _nullGenerator;
            private readonly string _local;
            private readonly bool _declared;
            private readonly ConcurrentRegion _region;

            private Target(InvocationExpressionSyntax draw, LambdaExpressionSyntax lambda, ConcurrentRegion region, string index, ArgumentSyntax? nullGenerator, string local, bool declared)
            {
                _declared = declared;
                _region = region;
                _draw = draw;
                _lambda = lambda;
                Index = index;
                _nullGenerator = nullGenerator;
                _local = local;
                StreamName = FixSyntax.StreamName(lambda);
            }

            public string Index { get; }

            public string StreamName { get; }

            public static Target? Create(SyntaxNode node, SemanticModel model)
            {
                KnownSymbols known = KnownSymbols.Get(model.Compilation);
                if (!(node is InvocationExpressionSyntax draw) || !(model.GetOperation(draw) is IInvocationOperation invocation)
                    || !(known.Concurrency is ConcurrencySymbols symbols) || !(known.Torch is TorchSymbols torch)
                    || !invocation.TargetMethod.IsStatic || !TakesGenerator(invocation, torch, out ArgumentSyntax? nullGenerator))
                {
                    return null;
                }

                // The nearest enclosing lambda must be the work item itself: a draw in a nested lambda runs on whatever
                // thread that lambda is handed to.
                IAnonymousFunctionOperation? lambda = null;
                for (IOperation? current = invocation.Parent; current != null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation found)
                    {
                        lambda = found;
                        break;
                    }
                }

                if (lambda is null || !(lambda.Syntax is LambdaExpressionSyntax syntax) || !(symbols.ConstructOf(lambda) is ConcurrentConstruct construct))
                {
                    return null;
                }

                ImmutableArray<IParameterSymbol> parameters = lambda.Symbol.Parameters;
                IParameterSymbol? index = construct.Method switch
                {
                    "For" or "ForAsync" when parameters.Length > 0 && IsIndex(parameters[0].Type) => parameters[0],
                    "ForEach" when parameters.Length >= 3 && parameters[2].Type.SpecialType == SpecialType.System_Int64 => parameters[2],
                    _ => null,
                };
                // The statement that starts the region, where the split for this start of it is taken.
                if (index is null || !(ConcurrentRegion.Of(lambda, model) is ConcurrentRegion region))
                {
                    return null;
                }

                if (Declared(syntax, model, torch) is string existing)
                {
                    return new Target(draw, syntax, region, index.Name, nullGenerator, existing, declared: true);
                }

                string local = FreeName.Find("generator", name => model.LookupSymbols(syntax.Body.SpanStart, name: name).IsEmpty && !DeclaredIn(syntax, name));
                return new Target(draw, syntax, region, index.Name, nullGenerator, local, declared: false);
            }

            public void Apply(FixSession session)
            {
                // Every draw of one lambda shares the generator declared once, by whichever of its draws comes first here.
                bool declare = !_declared && session.Claim(_lambda);
                ExpressionSyntax generator = SyntaxFactory.IdentifierName(_local);
                if (_nullGenerator != null)
                {
                    session.Editor.ReplaceNode(_nullGenerator, (current, _) => ((ArgumentSyntax)current).WithExpression(generator.WithTriviaFrom(((ArgumentSyntax)current).Expression)));
                }
                else
                {
                    session.Editor.ReplaceNode(_draw, (current, _) =>
                    {
                        var call = (InvocationExpressionSyntax)current;
                        ArgumentSyntax argument = SyntaxFactory.Argument(generator).WithNameColon(SyntaxFactory.NameColon("generator"));
                        return call.WithArgumentList(call.ArgumentList.AddArguments(argument));
                    });
                }

                if (!declare)
                {
                    return;
                }

                // Fix All names the splits of a member's regions in source order, as one-at-a-time fixes do.
                string workers = _region.LocalName(
                    session,
                    _local + "Workers",
                    other => other.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => Create(call, session.Model) is Target target && target._lambda == other));
                session.InsertStatementBefore(_region.Statement, FixSyntax.VarDeclaration(workers, session.NamedStream(StreamName)), _lambda.SpanStart);
                ExpressionSyntax create = SyntaxFactory.InvocationExpression(
                    session.RuntimeMember("TorchDeterminism", "Generator"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(SyntaxFactory.IdentifierName(workers)),
                        SyntaxFactory.Argument(SyntaxFactory.IdentifierName(Index)),
                    })));
                StatementSyntax declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(_local).WithInitializer(SyntaxFactory.EqualsValueClause(create)))))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                session.Editor.ReplaceNode(_lambda, (current, _) =>
                {
                    var lambda = (LambdaExpressionSyntax)current;
                    if (lambda.Block is BlockSyntax block)
                    {
                        return lambda.WithBlock(block.WithStatements(block.Statements.Insert(0, declaration)));
                    }

                    // A work item returns nothing (Action), so its expression becomes a statement. The formatter indents but
                    // does not break lines, so the new block brings its own line ends.
                    SyntaxTrivia endOfLine = SyntaxFactory.ElasticEndOfLine(FixSyntax.EndOfLine(_lambda.SyntaxTree.GetRoot()).ToString());
                    BlockSyntax body = SyntaxFactory.Block(
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(endOfLine).WithTrailingTrivia(endOfLine),
                        SyntaxFactory.List(new[] { declaration, SyntaxFactory.ExpressionStatement(lambda.ExpressionBody!.WithoutTrivia()) }.Select(statement => statement.WithTrailingTrivia(endOfLine))),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
                    return lambda.WithArrowToken(lambda.ArrowToken.WithTrailingTrivia()).WithExpressionBody(null).WithBlock(body).WithAdditionalAnnotations(Formatter.Annotation);
                });
            }

            /// <summary>
            /// The draw takes a <c>generator</c> and names no device (a TorchDeterminism generator is a CPU one; on a CUDA
            /// device the draw would fail). An explicit <c>generator: null</c> is the argument to replace.
            /// </summary>
            private static bool TakesGenerator(IInvocationOperation invocation, TorchSymbols torch, out ArgumentSyntax? nullGenerator)
            {
                nullGenerator = null;
                bool takes = false;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "generator" when SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, torch.Generator):
                            takes = true;
                            if (argument.ArgumentKind == ArgumentKind.Explicit)
                            {
                                nullGenerator = argument.Value.IsNullConstant() ? argument.Syntax as ArgumentSyntax : null;
                                if (nullGenerator is null)
                                {
                                    return false;
                                }
                            }

                            break;
                        case "device" when argument.ArgumentKind == ArgumentKind.Explicit && !argument.Value.IsNullConstant():
                            return false;
                    }
                }

                return takes;
            }

            /// <summary>The generator an earlier application of this fix declared first in the lambda, or null.</summary>
            private static string? Declared(LambdaExpressionSyntax lambda, SemanticModel model, TorchSymbols torch) =>
                lambda.Block?.Statements.FirstOrDefault() is LocalDeclarationStatementSyntax first
                && first.Declaration.Variables.Count == 1
                && first.Declaration.Variables[0].Initializer?.Value is InvocationExpressionSyntax call
                && model.GetSymbolInfo(call).Symbol is IMethodSymbol method
                && method.Name == "Generator"
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, torch.TorchDeterminism)
                    ? first.Declaration.Variables[0].Identifier.ValueText
                    : null;

            private static bool IsIndex(ITypeSymbol type) =>
                type.SpecialType == SpecialType.System_Int32 || type.SpecialType == SpecialType.System_Int64;

            private static bool DeclaredIn(LambdaExpressionSyntax lambda, string name) =>
                lambda.DescendantNodes().Any(node =>
                    (node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
                    || (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name)
                    || (node is ParameterSyntax parameter && parameter.Identifier.ValueText == name));
        }
    }
}
