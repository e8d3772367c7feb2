using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED004: new Random(seed). Seeded, so reproducible today, but System.Random documents that its seeded
    /// sequence may change between .NET versions. Not when the seed is computed in place from a clock, GUID, hash code
    /// or OS randomness (<c>new Random(Environment.TickCount)</c>): that is reproducible on no version, SEED003 reports
    /// it, and this rule's message would be false.
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
                KnownSymbols known = KnownSymbols.Get(start.Compilation);
                if (!(known.Random is RandomSymbols symbols) || !(known.SeedSources is SeedSources sources))
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, symbols, sources), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, RandomSymbols symbols, SeedSources sources)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length == 1
                && creation.Constructor != null
                && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Random)
                && SymbolEqualityComparer.Default.Equals(creation.Constructor.Parameters[0].Type, symbols.Int32)
                && !creation.Syntax.ContainsDiagnostics
                && !(SeedSources.MayHoldSource(creation.Arguments[0].Syntax, ImmutableHashSet<string>.Empty) && HoldsSource(creation.Arguments[0].Value, sources)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
            }
        }

        /// <summary>
        /// The seed expression itself, through casts and arithmetic, holds a source (<c>(int)(DateTime.Now.Ticks * 100)</c>).
        /// Only the expression: a seed that travels through locals, fields or calls is SEED003's to trace, and tracing it
        /// here would repeat that walk for every seeded creation.
        /// </summary>
        private static bool HoldsSource(IOperation seed, SeedSources sources)
        {
            switch (seed)
            {
                case IConversionOperation conversion:
                    return HoldsSource(conversion.Operand, sources);
                case IParenthesizedOperation parenthesized:
                    return HoldsSource(parenthesized.Operand, sources);
                case IUnaryOperation unary:
                    return HoldsSource(unary.Operand, sources);
                case IBinaryOperation binary:
                    return HoldsSource(binary.LeftOperand, sources) || HoldsSource(binary.RightOperand, sources);
                default:
                    return sources.IsSourceChain(seed, ImmutableHashSet<string>.Empty);
            }
        }
    }
}
