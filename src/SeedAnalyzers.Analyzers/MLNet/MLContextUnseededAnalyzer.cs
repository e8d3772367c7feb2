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

            if (!(creation.Parent is IVariableInitializerOperation initializer
                && initializer.Parent is IVariableDeclaratorOperation declarator
                && OnlyLoadsAndPredicts(declarator.Symbol, declarator)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
            }
        }

        /// <summary>
        /// True when every use of the local <paramref name="local"/> in its member (if any) loads, saves or predicts with a
        /// model, or loads data (<c>context.Model.Load</c>, <c>context.Model.CreatePredictionEngine</c>,
        /// <c>context.Data.LoadFromTextFile</c>, ...): none of these draws from the context's randomness (measured: the
        /// predictions of a loaded model do not depend on the context's seed), so an inference-only context is not reported.
        /// Any other use, including handing the context to a method, keeps the report.
        /// </summary>
        private static bool OnlyLoadsAndPredicts(ILocalSymbol local, IOperation declarator)
        {
            foreach (ILocalReferenceOperation reference in LocalUses.Of(local, declarator))
            {
                if (!(reference.Parent is IPropertyReferenceOperation catalog)
                    || !(CallOn(catalog) is IInvocationOperation call)
                    || !IsInferenceCall(catalog.Property.Name, call.TargetMethod.Name))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The call made on <paramref name="catalog"/>: an instance method of it, or an extension method for it.</summary>
        private static IInvocationOperation? CallOn(IOperation catalog) => catalog.Parent switch
        {
            IInvocationOperation call when call.Instance == catalog => call,
            IArgumentOperation argument when argument.Parameter?.Ordinal == 0 && argument.Parent is IInvocationOperation call && call.TargetMethod.IsExtensionMethod => call,
            _ => null,
        };

        private static bool IsInferenceCall(string catalog, string method)
        {
            switch (catalog)
            {
                case "Model":
                    return method == "Load" || method == "LoadWithDataLoader" || method == "Save" || method == "CreatePredictionEngine";
                case "Data":
                    return method.StartsWith("LoadFrom", System.StringComparison.Ordinal) || method == "CreateTextLoader" || method == "CreateEnumerable";
                default:
                    return false;
            }
        }

        /// <summary><c>null</c>, <c>(int?)null</c> or <c>default</c>: an int? without a value.</summary>
        private static bool IsNoSeed(IOperation value)
        {
            IOperation unwrapped = value.Unwrap(explicitConversions: true);
            return unwrapped is IDefaultValueOperation || unwrapped.IsNullConstant();
        }
    }
}
