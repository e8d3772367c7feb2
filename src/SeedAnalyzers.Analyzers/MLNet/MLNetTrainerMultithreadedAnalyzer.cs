using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED041 and SEED042: an ML.NET trainer whose result depends on its threads even under a seeded MLContext. SDCA and
    /// SGD update one model from several threads at once, so every run trains a different model (SEED041); L-BFGS and
    /// KMeans repeat on one machine but split their work by the processor count when NumberOfThreads is not set, so
    /// another machine trains a different model (SEED042). Both are Info: one thread costs training time.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MLNetTrainerMultithreadedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property naming where the fix writes NumberOfThreads: <see cref="OptionsCreation"/> or <see cref="SimpleOverload"/>.</summary>
        public const string FormProperty = "Form";

        /// <summary>The options object is created here; the diagnostic's additional location is its creation.</summary>
        public const string OptionsCreation = "OptionsCreation";

        /// <summary>The overload without an options object: the fix moves the arguments into one.</summary>
        public const string SimpleOverload = "SimpleOverload";

        public static readonly DiagnosticDescriptor RacingRule = Rules.Create(
            RuleIdentifiers.MLNetTrainerMultithreaded,
            "ML.NET trainer updates its model from several threads",
            "'{0}' trains on several threads that update one model at once, so every run trains a different model even with a seeded MLContext; set NumberOfThreads = 1",
            DiagnosticSeverity.Info,
            "SDCA and SGD trainers (SdcaLogisticRegression, SdcaNonCalibrated, Sdca, SdcaMaximumEntropy, SgdCalibrated, SgdNonCalibrated) train on several threads when NumberOfThreads is unset (on machines with 4 or more processors) or above 1, "
            + "and their updates race: two runs in two processes give different predictions. NumberOfThreads = 1 makes them repeat bit for bit, at the cost of single-threaded training.");

        public static readonly DiagnosticDescriptor ProcessorCountRule = Rules.Create(
            RuleIdentifiers.MLNetTrainerFollowsProcessorCount,
            "ML.NET trainer's result follows the machine's processor count",
            "'{0}' splits its work by the machine's processor count, so a machine with another count trains a different model; set NumberOfThreads",
            DiagnosticSeverity.Info,
            "L-BFGS trainers (LbfgsLogisticRegression, LbfgsMaximumEntropy, LbfgsPoissonRegression) with NumberOfThreads unset, and KMeans with NumberOfThreads unset or above 1, "
            + "repeat on one machine but give different predictions on machines with different processor counts. A fixed NumberOfThreads (1 for KMeans) makes the result the same everywhere.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(RacingRule, ProcessorCountRule);

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

                start.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        if (MLNetSymbols.IsTrainerMethodName(invocation.TargetMethod.Name))
                        {
                            Analyze(operation, symbols, invocation);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, MLNetSymbols symbols, IInvocationOperation invocation)
        {
            if (!symbols.TryGetThreading(invocation.TargetMethod, out TrainerThreading threading) || invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            IOperation? creation = null;
            int? threads = null;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is null || MLNetSymbols.NumberOfThreadsMember(argument.Parameter.Type) is null)
                {
                    continue;
                }

                creation = TrainerOptions.Creation(argument.Value, invocation);
                if (creation is null || !TrainerOptions.TryGetThreads(creation, invocation, out threads))
                {
                    // Options built elsewhere (a parameter, a field, a factory) or threads set from a variable: not judged.
                    return;
                }
            }

            bool reported = threading == TrainerThreading.DefaultFollowsProcessorCount ? threads is null : threads is null || threads > 1;
            if (!reported)
            {
                return;
            }

            DiagnosticDescriptor rule = threading == TrainerThreading.Races ? RacingRule : ProcessorCountRule;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(FormProperty, creation is null ? SimpleOverload : OptionsCreation);
            Location[] additional = creation is null ? System.Array.Empty<Location>() : new[] { creation.Syntax.GetLocation() };
            context.ReportDiagnostic(Diagnostic.Create(rule, invocation.Syntax.GetLocation(), additional, properties, invocation.TargetMethod.Name));
        }
    }
}
