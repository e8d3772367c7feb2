using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED003: the nondeterministic seed expression becomes <c>Determinism.SeedFor("name")</c> (a seed derived
    /// from the master seed), or <c>Determinism.DefaultSeed</c> when it feeds Determinism.Initialize itself, where
    /// the SEED environment variable then chooses the seed per run. When the expression is the whole seed of
    /// <c>new Random(...)</c> (<c>new Random(Environment.TickCount)</c>), the generator becomes
    /// <c>new DeterministicRandom(Determinism.SeedFor("name"))</c> as well: the clock seed gave no sequence worth keeping,
    /// so pinning the algorithm costs nothing, and SEED004 leaves such a creation to this rule. Without the runtime:
    /// <c>RandomSeeds.Next()</c>, the next seed of the type's seed source.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NondeterministicSeedFixer)), Shared]
    public sealed class NondeterministicSeedFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.NondeterministicSeed);

        /// <summary>The source, which the rule reports on the seed argument when it sits in another statement.</summary>
        private protected override Location FixLocation(Diagnostic diagnostic) =>
            diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            if (!(node is ExpressionSyntax expression) || !AcceptsInt(Target(expression), model))
            {
                return null;
            }

            if (!runtime)
            {
                return FixSyntax.ContainingType(node) is null ? null : "Seed from a per-type seed source (the SeedAnalyzers runtime is not referenced)";
            }

            if (IsInitializeSeed(diagnostic))
            {
                return "Use Determinism.DefaultSeed (override per run with SEED)";
            }

            string seedFor = "Determinism.SeedFor(\"" + FixSyntax.StreamName(Target(expression)) + "\")";
            return SeededRandomCreation(Target(expression), model) != null
                ? "Seed a DeterministicRandom from the master seed: new DeterministicRandom(" + seedFor + ")"
                : "Derive the seed from the master seed: " + seedFor;
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            ExpressionSyntax target = Target((ExpressionSyntax)node);
            if (!session.Claim(target))
            {
                return;
            }

            ExpressionSyntax replacement;
            if (!session.Runtime)
            {
                // A seed of its own at each run of the code, as the clock or the counter gave: one constant would make
                // every object or call alike.
                replacement = session.PerGeneratorSeed(target)!;
            }
            else if (IsInitializeSeed(diagnostic))
            {
                replacement = session.DeterminismMember("DefaultSeed");
            }
            else
            {
                replacement = SyntaxFactory.InvocationExpression(
                    session.DeterminismMember("SeedFor"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                        FixSyntax.StringLiteral(FixSyntax.StreamName(target))))));
                if (SeededRandomCreation(target, session.Model) is ObjectCreationExpressionSyntax creation && session.Claim(creation))
                {
                    session.Replace(creation, SyntaxFactory.ObjectCreationExpression(
                        creation.NewKeyword.WithTrailingTrivia(SyntaxFactory.Space),
                        session.RuntimeType("DeterministicRandom"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(replacement))),
                        creation.Initializer));
                    session.KeepRandomTypeIfReassigned(creation);
                    return;
                }
            }

            session.Replace(target, replacement);
        }

        /// <summary>
        /// <c>new Random(target)</c> (System.Random itself, the int constructor) when <paramref name="target"/> is its
        /// whole seed argument; otherwise null.
        /// </summary>
        private static ObjectCreationExpressionSyntax? SeededRandomCreation(ExpressionSyntax target, SemanticModel model) =>
            target.Parent is ArgumentSyntax argument
            && argument.Parent is ArgumentListSyntax list && list.Arguments.Count == 1
            && list.Parent is ObjectCreationExpressionSyntax creation
            && model.GetSymbolInfo(creation).Symbol is IMethodSymbol constructor
            && constructor.ContainingType.SpecialType == SpecialType.None
            && constructor.ContainingType.ToDisplayString() == "System.Random"
            && constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32
                ? creation
                : null;

        /// <summary>
        /// The whole seed expression the source feeds (through casts, arithmetic and ?:) up to the seed argument or
        /// the local it initializes: <c>new Random(Environment.TickCount ^ Environment.ProcessId)</c> gets one derived
        /// seed, not two that could cancel out.
        /// </summary>
        private static ExpressionSyntax Target(ExpressionSyntax source)
        {
            ExpressionSyntax target = source;
            while (target.Parent is ParenthesizedExpressionSyntax || target.Parent is CastExpressionSyntax
                || target.Parent is BinaryExpressionSyntax || target.Parent is PrefixUnaryExpressionSyntax
                || target.Parent is CheckedExpressionSyntax || target.Parent is ConditionalExpressionSyntax)
            {
                target = (ExpressionSyntax)target.Parent;
            }

            return target;
        }

        private static bool IsInitializeSeed(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(NondeterministicSeedAnalyzer.SinkProperty, out string? sink)
            && sink == NondeterministicSeedAnalyzer.SinkInitialize;

        /// <summary>The replacement is an int: offer it only where an int converts implicitly to the source's type.</summary>
        private static bool AcceptsInt(ExpressionSyntax expression, SemanticModel model)
        {
            ITypeSymbol? type = model.GetTypeInfo(expression).Type;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            ITypeSymbol intType = model.Compilation.GetSpecialType(SpecialType.System_Int32);
            Conversion conversion = model.Compilation.ClassifyConversion(intType, type);
            return conversion.IsImplicit && !conversion.IsUserDefined;
        }
    }
}
