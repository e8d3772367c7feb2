using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>Syntax shared by the fixes: stream names, the runtime calls they emit, usings and members.</summary>
    internal static class FixSyntax
    {
        /// <summary>Name of the nested class that hands out a seed per generator when the runtime is absent.</summary>
        public const string SeedSourceName = "RandomSeeds";

        /// <summary>Name of the constant the fixes introduce when the runtime is not referenced.</summary>
        public const string SeedConstantName = "RandomSeed";

        /// <summary>
        /// The stream name for a value: what receives it (field, property, local or parameter, qualified by the
        /// containing type, e.g. "Trainer.rng"), or the containing member for an inline use ("Trainer.Shuffle").
        /// </summary>
        public static string StreamName(SyntaxNode expression)
        {
            string type = TypeName(expression);
            string? receiver = Receiver(expression)?.Name;
            if (receiver != null)
            {
                return Qualify(type, receiver);
            }

            return Qualify(type, MemberName(expression));
        }

        /// <summary>
        /// <see cref="StreamName(SyntaxNode)"/>, except that a local or parameter receiving the value is qualified by
        /// the member it lives in ("Trainer.Step.rand"): two methods' locals of one name would otherwise share a name,
        /// so that how often one method runs would shift which sub-stream the other gets. Locals of top-level statements,
        /// the program's one body, keep "Program.local".
        /// </summary>
        public static string StreamName(SyntaxNode expression, SemanticModel model)
        {
            (string Name, SyntaxNode Target)? receiver = Receiver(expression);
            if (receiver is null)
            {
                return Qualify(TypeName(expression), MemberName(expression));
            }

            ISymbol? symbol = receiver.Value.Target is VariableDeclaratorSyntax declarator
                ? model.GetDeclaredSymbol(declarator)
                : model.GetSymbolInfo(receiver.Value.Target).Symbol;
            // Top-level statements are the program's one body: their locals keep "Program.local".
            bool inMember = expression.Ancestors().TakeWhile(a => !(a is GlobalStatementSyntax))
                .Any(a => a is BaseMethodDeclarationSyntax || a is LocalFunctionStatementSyntax || a is BasePropertyDeclarationSyntax);
            return (symbol is ILocalSymbol || symbol is IParameterSymbol) && inMember
                ? Qualify(Qualify(TypeName(expression), MemberName(expression)), receiver.Value.Name)
                : Qualify(TypeName(expression), receiver.Value.Name);
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

        /// <summary>
        /// <paramref name="type"/> fully qualified, for the code action's clean-up (in the IDE, Fix All and
        /// <c>dotnet format</c> alike) to import its namespace and simplify the name. Roslyn 4.8's
        /// <c>TypeExpression(symbol, addImport: true)</c> does not attach the import annotation itself.
        /// </summary>
        public static TypeSyntax ImportedType(SyntaxGenerator generator, ITypeSymbol type) =>
            ((TypeSyntax)generator.TypeExpression(type, addImport: true)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);

        /// <summary>
        /// <see cref="ImportedType"/> as the receiver of a member access: parsed as an expression, with the type's
        /// annotations, so the tree has the shape the parser gives the same text even where the name stays qualified.
        /// </summary>
        public static ExpressionSyntax ImportedTypeExpression(SyntaxGenerator generator, ITypeSymbol type)
        {
            TypeSyntax name = ImportedType(generator, type);
            return name.CopyAnnotationsTo(SyntaxFactory.ParseExpression(name.ToFullString()))!;
        }

        /// <summary><c>var name = value;</c></summary>
        public static LocalDeclarationStatementSyntax VarDeclaration(string name, ExpressionSyntax value) =>
            SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(value)))));

        /// <summary>A C# string literal.</summary>
        public static LiteralExpressionSyntax StringLiteral(string value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary>
        /// Inserts <paramref name="statement"/> before <paramref name="anchor"/> (a statement of a block or a top-level
        /// statement): blank lines above the anchor move above the new statement, comments stay with the anchor, and
        /// both keep the anchor's indentation.
        /// </summary>
        public static void InsertStatementBefore(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, StatementSyntax anchor, StatementSyntax statement) =>
            InsertStatementsBefore(editor, anchor, new[] { statement });

        /// <summary>
        /// <see cref="InsertStatementBefore"/> for several statements, in order: the first takes the blank lines above
        /// the anchor, the others the anchor's indentation.
        /// </summary>
        public static void InsertStatementsBefore(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, StatementSyntax anchor, IReadOnlyList<StatementSyntax> statements)
        {
            SyntaxNode container = anchor.Parent is GlobalStatementSyntax global ? global : anchor;
            SyntaxTriviaList leading = container.GetLeadingTrivia();
            int split = 0;
            while (split < leading.Count && (leading[split].IsKind(SyntaxKind.WhitespaceTrivia) || leading[split].IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                split++;
            }

            SyntaxTriviaList prefix = SyntaxFactory.TriviaList(leading.Take(split));
            SyntaxTriviaList indentation = split > 0 && leading[split - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[split - 1])
                : SyntaxFactory.TriviaList();
            SyntaxTriviaList kept = indentation.AddRange(leading.Skip(split));
            var inserted = new List<SyntaxNode>();
            foreach (StatementSyntax statement in statements)
            {
                StatementSyntax placed = statement.WithLeadingTrivia(inserted.Count == 0 ? prefix : indentation);
                inserted.Add(container is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(placed) : (SyntaxNode)placed);
            }

            editor.InsertBefore(container, inserted);
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

        /// <summary>What receives the value: a declarator (field, local, property) or an assignment's left side, and its name.</summary>
        private static (string Name, SyntaxNode Target)? Receiver(SyntaxNode expression)
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
                    return (declarator.Identifier.ValueText, declarator);
                case EqualsValueClauseSyntax equals when equals.Parent is PropertyDeclarationSyntax property:
                    return (property.Identifier.ValueText, property);
                case AssignmentExpressionSyntax assignment when assignment.Right == node:
                    return assignment.Left switch
                    {
                        IdentifierNameSyntax identifier => (identifier.Identifier.ValueText, identifier),
                        MemberAccessExpressionSyntax member => (member.Name.Identifier.ValueText, member),
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
