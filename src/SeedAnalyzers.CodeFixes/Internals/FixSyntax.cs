using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>Syntax shared by the fixes: stream names, the runtime calls they emit, usings and members.</summary>
    internal static class FixSyntax
    {
        public const string RuntimeNamespace = "SeedAnalyzers";

        /// <summary>Name of the seeded field the fixes introduce for hot paths when the runtime is absent.</summary>
        public const string StreamFieldName = "s_random";

        /// <summary>Name of the constant the fixes introduce when the runtime is not referenced.</summary>
        public const string SeedConstantName = "RandomSeed";

        /// <summary>
        /// The stream name for a value: what receives it (field, property, local or parameter, qualified by the
        /// containing type, e.g. "Trainer.rng"), or the containing member for an inline use ("Trainer.Shuffle").
        /// </summary>
        public static string StreamName(SyntaxNode expression)
        {
            string type = TypeName(expression);
            string? receiver = ReceiverName(expression);
            if (receiver != null)
            {
                return Qualify(type, receiver);
            }

            return Qualify(type, MemberName(expression));
        }

        /// <summary>
        /// True when the node may run many times per run of <paramref name="within"/> (default: its member): a loop, a
        /// lambda, a local function or a query lies between them.
        /// </summary>
        public static bool RunsRepeatedly(SyntaxNode node, SyntaxNode? within = null)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                if (ancestor == within)
                {
                    return false;
                }

                switch (ancestor)
                {
                    case ForStatementSyntax _:
                    case ForEachStatementSyntax _:
                    case ForEachVariableStatementSyntax _:
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case QueryExpressionSyntax _:
                        return true;
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The innermost class, struct or record declaration that holds the node, to add the seed constant or stream
        /// field to. Null in an interface (an added field becomes an abstract property there) and in a type whose
        /// braces the parser had to supply (members added there take the code after them along).
        /// </summary>
        public static TypeDeclarationSyntax? ContainingType(SyntaxNode node) =>
            node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is TypeDeclarationSyntax type
            && !(type is InterfaceDeclarationSyntax) && !type.OpenBraceToken.IsMissing && !type.CloseBraceToken.IsMissing
                ? type
                : null;

        /// <summary><c>Determinism.Random("name")</c>.</summary>
        public static ExpressionSyntax NamedStream(string name) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, DeterminismType(), SyntaxFactory.IdentifierName("Random")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))))));

        /// <summary><c>Determinism.Member</c>.</summary>
        public static MemberAccessExpressionSyntax DeterminismMember(string member) =>
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, DeterminismType(), SyntaxFactory.IdentifierName(member));

        /// <summary>
        /// A runtime type, fully qualified for the simplifier to shorten: a type of the same name in the user's code
        /// (a home-grown Determinism helper) keeps the qualification instead of taking the call.
        /// </summary>
        public static NameSyntax RuntimeType(string name) =>
            SyntaxFactory.ParseName("global::" + RuntimeNamespace + "." + name).WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary><c>Determinism</c> as the receiver of a call: the same qualification, parsed as an expression.</summary>
        private static ExpressionSyntax DeterminismType() =>
            SyntaxFactory.ParseExpression("global::" + RuntimeNamespace + ".Determinism").WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary>Adds <c>using SeedAnalyzers;</c> unless the namespace is already imported.</summary>
        public static SyntaxNode EnsureUsing(SyntaxNode root)
        {
            if (!(root is CompilationUnitSyntax unit))
            {
                return root;
            }

            bool present = unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == RuntimeNamespace)
                || unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == RuntimeNamespace || n.Usings.Any(u => u.Name?.ToString() == RuntimeNamespace));
            if (present)
            {
                return root;
            }

            SyntaxTrivia endOfLine = EndOfLine(root);
            UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(RuntimeNamespace)).WithTrailingTrivia(endOfLine);
            if (unit.Usings.Count == 0)
            {
                // The first using of the file: keep a blank line between it and the code, and any header comment above it.
                SyntaxTriviaList header = unit.GetLeadingTrivia();
                directive = directive.WithLeadingTrivia(header).WithTrailingTrivia(endOfLine, endOfLine);
                return unit.ReplaceToken(unit.GetFirstToken(), unit.GetFirstToken().WithLeadingTrivia()).AddUsings(directive);
            }

            // After a using still being typed (no semicolon yet) the directive would run into it: go first.
            if (unit.Usings.Last().SemicolonToken.IsMissing)
            {
                return unit.WithUsings(unit.Usings.Insert(0, directive));
            }

            // System directives first, then the rest in order: insert before the first non-System using that sorts after it.
            int index = unit.Usings.Count;
            for (int i = 0; i < unit.Usings.Count; i++)
            {
                UsingDirectiveSyntax existing = unit.Usings[i];
                string name = existing.Name?.ToString() ?? string.Empty;
                bool system = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
                if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && !system
                    && string.CompareOrdinal(name, RuntimeNamespace) > 0)
                {
                    index = i;
                    break;
                }
            }

            if (index == unit.Usings.Count)
            {
                return unit.AddUsings(directive);
            }

            // Taking the place of the first using keeps the file's leading trivia (header comments) at the top.
            UsingDirectiveSyntax next = unit.Usings[index];
            directive = directive.WithLeadingTrivia(next.GetLeadingTrivia());
            SyntaxList<UsingDirectiveSyntax> usings = unit.Usings
                .Replace(next, next.WithLeadingTrivia())
                .Insert(index, directive);
            return unit.WithUsings(usings);
        }

        /// <summary>
        /// Inserts <paramref name="statement"/> before <paramref name="anchor"/> (a statement of a block or a top-level
        /// statement): blank lines above the anchor move above the new statement, comments stay with the anchor, and
        /// both keep the anchor's indentation.
        /// </summary>
        public static void InsertStatementBefore(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, StatementSyntax anchor, StatementSyntax statement)
        {
            SyntaxNode container = anchor.Parent is GlobalStatementSyntax global ? global : anchor;
            SyntaxTriviaList leading = container.GetLeadingTrivia();
            int split = 0;
            while (split < leading.Count && (leading[split].IsKind(SyntaxKind.WhitespaceTrivia) || leading[split].IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                split++;
            }

            SyntaxTriviaList prefix = SyntaxFactory.TriviaList(leading.Take(split));
            SyntaxTriviaList kept = (split > 0 && leading[split - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                    ? SyntaxFactory.TriviaList(leading[split - 1])
                    : SyntaxFactory.TriviaList())
                .AddRange(leading.Skip(split));
            StatementSyntax inserted = statement.WithLeadingTrivia(prefix);
            editor.InsertBefore(container, container is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(inserted) : (SyntaxNode)inserted);
            editor.ReplaceNode(container, (current, _) => current.WithLeadingTrivia(kept));
        }

        /// <summary>The document's own line ending (first one found), so inserted lines match the file.</summary>
        public static SyntaxTrivia EndOfLine(SyntaxNode root)
        {
            foreach (SyntaxTrivia trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.LineFeed;
        }

        private static string Qualify(string type, string member) => type.Length == 0 ? member : type + "." + member;

        public static string TypeName(SyntaxNode node)
        {
            string name = string.Empty;
            foreach (BaseTypeDeclarationSyntax type in node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>())
            {
                name = name.Length == 0 ? type.Identifier.ValueText : type.Identifier.ValueText + "." + name;
            }

            return name.Length == 0 ? "Program" : name;
        }

        private static string? ReceiverName(SyntaxNode expression)
        {
            SyntaxNode node = expression;
            while (node.Parent is ParenthesizedExpressionSyntax || node.Parent is CastExpressionSyntax
                || node.Parent is BinaryExpressionSyntax || node.Parent is PrefixUnaryExpressionSyntax
                || (node.Parent is ArgumentSyntax && node.Parent.Parent?.Parent is BaseObjectCreationExpressionSyntax))
            {
                // A seed inside new Random(...) or arithmetic is named after whatever receives the result.
                node = node.Parent is ArgumentSyntax ? node.Parent.Parent!.Parent! : node.Parent;
            }

            switch (node.Parent)
            {
                case EqualsValueClauseSyntax equals when equals.Parent is VariableDeclaratorSyntax declarator:
                    return declarator.Identifier.ValueText;
                case EqualsValueClauseSyntax equals when equals.Parent is PropertyDeclarationSyntax property:
                    return property.Identifier.ValueText;
                case AssignmentExpressionSyntax assignment when assignment.Right == node:
                    return assignment.Left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static string MemberName(SyntaxNode node)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case LocalFunctionStatementSyntax local:
                        return local.Identifier.ValueText;
                    case MethodDeclarationSyntax method:
                        return method.Identifier.ValueText;
                    case PropertyDeclarationSyntax property:
                        return property.Identifier.ValueText;
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Identifier.ValueText;
                    case BaseTypeDeclarationSyntax type:
                        return type.Identifier.ValueText;
                    case GlobalStatementSyntax _:
                        return "Main";
                }
            }

            return "Main";
        }
    }
}
