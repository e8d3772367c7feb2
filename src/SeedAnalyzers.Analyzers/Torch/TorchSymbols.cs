using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The TorchSharp (0.10x) and SeedAnalyzers.TorchSharp symbols the TorchSharp rules need: a view of
    /// <see cref="KnownSymbols"/>, null there when TorchSharp is not referenced (the rules then stay silent).
    /// </summary>
    internal sealed class TorchSymbols
    {
        private TorchSymbols(KnownSymbols known, INamedTypeSymbol torch)
        {
            Torch = torch;
            Nn = known.Type("TorchSharp.torch+nn");
            Init = known.Type("TorchSharp.torch+nn+init");
            Functional = known.Type("TorchSharp.torch+nn+functional");
            Random = known.Type("TorchSharp.torch+random");
            Cuda = known.Type("TorchSharp.torch+cuda");
            Tensor = known.Type("TorchSharp.torch+Tensor");
            Generator = known.Type("TorchSharp.torch+Generator");
            Device = known.Type("TorchSharp.torch+Device");
            DeviceType = known.Type("TorchSharp.DeviceType");
            Cudnn = known.Type("TorchSharp.torch+backends+cudnn");
            Matmul = known.Type("TorchSharp.torch+backends+cuda+matmul");
            TorchDeterminism = known.Type("SeedAnalyzers.TorchDeterminism");
            TorchDeterminismOptions = known.Type("SeedAnalyzers.TorchDeterminismOptions");
            TorchSharpAssembly = torch.ContainingAssembly;
        }

        public INamedTypeSymbol Torch { get; }

        public IAssemblySymbol TorchSharpAssembly { get; }

        public INamedTypeSymbol? Nn { get; }

        public INamedTypeSymbol? Init { get; }

        public INamedTypeSymbol? Functional { get; }

        public INamedTypeSymbol? Random { get; }

        public INamedTypeSymbol? Cuda { get; }

        public INamedTypeSymbol? Tensor { get; }

        public INamedTypeSymbol? Generator { get; }

        public INamedTypeSymbol? Device { get; }

        public INamedTypeSymbol? DeviceType { get; }

        public INamedTypeSymbol? Cudnn { get; }

        public INamedTypeSymbol? Matmul { get; }

        /// <summary>SeedAnalyzers.TorchDeterminism, when the project references SeedAnalyzers.TorchSharp.</summary>
        public INamedTypeSymbol? TorchDeterminism { get; }

        public INamedTypeSymbol? TorchDeterminismOptions { get; }

        /// <summary>
        /// Null when TorchSharp is not referenced, and when the compilation is TorchSharp itself: its own sources are
        /// the implementation (<c>public static long seed() => torch.random.seed();</c>), not a use (precision review).
        /// </summary>
        internal static TorchSymbols? TryCreate(KnownSymbols known)
        {
            INamedTypeSymbol? torch = known.Type("TorchSharp.torch");
            return torch is null || SymbolEqualityComparer.Default.Equals(torch.ContainingAssembly, known.Compilation.Assembly)
                ? null
                : new TorchSymbols(known, torch);
        }

        public bool IsTorchSharp(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, TorchSharpAssembly);

        /// <summary>torch.manual_seed or torch.random.manual_seed: seeds the CPU generator only.</summary>
        public bool IsCpuManualSeed(IMethodSymbol method) =>
            method.Name == "manual_seed" && method.IsStatic && (method.ContainingType.Is(Torch) || method.ContainingType.Is(Random));

        /// <summary>torch.cuda.manual_seed_all or torch.cuda.manual_seed.</summary>
        public bool IsCudaManualSeed(IMethodSymbol method) =>
            (method.Name == "manual_seed_all" || method.Name == "manual_seed") && method.ContainingType.Is(Cuda);

        /// <summary>
        /// A call that initializes CUDA: any of <c>torch.cuda</c>'s (<c>is_available()</c>, <c>device_count()</c>,
        /// <c>synchronize()</c>, ...) but its seeding ones, and <c>tensor.cuda()</c>. Before TorchDeterminism.Initialize it
        /// makes Initialize throw on a GPU host: cuBLAS has already read its workspace setting.
        /// </summary>
        public bool TouchesCuda(IMethodSymbol method) =>
            (method.ContainingType.Is(Cuda) && method.Name != "manual_seed" && method.Name != "manual_seed_all")
            || (method.Name == "cuda" && !method.IsStatic && IsTorchSharp(method));

        public bool IsTorchDeterminismInitialize(IMethodSymbol method) =>
            method.Name == "Initialize" && method.ContainingType.Is(TorchDeterminism);

        /// <summary>
        /// True when the operation names CUDA: <c>torch.CUDA</c>, <c>DeviceType.CUDA</c>, <c>.cuda()</c>, or a "cuda"
        /// device string handed to TorchSharp.
        /// </summary>
        public bool IsCudaUse(IOperation operation)
        {
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return field.Field.Name == "CUDA"
                        && (field.Field.ContainingType.Is(Torch) || field.Field.ContainingType.Is(DeviceType))
                        && !IsComparedAgainst(operation);
                case IPropertyReferenceOperation property:
                    return property.Property.Name == "CUDA" && property.Property.ContainingType.Is(Torch) && !IsComparedAgainst(operation);
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name == "cuda" && !invocation.TargetMethod.IsStatic && IsTorchSharp(invocation.TargetMethod);
                case IArgumentOperation argument:
                    return argument.Value is ILiteralOperation literal
                        && literal.ConstantValue.HasValue
                        && literal.ConstantValue.Value is string text
                        && IsCudaDeviceString(text)
                        && argument.Parameter != null
                        && IsTorchSharp(argument.Parameter);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>device.type == DeviceType.CUDA</c>, <c>is DeviceType.CUDA</c>, <c>case DeviceType.CUDA:</c>: a check of
        /// which device is in use, not a use of CUDA (the device itself is reported where it is chosen).
        /// </summary>
        private static bool IsComparedAgainst(IOperation operation)
        {
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation || parent is IArgumentOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IBinaryOperation binary:
                    return binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals;
                case IConstantPatternOperation _:
                case ISingleValueCaseClauseOperation _:
                    return true;
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name == "Equals";
                default:
                    return false;
            }
        }

        private static bool IsCudaDeviceString(string text) =>
            text.StartsWith("cuda", System.StringComparison.OrdinalIgnoreCase)
            && (text.Length == 4 || text[4] == ':');
    }
}
