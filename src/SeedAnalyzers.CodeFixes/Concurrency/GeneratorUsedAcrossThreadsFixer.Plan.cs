using System.Collections.Generic;
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
            private readonly SemanticModel _model;
            private readonly IReadOnlyList<Generator> _generators;
            private readonly ConcurrentRegion _region;

            private Plan(SemanticModel model, ConcurrentRegion region, IReadOnlyList<Generator> generators)
            {
                _model = model;
                _region = region;
                _generators = generators;
            }

            public AnonymousFunctionExpressionSyntax Lambda => _region.Lambda;

            public static Plan? Create(SyntaxNode node, SemanticModel model)
            {
                ConcurrencySymbols? symbols = KnownSymbols.Get(model.Compilation).Concurrency;
                IOperation? draw = model.GetOperation(node);
                if (symbols is null || draw is null || node.ContainsDiagnostics || Receiver(draw, symbols) is null)
                {
                    return null;
                }

                IAnonymousFunctionOperation? lambda = null;
                for (IOperation? current = draw.Parent; current != null && lambda is null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation candidate && symbols.ConstructOf(candidate) != null)
                    {
                        lambda = candidate;
                    }
                }

                if (lambda is null || !(ConcurrentRegion.Of(lambda, model) is ConcurrentRegion region))
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
                    if (!(SplitSource(group, region.Statement, model) is ExpressionSyntax source))
                    {
                        return null;
                    }

                    generators.Add(new Generator(group.Key, group.ToList(), source));
                }

                return generators.Count == 0 ? null : new Plan(model, region, generators);
            }

            /// <summary>The fix title, or null when this plan needs the runtime and it is not referenced.</summary>
            public string? Title(bool runtime)
            {
                string from = string.Join(", ", _generators.Select(g => "'" + g.Source + "'"));
                if (_region.Index != null)
                {
                    if (!runtime)
                    {
                        // Per-index seeds made without the runtime would be neighbours (seed + i), whose System.Random
                        // streams start on a lattice; only the runtime derives independent streams from an index.
                        return null;
                    }

                    if (_region.SharesSplit)
                    {
                        return "Give each action a stream of its own, split from " + from + " each time " + _region.Construct + " starts";
                    }

                    string title = "Draw from per-index streams split from " + from + " each time " + _region.Construct + " starts";
                    return _region.AddsIndex ? "Use the overload with an index and " + char.ToLowerInvariant(title[0]) + title.Substring(1) : title;
                }

                string noun = _region.Worker switch
                {
                    "Thread" => "thread",
                    "WorkItem" => "work item",
                    "Action" => "action",
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
                    string NewLocal() => _region.LocalName(
                        session,
                        LocalBase(generator.Symbol.Name) + _region.LocalSuffix,
                        lambda => lambda.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == generator.Symbol.Name));
                    string local;
                    if (_region.SharesSplit)
                    {
                        local = session.SharedLocal(
                            _region.Statement,
                            generator.Source.ToString(),
                            Lambda.SpanStart,
                            () => _region.ExistingSplit(generator.Source, _model),
                            NewLocal,
                            name => FixSyntax.VarDeclaration(name, Split(session, generator)));
                    }
                    else
                    {
                        local = NewLocal();
                        session.InsertStatementBefore(_region.Statement, FixSyntax.VarDeclaration(local, Split(session, generator)), Lambda.SpanStart);
                    }
                    if (_region.Index is null)
                    {
                        foreach (IOperation draw in generator.Draws)
                        {
                            replacements[ReceiverSyntax(draw)] = SyntaxFactory.IdentifierName(local);
                        }

                        continue;
                    }

                    ExpressionSyntax perIndex = _region.ForIndex(local);
                    if (generator.Draws.Count == 1 && !FixSyntax.RunsRepeatedly(generator.Draws[0].Syntax, Lambda))
                    {
                        replacements[ReceiverSyntax(generator.Draws[0])] = perIndex;
                        continue;
                    }

                    // Several draws share one stream: a fresh per-index stream per draw would repeat the same first number.
                    string name = ConcurrentRegion.FreeLocal(_model, Lambda, LocalBase(generator.Symbol.Name) + _region.PerItemSuffix, taken);
                    bodyDeclarations.Add(FixSyntax.VarDeclaration(name, perIndex));
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

                rewritten = _region.WithIndexParameter(rewritten, _model);

                session.Replace(Lambda, rewritten.WithAdditionalAnnotations(Formatter.Annotation));
            }

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

            /// <summary>"_rng", "s_rng" and "rng" all give "rng"; the local is named after the generator it replaces.</summary>
            private static string LocalBase(string name)
            {
                int underscore = name.IndexOf('_');
                string trimmed = underscore >= 0 && underscore <= 1 ? name.Substring(underscore + 1) : name;
                return trimmed.Length == 0 ? "random" : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
            }

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
