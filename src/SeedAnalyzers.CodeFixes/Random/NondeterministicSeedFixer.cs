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
    /// the SEED environment variable then chooses the seed per run. Without the runtime: a named seed constant.
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

            return IsInitializeSeed(diagnostic)
                ? "Use Determinism.DefaultSeed (override per run with SEED)"
                : "Derive the seed from the master seed: Determinism.SeedFor(\"" + FixSyntax.StreamName(Target(expression)) + "\")";
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
            }

            session.Replace(target, replacement);
        }

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
