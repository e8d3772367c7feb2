using System.Collections.Generic;
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
    /// SEED041 and SEED042: the trainer trains on one thread. Where the options object is created in view, its initializer
    /// gets <c>NumberOfThreads = 1</c> (or its NumberOfThreads becomes 1); the overload without options becomes the
    /// options overload with the same arguments, <c>SdcaLogisticRegression(labelColumnName: "y")</c> becoming
    /// <c>SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = "y", NumberOfThreads = 1 })</c>:
    /// the same trainer with the same settings (the simple overload fills the options from its parameters, with the
    /// options' own defaults), offered only when every argument has an options member of a type it converts to.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MLNetTrainerMultithreadedFixer)), Shared]
    public sealed class MLNetTrainerMultithreadedFixer : SeedFixer
    {
        private const string Title1 = "Train on one thread (NumberOfThreads = 1)";

        public override ImmutableArray<string> FixableDiagnosticIds =>
            ImmutableArray.Create(RuleIdentifiers.MLNetTrainerMultithreaded, RuleIdentifiers.MLNetTrainerFollowsProcessorCount);

        private protected override Location FixLocation(Diagnostic diagnostic) =>
            IsOptionsCreation(diagnostic) && diagnostic.AdditionalLocations.Count == 1 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (IsOptionsCreation(diagnostic))
            {
                return node is BaseObjectCreationExpressionSyntax ? Title1 : null;
            }

            return node is InvocationExpressionSyntax invocation && OptionsOverload(invocation, model) != null ? Title1 : null;
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            if (node is BaseObjectCreationExpressionSyntax creation)
            {
                session.Replace(node, WithOneThread(creation));
                return;
            }

            var invocation = (InvocationExpressionSyntax)node;
            (INamedTypeSymbol options, List<(string Member, ExpressionSyntax Value)> members) = OptionsOverload(invocation, session.Model)!.Value;
            IEnumerable<ExpressionSyntax> assignments = members
                .Select(member => Assignment(member.Member, member.Value.WithoutTrivia()))
                .Append(Assignment("NumberOfThreads", One()));
            ObjectCreationExpressionSyntax created = SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    FixSyntax.ImportedType(session.Editor.Generator, options).WithTrailingTrivia(SyntaxFactory.Space),
                    null,
                    SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(assignments)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            session.Replace(invocation.ArgumentList, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(created))));
        }

        private static bool IsOptionsCreation(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(MLNetTrainerMultithreadedAnalyzer.FormProperty, out string? form) && form == MLNetTrainerMultithreadedAnalyzer.OptionsCreation;

        /// <summary>The creation with <c>NumberOfThreads = 1</c> in its initializer, replacing any NumberOfThreads there.</summary>
        private static BaseObjectCreationExpressionSyntax WithOneThread(BaseObjectCreationExpressionSyntax creation)
        {
            InitializerExpressionSyntax? initializer = creation.Initializer;
            if (initializer is null)
            {
                InitializerExpressionSyntax added = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(Assignment("NumberOfThreads", One())));
                return creation.WithoutTrailingTrivia().WithInitializer(added).WithTrailingTrivia(creation.GetTrailingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
            }

            foreach (ExpressionSyntax expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax assignment && assignment.Left is IdentifierNameSyntax name && name.Identifier.ValueText == "NumberOfThreads")
                {
                    return creation.ReplaceNode(assignment.Right, One().WithTriviaFrom(assignment.Right));
                }
            }

            return creation.WithInitializer(Append(initializer, Assignment("NumberOfThreads", One())));
        }

        /// <summary>
        /// Adds <paramref name="expression"/> after the initializer's last one: on a line of its own, indented alike, when
        /// the initializer puts its members on lines of their own; after a comma on the same line otherwise.
        /// </summary>
        private static InitializerExpressionSyntax Append(InitializerExpressionSyntax initializer, ExpressionSyntax expression)
        {
            SeparatedSyntaxList<ExpressionSyntax> expressions = initializer.Expressions;
            if (expressions.Count == 0)
            {
                return initializer.WithExpressions(SyntaxFactory.SingletonSeparatedList(expression)).WithAdditionalAnnotations(Formatter.Annotation);
            }

            ExpressionSyntax last = expressions[expressions.Count - 1];
            var nodes = new List<SyntaxNodeOrToken>(expressions.GetWithSeparators());
            bool trailingComma = expressions.SeparatorCount == expressions.Count;
            if (!OnOneLine(initializer.OpenBraceToken, last))
            {
                if (trailingComma)
                {
                    SyntaxToken comma = expressions.GetSeparator(expressions.SeparatorCount - 1);
                    nodes.Add(expression.WithLeadingTrivia(last.GetLeadingTrivia()));
                    nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(comma.TrailingTrivia));
                }
                else
                {
                    nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
                    nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
                    nodes.Add(expression.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia()));
                }

                return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodes));
            }

            if (!trailingComma)
            {
                nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken));
            }

            nodes.Add(expression);
            return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodes)).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool OnOneLine(SyntaxToken first, SyntaxNode last) =>
            first.GetLocation().GetLineSpan().StartLinePosition.Line == last.GetLocation().GetLineSpan().StartLinePosition.Line;

        /// <summary>
        /// For a call of the overload without options: the options type of the overload that takes them, and the options
        /// member each explicit argument sets. Null when an argument has no such member, or a value it cannot take.
        /// </summary>
        private static (INamedTypeSymbol Options, List<(string Member, ExpressionSyntax Value)> Members)? OptionsOverload(InvocationExpressionSyntax invocation, SemanticModel model)
        {
            if (!(model.GetOperation(invocation) is IInvocationOperation operation))
            {
                return null;
            }

            IMethodSymbol method = operation.TargetMethod.ReducedFrom ?? operation.TargetMethod;
            INamedTypeSymbol? options = null;
            foreach (IMethodSymbol candidate in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (candidate.Parameters.Length == 2 && candidate.IsStatic == method.IsStatic
                    && SymbolEqualityComparer.Default.Equals(candidate.Parameters[0].Type, method.Parameters[0].Type)
                    && candidate.Parameters[1].Type is INamedTypeSymbol type && MLNetSymbols.NumberOfThreadsMember(type) != null)
                {
                    options = type;
                }
            }

            if (options is null)
            {
                return null;
            }

            var members = new List<(string, ExpressionSyntax)>();
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || !(argument.Syntax is ArgumentSyntax syntax))
                {
                    continue;
                }

                ISymbol? member = argument.Parameter is null ? null : WritableMember(options, argument.Parameter.Name);
                ITypeSymbol? memberType = member is IFieldSymbol field ? field.Type : (member as IPropertySymbol)?.Type;
                if (member is null || memberType is null || !model.ClassifyConversion(syntax.Expression, memberType).IsImplicit)
                {
                    return null;
                }

                members.Add((member.Name, syntax.Expression));
            }

            return (options, members);
        }

        /// <summary>The public field or settable property of the options type named like <paramref name="parameter"/> (labelColumnName: LabelColumnName).</summary>
        private static ISymbol? WritableMember(INamedTypeSymbol options, string parameter)
        {
            for (INamedTypeSymbol? type = options; type != null; type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    bool writable = (member is IFieldSymbol field && !field.IsReadOnly && !field.IsConst && !field.IsStatic)
                        || (member is IPropertySymbol property && property.SetMethod != null && !property.IsStatic);
                    if (writable && member.DeclaredAccessibility == Accessibility.Public && string.Equals(member.Name, parameter, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        private static AssignmentExpressionSyntax Assignment(string member, ExpressionSyntax value) =>
            SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(member), value);

        private static LiteralExpressionSyntax One() => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
    }
}
