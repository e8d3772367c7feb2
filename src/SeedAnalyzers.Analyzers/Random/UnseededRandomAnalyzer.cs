using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>SEED001: a System.Random constructed without a seed.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnseededRandomAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.UnseededRandom,
            "System.Random is constructed without a seed",
            "'{0}' seeds itself from the clock or the OS, so every run draws different numbers; take a named stream from the SeedAnalyzers runtime instead",
            DiagnosticSeverity.Warning,
            "new Random() picks a fresh seed every run, so results cannot be reproduced, compared fairly or debugged. Use Determinism.Random(\"Type.member\"): a stream derived from the master seed and a stable name.");

        /// <summary>
        /// The same rule where the numbers visibly become a secret or an identifier (<see cref="SecretUse"/>): no
        /// reproducibility fix is offered there, since a stream from a master seed that defaults to 0 would make them
        /// predictable.
        /// </summary>
        public static readonly DiagnosticDescriptor SecretRule = Rules.Create(
            RuleIdentifiers.UnseededRandom,
            "System.Random is constructed without a seed",
            "'{0}' is not a secure generator and its numbers feed what looks like a secret or an identifier ({1}); use System.Security.Cryptography.RandomNumberGenerator, not a reproducible stream",
            DiagnosticSeverity.Warning,
            "Tokens, passwords, salts, nonces, keys and public identifiers must be unpredictable: System.Random is not, and a stream from the SeedAnalyzers runtime is predictable by design (anyone who knows the seed knows every number). Use System.Security.Cryptography.RandomNumberGenerator.");

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

                start.RegisterOperationAction(operation => AnalyzeCreation(operation, symbols), OperationKind.ObjectCreation);
                if (symbols.Activator != null)
                {
                    // A callback per call whose first tests read the call's own arguments.
                    start.RegisterOperationAction(operation => AnalyzeActivator(operation, symbols), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RandomSymbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length == 0
                && creation.Constructor != null
                && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Random)
                && !creation.Syntax.ContainsDiagnostics)
            {
                Report(context, creation.Syntax);
            }
        }

        private static void AnalyzeActivator(OperationAnalysisContext context, RandomSymbols symbols)
        {
            // Activator.CreateInstance<Random>() or Activator.CreateInstance(typeof(Random)): what the operation holds (its
            // argument count and kind) is read before the method's name, a string elsewhere in memory.
            var invocation = (IInvocationOperation)context.Operation;
            ImmutableArray<IArgumentOperation> arguments = invocation.Arguments;
            if (arguments.Length > 1 || (arguments.Length == 1 && arguments[0].Value.Kind != OperationKind.TypeOf))
            {
                return;
            }

            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name != "CreateInstance"
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Activator)
                || invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            bool createsRandom =
                (method.IsGenericMethod && method.TypeArguments.Length == 1 && invocation.Arguments.Length == 0
                    && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], symbols.Random))
                || (invocation.Arguments.Length == 1
                    && invocation.Arguments[0].Value is ITypeOfOperation typeOf
                    && SymbolEqualityComparer.Default.Equals(typeOf.TypeOperand, symbols.Random));
            if (createsRandom)
            {
                Report(context, invocation.Syntax);
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode creation)
        {
            string? secret = context.Operation.SemanticModel is SemanticModel model ? SecretUse.Evidence(creation, model) : null;
            context.ReportDiagnostic(secret is null
                ? Diagnostic.Create(Rule, creation.GetLocation(), creation.ToString())
                : Diagnostic.Create(SecretRule, creation.GetLocation(), SecretUse.Mark(null), creation.ToString(), secret));
        }
    }
}
