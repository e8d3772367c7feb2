using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED002: a draw from a generator nobody can seed: Random.Shared, APIs that use it implicitly
    /// (Enumerable.Shuffle in .NET 10) and the OrderBy(_ =&gt; Guid.NewGuid()) shuffle idiom.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SharedRandomAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property telling the fixer which form was found.</summary>
        public const string KindProperty = "Kind";
        public const string KindShared = "Shared";
        public const string KindShuffle = "Shuffle";
        public const string KindOrderBy = "OrderBy";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.SharedRandom,
            "Random numbers come from a generator nobody can seed",
            "{0} draws from a process-wide generator that cannot be seeded, so every run differs; use a stream from the SeedAnalyzers runtime",
            DiagnosticSeverity.Warning,
            "Random.Shared, Enumerable.Shuffle and OrderBy(_ => Guid.NewGuid()) draw from generators seeded by the OS. No seed can make such a run repeat. Draw from a stream derived from the master seed instead.");

        private static readonly ImmutableDictionary<string, string?> SharedProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindShared);
        private static readonly ImmutableDictionary<string, string?> ShuffleProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindShuffle);
        private static readonly ImmutableDictionary<string, string?> OrderByProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindOrderBy);

        private static readonly string[] Words = { "Shared", "Shuffle", "OrderBy", "ThenBy", "orderby" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                RandomSymbols? symbols = RandomSymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                // Every form this rule knows names itself in the source: Shared, Shuffle, OrderBy/ThenBy or a query's
                // orderby. One block action searches the text for those words and visits the operations of the
                // few blocks that hold one, instead of a callback for every call and property in the program.
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, symbols));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, RandomSymbols symbols)
        {
            foreach (IOperation operation in BlockText.OperationsWhereMentioned(context.OperationBlocks, Words, IsWord))
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation reference when symbols.Shared != null:
                        AnalyzeProperty(context, reference, symbols);
                        break;
                    case IInvocationOperation invocation:
                        AnalyzeInvocation(context, invocation, symbols);
                        break;
                }
            }
        }

        private static bool IsWord(SyntaxToken token) =>
            token.IsKind(SyntaxKind.OrderByKeyword)
            || (token.IsKind(SyntaxKind.IdentifierToken)
                && (token.ValueText == "Shared" || token.ValueText == "Shuffle" || token.ValueText == "OrderBy"
                    || token.ValueText == "OrderByDescending" || token.ValueText == "ThenBy" || token.ValueText == "ThenByDescending"));

        private static void AnalyzeProperty(OperationBlockAnalysisContext context, IPropertyReferenceOperation reference, RandomSymbols symbols)
        {
            if (!symbols.IsSharedProperty(reference.Property) || reference.Syntax.ContainsDiagnostics)
            {
                return;
            }

            // nameof(Random.Shared) draws nothing (its argument is not always part of the operation tree).
            for (SyntaxNode? node = reference.Syntax.Parent; node != null && !(node is StatementSyntax) && !(node is MemberDeclarationSyntax); node = node.Parent)
            {
                if (node is InvocationExpressionSyntax invocation && invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })
                {
                    return;
                }
            }

            // Inside OrderBy(_ => Random.Shared.Next()) the idiom is reported once, at the selector.
            if (ShuffleIdiom.FindEnclosingIdiom(reference, symbols) != null)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), SharedProperties, "'Random.Shared'"));
        }

        private static void AnalyzeInvocation(OperationBlockAnalysisContext context, IInvocationOperation invocation, RandomSymbols symbols)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "Shuffle" ? invocation.Syntax.ContainsDiagnostics : !symbols.IsOrderingOperator(method) || invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            if (method.Name == "Shuffle" && method.IsStatic
                && (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Enumerable)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Queryable)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), ShuffleProperties, "'" + method.ContainingType.Name + ".Shuffle'"));
                return;
            }

            if (symbols.IsOrderingOperator(method) && ShuffleIdiom.GetUnseedableKey(invocation, symbols) is IOperation key)
            {
                SyntaxNode selector = invocation.Arguments[1].Value.Syntax;
                context.ReportDiagnostic(Diagnostic.Create(Rule, selector.GetLocation(), OrderByProperties, "The shuffle key '" + key.Syntax + "'"));
            }
        }
    }
}
