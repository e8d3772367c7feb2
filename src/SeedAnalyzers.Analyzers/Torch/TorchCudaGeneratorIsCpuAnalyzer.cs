using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>SEED023: new torch.Generator(seed, device: CUDA) silently makes a CPU generator.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TorchCudaGeneratorIsCpuAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.TorchCudaGeneratorIsCpu,
            "torch.Generator ignores its CUDA device",
            "'{0}' creates a CPU generator: TorchSharp ignores the device argument, so this generator cannot seed CUDA operations; seed CUDA with torch.cuda.manual_seed_all or TorchDeterminism.Initialize",
            DiagnosticSeverity.Info,
            "TorchSharp's Generator(seed, device) constructor always creates a CPU generator; the device is not used. Code that expects a seeded CUDA generator gets none, and CUDA random operations keep drawing from the CUDA default generators.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                TorchSymbols? symbols = KnownSymbols.Get(start.Compilation).Torch;
                if (symbols?.Generator != null)
                {
                    start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.ObjectCreation);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, TorchSymbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!creation.Type.Is(symbols.Generator) || creation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "device" && argument.ArgumentKind == ArgumentKind.Explicit && IsCudaDevice(argument.Value, symbols))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
                    return;
                }
            }
        }

        /// <summary>torch.CUDA, torch.device("cuda..."), new Device("cuda...") or new Device(DeviceType.CUDA, ...).</summary>
        private static bool IsCudaDevice(IOperation value, TorchSymbols symbols)
        {
            switch (value.Unwrap(explicitConversions: true))
            {
                case IPropertyReferenceOperation member:
                    return symbols.IsCudaUse(member);
                case IFieldReferenceOperation member:
                    return symbols.IsCudaUse(member);
                case IInvocationOperation invocation:
                    return symbols.IsTorchSharp(invocation.TargetMethod) && AnyCudaArgument(invocation.Arguments, symbols);
                case IObjectCreationOperation creation:
                    return creation.Type.Is(symbols.Device) && AnyCudaArgument(creation.Arguments, symbols);
                default:
                    return false;
            }
        }

        private static bool AnyCudaArgument(ImmutableArray<IArgumentOperation> arguments, TorchSymbols symbols)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (symbols.IsCudaUse(argument) || symbols.IsCudaUse(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
