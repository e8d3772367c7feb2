using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED024 and SEED025: DataLoader(data, batch, shuffle: true[, seed: s], ...) becomes
    /// DataLoader(data, batch, TorchDeterminism.Shuffler("name", data.Count), ...): a new order each epoch, the same
    /// sequence of orders in every run. The remaining arguments are kept and named, since the shuffler overload
    /// orders its parameters differently.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TorchDataLoaderShuffleFixer)), Shared]
    public sealed class TorchDataLoaderShuffleFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.TorchDataLoaderShuffle, RuleIdentifiers.TorchDataLoaderSameOrderEveryEpoch);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!KnownSymbols.Get(model.Compilation).HasTorchRuntime || !(ArgumentsOf(node) is ArgumentListSyntax list))
            {
                return null;
            }

            if (!(model.GetSymbolInfo(node).Symbol is IMethodSymbol method) || method.Parameters.Length < 3 || list.Arguments.Count < 3)
            {
                return null;
            }

            // data.Count must bind to one property or field (fuzzing: a type being edited declared Count twice,
            // CS0229; a '(' typed into the property made it a method, CS1503).
            ITypeSymbol? datasetType = model.GetTypeInfo(list.Arguments[0].Expression).Type;
            if (datasetType is null || datasetType.TypeKind == TypeKind.Error)
            {
                return null;
            }

            ImmutableArray<ISymbol> counts = model.LookupSymbols(list.SpanStart, datasetType, "Count");
            if (counts.Length != 1 || !(counts[0] is IPropertySymbol { IsIndexer: false } || counts[0] is IFieldSymbol))
            {
                return null;
            }

            // The dataset is named twice (in the call and in data.Count): a plain name is repeated, anything else is
            // first stored in a local declared just before the statement.
            return list.Arguments[0].NameColon is null
                && (IsPlain(list.Arguments[0].Expression) || HoistTarget(node) != null)
                && list.Arguments[1].NameColon is null
                && HasShufflerOverload(method)
                ? "Shuffle with TorchDeterminism.Shuffler (new order each epoch, same in every run)"
                : null;
        }

        private static bool IsPlain(ExpressionSyntax dataset) =>
            dataset is IdentifierNameSyntax || (dataset is MemberAccessExpressionSyntax member && member.Expression is IdentifierNameSyntax or ThisExpressionSyntax);

        /// <summary>The statement a dataset local can be declared before: one directly in a block or among top-level statements.</summary>
        private static StatementSyntax? HoistTarget(SyntaxNode node)
        {
            StatementSyntax? statement = node.FirstAncestorOrSelf<StatementSyntax>();
            if (statement is null || !(statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax))
            {
                return null;
            }

            // Not out of a lambda or local function: the local would be evaluated at a different time.
            for (SyntaxNode? current = node.Parent; current != null && current != statement; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax)
                {
                    return null;
                }
            }

            return statement;
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            ArgumentListSyntax list = ArgumentsOf(node)!;
            var method = (IMethodSymbol)session.Model.GetSymbolInfo(node).Symbol!;
            ExpressionSyntax dataset = list.Arguments[0].Expression.WithoutTrivia();
            ArgumentSyntax first = list.Arguments[0];
            if (!IsPlain(dataset))
            {
                StatementSyntax statement = HoistTarget(node)!;
                string name = FreeName.Find("dataset", candidate => session.Model.LookupSymbols(statement.SpanStart, name: candidate).IsEmpty);
                StatementSyntax local = SyntaxFactory.ParseStatement("var " + name + " = " + dataset.ToFullString() + ";")
                    .WithTrailingTrivia(FixSyntax.EndOfLine(node.SyntaxTree.GetRoot()))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                FixSyntax.InsertStatementBefore(session.Editor, statement, local);
                dataset = SyntaxFactory.IdentifierName(name);
                first = first.WithExpression(dataset.WithTriviaFrom(first.Expression));
            }

            var arguments = new List<ArgumentSyntax> { first, list.Arguments[1] };
            ExpressionSyntax count = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, dataset, SyntaxFactory.IdentifierName("Count"));
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.InvocationExpression(
                session.RuntimeMember("TorchDeterminism", "Shuffler"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(FixSyntax.StringLiteral(FixSyntax.StreamName(node))), SyntaxFactory.Argument(count) })))));
            for (int i = 2; i < list.Arguments.Count; i++)
            {
                ArgumentSyntax argument = list.Arguments[i];
                IParameterSymbol? parameter = Parameter(method, argument, i);
                if (parameter is null || parameter.Name == "shuffle" || parameter.Name == "seed")
                {
                    continue;
                }

                arguments.Add(argument.NameColon != null ? argument : argument.WithNameColon(SyntaxFactory.NameColon(parameter.Name)));
            }

            session.Replace(list, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)).WithAdditionalAnnotations(Formatter.Annotation));
        }

        private static ArgumentListSyntax? ArgumentsOf(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };

        private static IParameterSymbol? Parameter(IMethodSymbol method, ArgumentSyntax argument, int position)
        {
            if (argument.NameColon != null)
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.Name == argument.NameColon.Name.Identifier.ValueText)
                    {
                        return parameter;
                    }
                }

                return null;
            }

            return position < method.Parameters.Length ? method.Parameters[position] : null;
        }

        /// <summary>The same factory or type offers an overload taking <c>IEnumerable&lt;long&gt; shuffler</c>.</summary>
        private static bool HasShufflerOverload(IMethodSymbol method)
        {
            IEnumerable<ISymbol> candidates = method.MethodKind == MethodKind.Constructor
                ? method.ContainingType.InstanceConstructors
                : method.ContainingType.GetMembers(method.Name);
            foreach (ISymbol candidate in candidates)
            {
                if (candidate is IMethodSymbol overload)
                {
                    foreach (IParameterSymbol parameter in overload.Parameters)
                    {
                        if (parameter.Name == "shuffler")
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
