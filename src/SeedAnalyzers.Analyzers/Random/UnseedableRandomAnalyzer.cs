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

        /// <summary>
        /// The same rule where the numbers visibly become a secret or an identifier (<see cref="SecretUse"/>): no
        /// reproducibility fix is offered there.
        /// </summary>
        public static readonly DiagnosticDescriptor SecretRule = Rules.Create(
            RuleIdentifiers.UnseedableRandom,
            "Random numbers come from a generator nobody can seed",
            "{0} is not a secure generator and its numbers feed what looks like a secret or an identifier ({1}); use System.Security.Cryptography.RandomNumberGenerator, not a reproducible stream",
            DiagnosticSeverity.Warning,
            "Tokens, passwords, salts, nonces, keys and public identifiers must be unpredictable: Random.Shared is not, and a stream from the SeedAnalyzers runtime is predictable by design (anyone who knows the seed knows every number). Use System.Security.Cryptography.RandomNumberGenerator.");

        private static readonly ImmutableDictionary<string, string?> RandomSharedProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindRandomShared);
        private static readonly ImmutableDictionary<string, string?> ShuffleProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindShuffle);
        private static readonly ImmutableDictionary<string, string?> OrderByProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindOrderBy);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, SecretRule);

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

            Report(context, reference.Syntax, reference.Syntax, RandomSharedProperties, "'Random.Shared'");
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation, RandomSymbols symbols)
        {
            // Enumerable.Shuffle and the ordering operators give an interface (IEnumerable<T>, IOrderedEnumerable<T>, their
            // IQueryable forms): the call's own type, at hand in the operation, ends most calls here before the name is read.
            if (!(invocation.Type is ITypeSymbol type) || type.TypeKind != TypeKind.Interface)
            {
                return;
            }

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
                Report(context, invocation.Syntax, invocation.Syntax, ShuffleProperties, "'" + method.ContainingType.Name + ".Shuffle'");
                return;
            }

            if (symbols.IsOrderingOperator(method) && ShuffleIdiom.GetUnseedableKey(invocation, symbols) is IOperation key)
            {
                SyntaxNode selector = invocation.Arguments[1].Value.Syntax;
                Report(context, selector, invocation.Syntax, OrderByProperties, "The shuffle key '" + key.Syntax + "'");
            }
        }

        /// <summary>Reports at <paramref name="location"/>; <paramref name="value"/> is what the numbers come out of.</summary>
        private static void Report(OperationAnalysisContext context, SyntaxNode location, SyntaxNode value, ImmutableDictionary<string, string?> properties, string what)
        {
            string? secret = context.Operation.SemanticModel is SemanticModel model ? SecretUse.Evidence(value, model) : null;
            context.ReportDiagnostic(secret is null
                ? Diagnostic.Create(Rule, location.GetLocation(), properties, what)
                : Diagnostic.Create(SecretRule, location.GetLocation(), SecretUse.Mark(properties), what, secret));
        }

        private static bool IsOrderingName(string name) =>
            name == "OrderBy" || name == "OrderByDescending" || name == "ThenBy" || name == "ThenByDescending";
    }
}
