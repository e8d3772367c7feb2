using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// The edits of one fix (or one Fix All pass) over one document. Members the fixes share, the seed constant and
    /// the per-type seed source, are added once per type however many diagnostics are fixed.
    /// </summary>
    internal sealed class FixSession
    {
        // Keyed by the type's symbol and the member's base name: the parts of a partial type share one constant and one field.
        private readonly Dictionary<(INamedTypeSymbol, string), TypeMember> _typeMembers =
            new Dictionary<(INamedTypeSymbol, string), TypeMember>();
        private readonly HashSet<SyntaxNode> _claimed = new HashSet<SyntaxNode>();
        private readonly HashSet<(SyntaxNode Scope, string Name)> _reservedNames = new HashSet<(SyntaxNode Scope, string Name)>();
        private readonly Dictionary<StatementSyntax, List<Insertion>> _insertions = new Dictionary<StatementSyntax, List<Insertion>>();
        private readonly Dictionary<(StatementSyntax Anchor, string Key), (string Name, Insertion? Insertion)> _sharedLocals =
            new Dictionary<(StatementSyntax Anchor, string Key), (string Name, Insertion? Insertion)>();

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

        /// <summary>
        /// <c>Determinism.Shared("Type")</c>: one continuing, thread-safe stream per type, for inline draws that replace
        /// <c>Random.Shared</c>. It restarts when the master seed is set again.
        /// </summary>
        public ExpressionSyntax SharedStream(SyntaxNode node) => SharedStream(FixSyntax.TypeName(node));

        /// <summary><c>Determinism.Shared("name")</c>.</summary>
        public ExpressionSyntax SharedStream(string name) =>
            SyntaxFactory.InvocationExpression(
                DeterminismMember("Shared"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.StringLiteral(name)))));

        /// <summary>
        /// Without the runtime, a seed of its own for each generator the type makes: <c>RandomSeeds.Next()</c>, a
        /// nested class (added once per type, after the seed constant) that draws seeds in creation order from one
        /// <c>new Random(RandomSeed)</c> under a lock. A constant seed at every site would make every instance and every
        /// call draw the same numbers, and neighbouring seeds (RandomSeed + 1, + 2, ...) would not do either: System.Random's
        /// streams for them start on a lattice (seeds 1, 3, 5 give first draws 0.2487, 0.2935, 0.3384). The nested
        /// class is initialized on first use, so the order of static initializers across the parts of a partial type
        /// does not matter. Null where no class, struct or record can hold it.
        /// </summary>
        public ExpressionSyntax? PerGeneratorSeed(SyntaxNode node)
        {
            TypeDeclarationSyntax? type = FixSyntax.ContainingType(node);
            if (type is null)
            {
                return null;
            }

            TypeMember seeds = Member(type, FixSyntax.SeedSourceName, IsSeedSource);
            if (seeds.TakeAddition())
            {
                string seed = ((IdentifierNameSyntax)SeedConstant(type)).Identifier.ValueText;
                SyntaxTrivia endOfLine = FixSyntax.EndOfLine(type.SyntaxTree.GetRoot());
                var source = (ClassDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                    "private static class " + seeds.Name + "\n"
                    + "{\n"
                    + "    private static readonly System.Random Source = new System.Random(" + seed + ");\n"
                    + "\n"
                    + "    public static int Next()\n"
                    + "    {\n"
                    + "        lock (Source)\n"
                    + "        {\n"
                    + "            return Source.Next();\n"
                    + "        }\n"
                    + "    }\n"
                    + "}\n")!;
                source = source
                    .ReplaceNodes(source.DescendantNodes().OfType<QualifiedNameSyntax>(), (_, name) => name.WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithLeadingTrivia(
                        endOfLine,
                        SyntaxFactory.Comment("// A seed of its own for every generator made in this type, in the order they are made (the lock keeps"),
                        endOfLine,
                        SyntaxFactory.Comment("// the source intact when they are made on several threads)."),
                        endOfLine)
                    .WithTrailingTrivia(endOfLine)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                Editor.AddMember(type, source);
            }

            return SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(seeds.Name), SyntaxFactory.IdentifierName("Next")));
        }

        /// <summary>
        /// Ensures <c>private const int RandomSeed = 0;</c> and returns a reference to it: to an existing constant or
        /// static int field of that name, or to RandomSeed2, ... when the name means something else in the type.
        /// </summary>
        public ExpressionSyntax SeedConstant(TypeDeclarationSyntax type)
        {
            TypeMember seed = Member(type, FixSyntax.SeedConstantName, IsSeedField);
            if (seed.TakeAddition())
            {
                var constant = (FieldDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                    "private const int " + seed.Name + " = 0;")!;
                SyntaxTrivia endOfLine = FixSyntax.EndOfLine(type.SyntaxTree.GetRoot());
                constant = constant
                    .WithLeadingTrivia(SyntaxFactory.Comment("// Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED)."), endOfLine)
                    .WithTrailingTrivia(endOfLine)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                Editor.InsertMembers(type, 0, new SyntaxNode[] { constant });
            }

            return SyntaxFactory.IdentifierName(seed.Name);
        }

        /// <summary><c>new Random(seed)</c> with the type name simplified against the document's usings.</summary>
        public static ExpressionSyntax SeededSystemRandom(ExpressionSyntax seed) =>
            SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("System.Random").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed))),
                    null)
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space));

        /// <summary><c>Determinism.Random("name")</c>.</summary>
        public ExpressionSyntax NamedStream(string name) =>
            SyntaxFactory.InvocationExpression(
                DeterminismMember("Random"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.StringLiteral(name)))));

        /// <summary><c>Determinism.Member</c>.</summary>
        public MemberAccessExpressionSyntax DeterminismMember(string member) => RuntimeMember("Determinism", member);

        /// <summary><c>Type.Member</c> for a type of the SeedAnalyzers runtime (or SeedAnalyzers.TorchSharp).</summary>
        public MemberAccessExpressionSyntax RuntimeMember(string type, string member) =>
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                FixSyntax.ImportedTypeExpression(Editor.Generator, RuntimeSymbol(type)),
                SyntaxFactory.IdentifierName(member));

        /// <summary>
        /// A type of the SeedAnalyzers runtime, fully qualified and marked for the code action's clean-up to import its
        /// namespace and shorten the name: a <c>using SeedAnalyzers;</c> is added unless the namespace is already in
        /// scope, and a user type of the same name (a home-grown Determinism helper) keeps the qualification.
        /// </summary>
        public TypeSyntax RuntimeType(string name) => FixSyntax.ImportedType(Editor.Generator, RuntimeSymbol(name));

        private INamedTypeSymbol RuntimeSymbol(string name) => KnownSymbols.Get(Model.Compilation).Type("SeedAnalyzers." + name)!;

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

        private static bool IsSeedField(ISymbol member) =>
            member is IFieldSymbol field && field.Type.SpecialType == SpecialType.System_Int32 && (field.IsConst || field.IsStatic);

        /// <summary>A nested static class with a static parameterless Next() returning int: one an earlier fix added.</summary>
        private static bool IsSeedSource(ISymbol member) =>
            member is INamedTypeSymbol type && type.IsStatic
            && type.GetMembers("Next").OfType<IMethodSymbol>().Any(next => next.IsStatic && next.Parameters.IsEmpty && next.ReturnType.SpecialType == SpecialType.System_Int32);

        /// <summary>The member <paramref name="baseName"/> stands for in the type, named once per pass.</summary>
        private TypeMember Member(TypeDeclarationSyntax type, string baseName, Func<ISymbol, bool> usable)
        {
            INamedTypeSymbol symbol = Model.GetDeclaredSymbol(type)!;
            if (!_typeMembers.TryGetValue((symbol, baseName), out TypeMember? member))
            {
                member = MemberName(symbol, type, baseName, usable);
                _typeMembers.Add((symbol, baseName), member);
            }

            return member;
        }

        /// <summary>
        /// <paramref name="baseName"/> when the type, in any part, or a base has a field of that name the fixes can use
        /// as it is, or when nothing is named so; otherwise the first of baseName2, baseName3, ... that is free. A
        /// property, method or nested type of that name would clash with an added field (CS0102), an inherited member
        /// would be hidden, and a local, parameter or outer name that code in the type uses would change meaning or
        /// hide the field where the fix uses it.
        /// </summary>
        private TypeMember MemberName(INamedTypeSymbol symbol, TypeDeclarationSyntax type, string baseName, Func<ISymbol, bool> usable)
        {
            ISymbol? existing = null;
            string name = FreeName.Find(baseName, candidate =>
            {
                ImmutableArray<ISymbol> members = Model.LookupSymbols(type.OpenBraceToken.Span.End, symbol, candidate);
                existing = members.Length == 1 && usable(members[0]) ? members[0] : null;
                return (members.IsEmpty || existing != null)
                    && candidate != symbol.Name
                    && symbol.TypeParameters.All(parameter => parameter.Name != candidate)
                    && !UsedInType(symbol, candidate, existing);
            });
            return new TypeMember(name, existing is null);
        }

        /// <summary>
        /// True when code in the type declares <paramref name="name"/> (a local, parameter, local function) or refers
        /// by it to something other than <paramref name="existing"/> that a field of the type would hide: an outer
        /// type's member or a type. Members of other types reached through them (<c>options.RandomSeed</c>) and of
        /// nested types do not count.
        /// </summary>
        private bool UsedInType(INamedTypeSymbol symbol, string name, ISymbol? existing)
        {
            foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax();
                SemanticModel model = declaration.SyntaxTree == Model.SyntaxTree ? Model : Model.Compilation.GetSemanticModel(declaration.SyntaxTree);
                foreach (SyntaxToken token in declaration.DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || token.Parent is null)
                    {
                        continue;
                    }

                    ISymbol? target;
                    if (token.Parent is IdentifierNameSyntax identifier)
                    {
                        SymbolInfo info = model.GetSymbolInfo(identifier);
                        target = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                        if (target is null)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        target = model.GetDeclaredSymbol(token.Parent);
                    }

                    if (!SymbolEqualityComparer.Default.Equals(target, existing) && !IsMemberElsewhere(target, symbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True for a member of a type that is neither <paramref name="type"/> nor one it is nested in.</summary>
        private static bool IsMemberElsewhere(ISymbol? target, INamedTypeSymbol type)
        {
            if (target is null || target.ContainingType is null || target.Kind == SymbolKind.Local || target.Kind == SymbolKind.Parameter
                || (target is IMethodSymbol method && method.MethodKind == MethodKind.LocalFunction))
            {
                return false;
            }

            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target.ContainingType.OriginalDefinition))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True, once per pass, for <paramref name="name"/> in <paramref name="scope"/>: a name an earlier fix of this
        /// pass gave to a local it declares there is taken, though the semantic model (of the code before the pass)
        /// does not know it yet.
        /// </summary>
        public bool ReserveName(SyntaxNode scope, string name) => _reservedNames.Add((scope, name));

        /// <summary>
        /// Inserts <paramref name="statement"/> before <paramref name="anchor"/> when the pass completes, with any other
        /// statements inserted there in this pass, in <paramref name="order"/> (a source position): a Fix All pass
        /// fixes the last diagnostic first, and the statements keep the order of the code they serve. The statement
        /// ends with the document's line ending and is formatted.
        /// </summary>
        public void InsertStatementBefore(StatementSyntax anchor, StatementSyntax statement, int order) => Insert(anchor, statement, order);

        /// <summary>
        /// The name of a local declared before <paramref name="anchor"/> that every fix of this pass asking with the same
        /// <paramref name="key"/> shares (the split the actions of one Parallel.Invoke draw from): the first asks
        /// <paramref name="existing"/> for one an earlier fix declared, or names one with <paramref name="name"/> and has
        /// <paramref name="declaration"/> inserted. The declaration takes the earliest <paramref name="order"/> asked
        /// with, as if the fix of the first action had made it: a Fix All pass fixes the last diagnostic first.
        /// </summary>
        public string SharedLocal(StatementSyntax anchor, string key, int order, Func<string?> existing, Func<string> name, Func<string, StatementSyntax> declaration)
        {
            if (_sharedLocals.TryGetValue((anchor, key), out (string Name, Insertion? Insertion) shared))
            {
                if (shared.Insertion != null)
                {
                    shared.Insertion.Order = Math.Min(shared.Insertion.Order, order);
                }

                return shared.Name;
            }

            if (existing() is string declared)
            {
                shared = (declared, null);
            }
            else
            {
                string fresh = name();
                shared = (fresh, Insert(anchor, declaration(fresh), order));
            }

            _sharedLocals.Add((anchor, key), shared);
            return shared.Name;
        }

        /// <summary>Applies the edits collected for the end of the pass.</summary>
        public void Complete()
        {
            foreach (KeyValuePair<StatementSyntax, List<Insertion>> insertion in _insertions)
            {
                FixSyntax.InsertStatementsBefore(Editor, insertion.Key, insertion.Value.OrderBy(s => s.Order).Select(s => s.Statement).ToList());
            }

            _insertions.Clear();
            _sharedLocals.Clear();
        }

        private Insertion Insert(StatementSyntax anchor, StatementSyntax statement, int order)
        {
            if (!_insertions.TryGetValue(anchor, out List<Insertion>? statements))
            {
                _insertions.Add(anchor, statements = new List<Insertion>());
            }

            var insertion = new Insertion(order, statement
                .WithTrailingTrivia(FixSyntax.EndOfLine(anchor.SyntaxTree.GetRoot()))
                .WithAdditionalAnnotations(Formatter.Annotation));
            statements.Add(insertion);
            return insertion;
        }

        /// <summary>False when another diagnostic of this pass already rewrote <paramref name="node"/>.</summary>
        public bool Claim(SyntaxNode node) => _claimed.Add(node);

        /// <summary>Replaces <paramref name="node"/>, keeping its leading and trailing trivia.</summary>
        public void Replace(SyntaxNode node, SyntaxNode replacement) =>
            Editor.ReplaceNode(node, replacement.WithTriviaFrom(node));

        /// <summary>A statement to insert before another when the pass completes, and where among the others it goes.</summary>
        private sealed class Insertion
        {
            public Insertion(int order, StatementSyntax statement)
            {
                Order = order;
                Statement = statement;
            }

            /// <summary>A source position: the statements keep the order of the code they serve.</summary>
            public int Order { get; set; }

            public StatementSyntax Statement { get; }
        }

        /// <summary>A member the fixes share per type: its name, and whether this pass still has to add it.</summary>
        private sealed class TypeMember
        {
            private bool _toAdd;

            public TypeMember(string name, bool toAdd)
            {
                Name = name;
                _toAdd = toAdd;
            }

            public string Name { get; }

            /// <summary>True once, for the first fix that needs the member when the type does not have it yet.</summary>
            public bool TakeAddition()
            {
                bool toAdd = _toAdd;
                _toAdd = false;
                return toAdd;
            }
        }
    }
}
