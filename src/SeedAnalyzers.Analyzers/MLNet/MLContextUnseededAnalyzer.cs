using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>SEED040: an ML.NET MLContext created without a seed (<c>new MLContext()</c>, <c>seed: null</c>).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MLContextUnseededAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.MLContextUnseeded,
            "MLContext is created without a seed",
            "'{0}' seeds ML.NET's randomness (shuffles, sampling, trainers' initial weights and example order) differently every run; pass seed: Determinism.SeedFor(\"Type.member\")",
            DiagnosticSeverity.Warning,
            "Without a seed, MLContext draws a fresh seed every run, and ShuffleRows, BootstrapSample, and every trainer's initialization and example order under it change with it. "
            + "Pass a seed derived from the master seed: new MLContext(seed: Determinism.SeedFor(\"Type.member\")).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                MLNetSymbols? symbols = KnownSymbols.Get(start.Compilation).MLNet;
                if (symbols is null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, MLNetSymbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is null
                || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.MLContext)
                || creation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "seed" && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNoSeed(argument.Value))
                {
                    return;
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
        }

        /// <summary><c>null</c>, <c>(int?)null</c> or <c>default</c>: an int? without a value.</summary>
        private static bool IsNoSeed(IOperation value)
        {
            IOperation unwrapped = value.Unwrap(explicitConversions: true);
            return unwrapped is IDefaultValueOperation || unwrapped.IsNullConstant();
        }
    }
}
