using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
    public sealed class UnseedableRandomAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property telling the fixer which form was found.</summary>
        public const string KindProperty = "Kind";
        public const string KindRandomShared = "Shared";
        public const string KindShuffle = "Shuffle";
        public const string KindOrderBy = "OrderBy";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.UnseedableRandom,
            "Random numbers come from a generator nobody can seed",
            "{0} draws from a process-wide generator that cannot be seeded, so every run differs; use a stream from the SeedAnalyzers runtime",
            DiagnosticSeverity.Warning,
            "Random.Shared, Enumerable.Shuffle and OrderBy(_ => Guid.NewGuid()) draw from generators seeded by the OS. No seed can make such a run repeat. Draw from a stream derived from the master seed instead.");

        private static readonly ImmutableDictionary<string, string?> RandomSharedProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindRandomShared);
        private static readonly ImmutableDictionary<string, string?> ShuffleProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindShuffle);
        private static readonly ImmutableDictionary<string, string?> OrderByProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindOrderBy);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                RandomSymbols? symbols = KnownSymbols.Get(start.Compilation).Random;
                if (symbols is null)
                {
                    return;
                }

                // Callbacks from the driver's own walk of the operations, each comparing the symbol's name (which the
                // operation already holds) before any other work: cheaper than searching the text or the syntax, which
                // are cold in memory by now (docs/performance.md).
                if (symbols.RandomShared != null)
                {
                    start.RegisterOperationAction(
                        reference => AnalyzeProperty(reference, (IPropertyReferenceOperation)reference.Operation, symbols),
                        OperationKind.PropertyReference);
                }

                start.RegisterOperationAction(
                    invocation => AnalyzeInvocation(invocation, (IInvocationOperation)invocation.Operation, symbols),
                    OperationKind.Invocation);
            });
        }

        private static void AnalyzeProperty(OperationAnalysisContext context, IPropertyReferenceOperation reference, RandomSymbols symbols)
        {
            if (!symbols.IsRandomShared(reference.Property) || reference.Syntax.ContainsDiagnostics)
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

            context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), RandomSharedProperties, "'Random.Shared'"));
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation, RandomSymbols symbols)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name != "Shuffle" && !IsOrderingName(method.Name))
            {
                return;
            }

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

        private static bool IsOrderingName(string name) =>
            name == "OrderBy" || name == "OrderByDescending" || name == "ThenBy" || name == "ThenByDescending";
    }
}
