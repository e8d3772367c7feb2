using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED004: new Random(seed). Seeded, so reproducible today, but System.Random documents that its seeded
    /// sequence may change between .NET versions.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacySeededRandomAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.LegacySeededRandom,
            "Seeded System.Random is not stable across .NET versions",
            "'{0}' is reproducible only on this .NET version: System.Random does not promise the same sequence for a seed across versions; DeterministicRandom keeps the seed and pins the algorithm",
            DiagnosticSeverity.Info,
            "System.Random(int) uses a legacy algorithm whose output for a given seed is explicitly not guaranteed across .NET implementations and versions. DeterministicRandom (Philox4x32-10, pinned by known-answer tests) takes the same seed and gives the same numbers everywhere.");

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

                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, RandomSymbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length == 1
                && creation.Constructor != null
                && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Random)
                && SymbolEqualityComparer.Default.Equals(creation.Constructor.Parameters[0].Type, symbols.Int32)
                && !creation.Syntax.ContainsDiagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
            }
        }
    }
}
