using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED024 and SEED025: a TorchSharp DataLoader with <c>shuffle: true</c>. Without a seed it shuffles with an
    /// unseeded System.Random (SEED024, Warning); with a seed it rebuilds <c>new Random(seed)</c> at every epoch, so every
    /// epoch sees the same order (SEED025, Info).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TorchDataLoaderShuffleAnalyzer : DiagnosticAnalyzer
    {
        private const string Description =
            "TorchSharp's DataLoader(shuffle: true) draws its order from System.Random, not from torch's generator, so torch.manual_seed does not make it reproducible. "
            + "Without a seed the order changes every run; with a seed the same permutation repeats every epoch. "
            + "TorchDeterminism.Shuffler(\"name\", count) gives a different permutation each epoch, derived from the master seed, the name and the epoch, and the same sequence in every run.";

        public static readonly DiagnosticDescriptor UnseededRule = Rules.Create(
            RuleIdentifiers.TorchDataLoaderShuffle,
            "DataLoader shuffle is not reproducible",
            "'{0}' shuffles with an unseeded System.Random, so the batch order changes every run; pass TorchDeterminism.Shuffler(\"name\", count) instead",
            DiagnosticSeverity.Warning,
            Description);

        public static readonly DiagnosticDescriptor FixedSeedRule = Rules.Create(
            RuleIdentifiers.TorchDataLoaderSameOrderEveryEpoch,
            "DataLoader shuffle repeats the same order every epoch",
            "'{0}' reseeds its shuffle with the same seed at every epoch, so every epoch sees the same order; pass TorchDeterminism.Shuffler(\"name\", count) for a new order each epoch",
            DiagnosticSeverity.Info,
            Description);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(UnseededRule, FixedSeedRule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                TorchSymbols? symbols = KnownSymbols.Get(start.Compilation).Torch;
                if (symbols is null)
                {
                    return;
                }

                // Every call and creation in the program comes through here: each is rejected on one name before
                // anything else is asked of its symbol (a method's kind, for one, is computed for reduced extension
                // methods, and was a third of the rule's time on TorchSharp code).
                start.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        IMethodSymbol method = invocation.TargetMethod;
                        if (method.Name == "DataLoader")
                        {
                            Analyze(operation, symbols, method, invocation.Arguments);
                        }
                    },
                    OperationKind.Invocation);
                start.RegisterOperationAction(
                    operation =>
                    {
                        var creation = (IObjectCreationOperation)operation.Operation;
                        if (creation.Constructor != null && creation.Type != null && creation.Type.Name.EndsWith("DataLoader", System.StringComparison.Ordinal))
                        {
                            Analyze(operation, symbols, creation.Constructor, creation.Arguments);
                        }
                    },
                    OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, TorchSymbols symbols, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (!IsShufflingLoader(method, symbols) || context.Operation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            bool shuffles = false;
            bool seeded = false;
            foreach (IArgumentOperation argument in arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "shuffle":
                        shuffles = argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is bool on && on;
                        break;
                    case "seed":
                        seeded = argument.ArgumentKind == ArgumentKind.Explicit && !argument.Value.IsNullConstant();
                        break;
                }
            }

            if (shuffles)
            {
                SyntaxNode syntax = context.Operation.Syntax;
                context.ReportDiagnostic(Diagnostic.Create(seeded ? FixedSeedRule : UnseededRule, syntax.GetLocation(), TorchEntryPointAnalyzer.Display(syntax)));
            }
        }

        /// <summary>A TorchSharp DataLoader factory or constructor with the (bool shuffle, int? seed) parameters.</summary>
        internal static bool IsShufflingLoader(IMethodSymbol method, TorchSymbols symbols)
        {
            bool named = method.MethodKind == MethodKind.Constructor
                ? method.ContainingType.Name.EndsWith("DataLoader", System.StringComparison.Ordinal)
                : method.Name == "DataLoader";
            if (!named || !symbols.IsTorchSharp(method))
            {
                return false;
            }

            bool shuffle = false;
            bool seed = false;
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.Name == "shuffle" && parameter.Type.SpecialType == SpecialType.System_Boolean)
                {
                    shuffle = true;
                }
                else if (parameter.Name == "seed")
                {
                    seed = true;
                }
            }

            return shuffle && seed;
        }

    }
}
