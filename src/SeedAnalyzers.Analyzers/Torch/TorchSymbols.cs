using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The TorchSharp (0.10x) and SeedAnalyzers.TorchSharp symbols the TorchSharp rules need, resolved once per
    /// compilation. Null from <see cref="TryCreate"/> when TorchSharp is not referenced: the rules then stay silent.
    /// </summary>
    internal sealed class TorchSymbols
    {
        private TorchSymbols(Compilation compilation, INamedTypeSymbol torch)
        {
            Torch = torch;
            Nn = compilation.GetTypeByMetadataName("TorchSharp.torch+nn");
            Init = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+init");
            Functional = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+functional");
            Random = compilation.GetTypeByMetadataName("TorchSharp.torch+random");
            Cuda = compilation.GetTypeByMetadataName("TorchSharp.torch+cuda");
            Tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            Generator = compilation.GetTypeByMetadataName("TorchSharp.torch+Generator");
            Device = compilation.GetTypeByMetadataName("TorchSharp.torch+Device");
            DeviceType = compilation.GetTypeByMetadataName("TorchSharp.DeviceType");
            Cudnn = compilation.GetTypeByMetadataName("TorchSharp.torch+backends+cudnn");
            Matmul = compilation.GetTypeByMetadataName("TorchSharp.torch+backends+cuda+matmul");
            TorchDeterminism = compilation.GetTypeByMetadataName("SeedAnalyzers.TorchDeterminism");
            TorchDeterminismOptions = compilation.GetTypeByMetadataName("SeedAnalyzers.TorchDeterminismOptions");
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
        public static TorchSymbols? TryCreate(Compilation compilation)
        {
            INamedTypeSymbol? torch = compilation.GetTypeByMetadataName("TorchSharp.torch");
            return torch is null || SymbolEqualityComparer.Default.Equals(torch.ContainingAssembly, compilation.Assembly)
                ? null
                : new TorchSymbols(compilation, torch);
        }

        public bool IsTorchSharp(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, TorchSharpAssembly);

        /// <summary>A <c>null</c> literal, through implicit conversions (<c>generator: null</c>, <c>seed: null</c>).</summary>
        public static bool IsNullConstant(IOperation value)
        {
            while (value is IConversionOperation conversion && conversion.IsImplicit)
            {
                value = conversion.Operand;
            }

            return value.ConstantValue.HasValue && value.ConstantValue.Value is null;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        /// <summary>torch.manual_seed or torch.random.manual_seed: seeds the CPU generator only.</summary>
        public bool IsCpuManualSeed(IMethodSymbol method) =>
            method.Name == "manual_seed" && method.IsStatic && (Is(method.ContainingType, Torch) || Is(method.ContainingType, Random));

        /// <summary>torch.cuda.manual_seed_all or torch.cuda.manual_seed.</summary>
        public bool IsCudaManualSeed(IMethodSymbol method) =>
            (method.Name == "manual_seed_all" || method.Name == "manual_seed") && Is(method.ContainingType, Cuda);

        public bool IsTorchDeterminismInitialize(IMethodSymbol method) =>
            method.Name == "Initialize" && Is(method.ContainingType, TorchDeterminism);

        /// <summary>
        /// True when the operation names CUDA: <c>torch.CUDA</c>, <c>DeviceType.CUDA</c>, <c>.cuda()</c>, or a "cuda"
        /// device string handed to TorchSharp. <paramref name="what"/> is the text to show.
        /// </summary>
        public bool IsCudaUse(IOperation operation)
        {
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return field.Field.Name == "CUDA"
                        && (Is(field.Field.ContainingType, Torch) || Is(field.Field.ContainingType, DeviceType))
                        && !IsComparedAgainst(operation);
                case IPropertyReferenceOperation property:
                    return property.Property.Name == "CUDA" && Is(property.Property.ContainingType, Torch) && !IsComparedAgainst(operation);
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
