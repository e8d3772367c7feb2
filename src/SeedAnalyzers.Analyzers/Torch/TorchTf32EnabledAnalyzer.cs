using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED030: TF32 or reduced-precision reductions switched on (torch.backends.cudnn.allow_tf32,
    /// torch.backends.cuda.matmul.allow_tf32, allow_fp16_reduced_precision_reduction set to true).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TorchTf32EnabledAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.TorchTf32Enabled,
            "TF32 or reduced-precision reductions are switched on",
            "'{0}' lets CUDA kernels compute in reduced precision, so results depend on the GPU model and differ from CPU and FP32 runs; set it to false",
            DiagnosticSeverity.Warning,
            "TF32 (cuDNN convolutions, cuBLAS matrix products) and FP16 reduced-precision reductions trade precision for speed, and results then differ between GPU generations and from full-precision runs. TorchDeterminism.Initialize turns TF32 off; relax it through TorchDeterminismOptions.AllowTF32 with a RelaxationReason when speed matters more.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                TorchSymbols? symbols = KnownSymbols.Get(start.Compilation).Torch;
                if (symbols != null && (symbols.Cudnn != null || symbols.Matmul != null))
                {
                    start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.SimpleAssignment);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, TorchSymbols symbols)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation target
                && IsReducedPrecisionSwitch(target.Property, symbols)
                && assignment.Value.ConstantValue.HasValue
                && assignment.Value.ConstantValue.Value is bool on
                && on
                && !assignment.Syntax.ContainsDiagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), assignment.Syntax.ToString()));
            }
        }

        internal static bool IsReducedPrecisionSwitch(IPropertySymbol property, TorchSymbols symbols)
        {
            switch (property.Name)
            {
                case "allow_tf32":
                    return property.ContainingType.Is(symbols.Cudnn) || property.ContainingType.Is(symbols.Matmul);
                case "allow_fp16_reduced_precision_reduction":
                case "allow_bf16_reduced_precision_reduction":
                    return property.ContainingType.Is(symbols.Matmul);
                default:
                    return false;
            }
        }
    }
}
