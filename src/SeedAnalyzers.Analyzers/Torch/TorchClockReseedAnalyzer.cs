using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>SEED021: torch.seed(), torch.random.seed() or Generator.seed() reseed a generator from the clock.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TorchClockReseedAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.TorchClockReseed,
            "A torch generator is reseeded from the clock",
            "'{0}' reseeds the generator with a nondeterministic seed, undoing any manual_seed; reseed from the master seed with TorchDeterminism.Reseed",
            DiagnosticSeverity.Warning,
            "torch.seed(), torch.random.seed() and Generator.seed() draw a fresh seed from a nondeterministic source and return it. Everything drawn afterwards differs from run to run, even when the program seeded torch at start. TorchDeterminism.Reseed(\"name\") reseeds from the master seed and a stable name, and returns the seed like torch.seed() does.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                TorchSymbols? symbols = KnownSymbols.Get(start.Compilation).Torch;
                if (symbols != null)
                {
                    start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Invocation);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, TorchSymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "seed"
                && method.Parameters.IsEmpty
                && IsClockReseed(method, symbols)
                && !invocation.Syntax.ContainsDiagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.Syntax.ToString()));
            }
        }

        internal static bool IsClockReseed(IMethodSymbol method, TorchSymbols symbols) =>
            method.IsStatic
                ? method.ContainingType.Is(symbols.Torch) || method.ContainingType.Is(symbols.Random)
                : method.ContainingType.Is(symbols.Generator);
    }
}
