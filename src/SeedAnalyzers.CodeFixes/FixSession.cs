using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// The edits of one fix (or one Fix All pass) over one document. Members the fixes share, the per-type
    /// stream field and the seed constant, are added once per type however many diagnostics are fixed.
    /// </summary>
    internal sealed class FixSession
    {
        // Keyed by the type's symbol: the parts of a partial type share one constant and one field.
        private readonly HashSet<object> _streamFields = new HashSet<object>();
        private readonly HashSet<object> _seedConstants = new HashSet<object>();
        private readonly HashSet<SyntaxNode> _claimed = new HashSet<SyntaxNode>();

        public FixSession(DocumentEditor editor, SemanticModel model, bool runtime)
        {
            Editor = editor;
            Model = model;
            Runtime = runtime;
        }

        public DocumentEditor Editor { get; }

        public SemanticModel Model { get; }

        /// <summary>True when the project references the SeedAnalyzers runtime.</summary>
        public bool Runtime { get; }

        /// <summary>Set by fixes that emitted a runtime call, so the using is added.</summary>
        public bool UsesRuntime { get; set; }

        /// <summary>
        /// The generator for draws that run many times (loops, lambdas, inline draws): with the runtime,
        /// <c>Determinism.Shared("Type")</c>, one continuing stream per type that restarts when the master seed is
        /// set again; without it, a <c>private static readonly Random s_random = new Random(RandomSeed);</c> field.
        /// Null when neither applies (no runtime and no type to hold the field).
        /// </summary>
        public ExpressionSyntax? SharedStream(SyntaxNode node)
        {
            if (Runtime)
            {
                UsesRuntime = true;
                return SyntaxFactory.InvocationExpression(
                    FixSyntax.DeterminismMember("Shared"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(FixSyntax.TypeName(node)))))));
            }

            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            if (type is null)
            {
                return null;
            }

            if (AddsMember(_streamFields, type, FixSyntax.StreamFieldName))
            {
                FieldDeclarationSyntax field = SyntaxFactory.FieldDeclaration(
                        SyntaxFactory.VariableDeclaration(
                            SyntaxFactory.ParseTypeName("System.Random").WithAdditionalAnnotations(Simplifier.Annotation),
                            SyntaxFactory.SingletonSeparatedList(
                                SyntaxFactory.VariableDeclarator(FixSyntax.StreamFieldName).WithInitializer(
                                    SyntaxFactory.EqualsValueClause(SeededSystemRandom(SyntaxFactory.IdentifierName(FixSyntax.SeedConstantName)))))))
                    .WithModifiers(SyntaxFactory.TokenList(
                        SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                        SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                        SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)));
                Editor.InsertMembers(type, 0, new SyntaxNode[] { field });

                // Inserted after the field at the same index, so the constant comes first.
                SeedConstant(type);
            }

            return SyntaxFactory.IdentifierName(FixSyntax.StreamFieldName);
        }

        /// <summary>Ensures <c>private const int RandomSeed = 0;</c> and returns a reference to it.</summary>
        public ExpressionSyntax SeedConstant(TypeDeclarationSyntax type)
        {
            if (AddsMember(_seedConstants, type, FixSyntax.SeedConstantName))
            {
                var constant = (FieldDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                    "private const int " + FixSyntax.SeedConstantName + " = 0;")!;
                SyntaxTrivia endOfLine = FixSyntax.EndOfLine(type.SyntaxTree.GetRoot());
                constant = constant
                    .WithLeadingTrivia(SyntaxFactory.Comment("// Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED)."), endOfLine)
                    .WithTrailingTrivia(endOfLine)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                Editor.InsertMembers(type, 0, new SyntaxNode[] { constant });
            }

            return SyntaxFactory.IdentifierName(FixSyntax.SeedConstantName);
        }

        /// <summary><c>new Random(seed)</c> with the type name simplified against the document's usings.</summary>
        public static ExpressionSyntax SeededSystemRandom(ExpressionSyntax seed) =>
            SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("System.Random").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed))),
                    null)
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space));

        /// <summary><c>Determinism.Random("name")</c>, remembering that the using is needed.</summary>
        public ExpressionSyntax NamedStream(string name)
        {
            UsesRuntime = true;
            return FixSyntax.NamedStream(name);
        }

        /// <summary><c>Determinism.Member</c>, remembering that the using is needed.</summary>
        public ExpressionSyntax DeterminismMember(string member)
        {
            UsesRuntime = true;
            return FixSyntax.DeterminismMember(member);
        }

        /// <summary>
        /// When <paramref name="replaced"/> initializes a <c>var</c> local that is assigned again later, spells the
        /// local's type as <c>Random</c>: the replacement's type (DeterministicRandom) would otherwise reject a later
        /// <c>rng = new Random(...)</c>.
        /// </summary>
        public void KeepRandomTypeIfReassigned(SyntaxNode replaced)
        {
            if (!(replaced.Parent is EqualsValueClauseSyntax equals)
                || !(equals.Parent is VariableDeclaratorSyntax declarator)
                || !(declarator.Parent is VariableDeclarationSyntax declaration)
                || !declaration.Type.IsVar
                || !(Model.GetDeclaredSymbol(declarator) is ILocalSymbol local))
            {
                return;
            }

            SyntaxNode? scope = declaration.Ancestors().FirstOrDefault(a => a is BlockSyntax || a is GlobalStatementSyntax)?.Parent ?? declaration.SyntaxTree.GetRoot();
            bool reassigned = scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                .Any(assignment => SymbolEqualityComparer.Default.Equals(Model.GetSymbolInfo(assignment.Left).Symbol, local));
            if (reassigned && Claim(declaration.Type))
            {
                Editor.ReplaceNode(declaration.Type, SyntaxFactory.ParseTypeName("System.Random").WithAdditionalAnnotations(Simplifier.Annotation).WithTriviaFrom(declaration.Type));
            }
        }

        /// <summary>
        /// True the first time this pass needs the field <paramref name="name"/> in a type that has none in any of its
        /// declarations.
        /// </summary>
        private bool AddsMember(HashSet<object> added, TypeDeclarationSyntax type, string name)
        {
            ISymbol? symbol = Model.GetDeclaredSymbol(type);
            bool exists = symbol is INamedTypeSymbol named
                ? named.GetMembers(name).OfType<IFieldSymbol>().Any()
                : FixSyntax.HasField(type, name);
            return !exists && added.Add((object?)symbol ?? type);
        }

        /// <summary>False when another diagnostic of this pass already rewrote <paramref name="node"/>.</summary>
        public bool Claim(SyntaxNode node) => _claimed.Add(node);

        /// <summary>Replaces <paramref name="node"/>, keeping its leading and trailing trivia.</summary>
        public void Replace(SyntaxNode node, SyntaxNode replacement) =>
            Editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
    }
}
