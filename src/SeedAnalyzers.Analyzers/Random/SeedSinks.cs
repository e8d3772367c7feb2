using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The places a seed goes, for SEED003: <c>new Random(seed)</c>, <c>new DeterministicRandom(seed)</c>,
    /// <c>Determinism.Initialize(seed)</c>, every <c>seed</c> parameter of ML.NET (<c>new MLContext(seed:)</c>,
    /// <c>TrainTestSplit</c>, <c>CrossValidate</c>, <c>ShuffleRows</c>, ...) and of Math.NET's generators
    /// (<c>new MersenneTwister(seed)</c>, <c>SystemRandomSource.Doubles(n, seed)</c>, ...), and ML.NET's option
    /// members named <c>Seed</c> (<c>new FastTreeBinaryTrainer.Options { Seed = ... }</c>), and any other parameter named as a
    /// seed (<c>seed</c>, <c>randomSeed</c>). Resolved once per compilation: the libraries are recognized by their
    /// assemblies, so a call elsewhere costs a few comparisons.
    /// </summary>
    internal sealed class SeedSinks
    {
        /// <summary>Diagnostic property values: what the fix gives the seed.</summary>
        public const string GeneratorSink = "Generator";
        public const string InitializeSink = "Initialize";

        private readonly RandomSymbols _random;
        private readonly ImmutableArray<IAssemblySymbol> _libraries;
        private readonly Compilation _compilation;

        internal SeedSinks(KnownSymbols known, RandomSymbols random)
        {
            _random = random;
            _compilation = known.Compilation;
            ImmutableArray<IAssemblySymbol>.Builder libraries = ImmutableArray.CreateBuilder<IAssemblySymbol>();
            foreach (IAssemblySymbol assembly in known.Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (IsSeededLibrary(assembly.Name))
                {
                    libraries.Add(assembly);
                }
            }

            _libraries = libraries.ToImmutable();
        }

        /// <summary>True when ML.NET or Math.NET is referenced.</summary>
        public bool HasLibraries => !_libraries.IsEmpty;

        /// <summary>
        /// The sink that takes <paramref name="argument"/> as its seed, or null. <paramref name="display"/> names it
        /// as the message does ("new Random(...)", "TrainTestSplit(...)").
        /// </summary>
        public bool IsSeedArgument(IArgumentOperation argument, out string display, out string sink)
        {
            display = string.Empty;
            sink = GeneratorSink;
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null)
            {
                return false;
            }

            switch (argument.Parent)
            {
                case IObjectCreationOperation creation when creation.Type is ITypeSymbol created:
                    if (SymbolEqualityComparer.Default.Equals(created, _random.Random))
                    {
                        display = "new Random(...)";
                        return creation.Arguments.Length == 1;
                    }

                    if (SymbolEqualityComparer.Default.Equals(created, _random.DeterministicRandom))
                    {
                        display = "new DeterministicRandom(...)";
                        return creation.Arguments.Length == 1;
                    }

                    if (IsLibrarySeed(parameter) || IsSeedName(parameter.Name))
                    {
                        display = "new " + created.Name + "(...)";
                        return true;
                    }

                    return false;
                case IInvocationOperation invocation:
                    IMethodSymbol method = invocation.TargetMethod;
                    if (method.Name == "Initialize" && parameter.Name == "seed"
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, _random.Determinism))
                    {
                        display = "Determinism.Initialize(...)";
                        sink = InitializeSink;
                        return true;
                    }

                    if (IsLibrarySeed(parameter) || IsSeedName(parameter.Name))
                    {
                        display = method.MethodKind == MethodKind.Constructor
                            ? method.ContainingType.Name + "(" + parameter.Name + ")"
                            : method.ContainingType.Name + "." + method.Name + "(...)";
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>The name of a member an assignment may seed through (<see cref="IsSeedMember"/> decides): <c>Seed</c>, <c>...Seed</c>.</summary>
        public static bool IsSeedMemberName(string name) => name.EndsWith("Seed", StringComparison.Ordinal);

        /// <summary>
        /// A member named <c>Seed</c> (or <c>...Seed</c>) of ML.NET, Math.NET or any other library that an assignment sets
        /// (<c>options.Seed = ...</c>, <c>Generator.Seed = ...</c>); the compilation's own members are followed instead.
        /// </summary>
        public bool IsSeedMember(IOperation target, out string display)
        {
            ISymbol? member = target switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            display = string.Empty;
            if (member is null || !IsSeedMemberName(member.Name)
                || (!IsLibrary(member.ContainingAssembly) && SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, _compilation.Assembly)))
            {
                return false;
            }

            display = member.ContainingType.Name + "." + member.Name;
            return true;
        }

        /// <summary>
        /// True when a creation through <paramref name="constructor"/> with these arguments may take a seed: a System.Random
        /// or DeterministicRandom constructor, anything of ML.NET's or Math.NET's, or an argument for a parameter named as
        /// a seed.
        /// </summary>
        public bool MayTakeSeed(IMethodSymbol constructor, ImmutableArray<IArgumentOperation> arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _random.Random) || SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _random.DeterministicRandom))
            {
                return true;
            }

            return MayCallTakeSeed(constructor, arguments);
        }

        /// <summary>
        /// True when a call to <paramref name="method"/> with these arguments may take a seed: anything of ML.NET's or
        /// Math.NET's, or an argument that may be a seed (<see cref="MayBeSeedValue"/>) for a parameter named as a seed,
        /// <c>Determinism.Initialize(seed)</c> included. Nothing allocated (the arguments hold their parameters; the
        /// method's parameter list is made anew on each read). The parameter's name first: the argument's value may be any
        /// kind of operation, whose type is read through an interface that dozens of classes implement.
        /// </summary>
        public bool MayCallTakeSeed(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (HasLibraries && IsLibrary(method.ContainingAssembly))
            {
                return true;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is IParameterSymbol parameter && IsSeedName(parameter.Name) && MayBeSeedValue(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A literal, or a literal converted (<c>42</c>, <c>(uint)42</c>): its kind, not its value (reading a constant boxes it).</summary>
        private static bool IsLiteral(IOperation value) =>
            value.Kind == OperationKind.Literal || (value is IConversionOperation conversion && conversion.Operand.Kind == OperationKind.Literal);

        /// <summary>
        /// False for an argument no source can be in: a literal, or a value of a type that cannot carry a seed
        /// (<see cref="MayCarrySeed"/>: a seed is an <c>int</c>, <c>uint</c>, <c>long</c>, ..., or seed bytes or words).
        /// Read from the argument's own value, which the driver has just made.
        /// </summary>
        internal static bool MayBeSeedValue(IOperation value) => value.Type is ITypeSymbol type && MayCarrySeed(type) && !IsLiteral(value);

        /// <summary>
        /// A type a seed can have or be carried in: a value type, read through its members and conversions, other than
        /// <c>bool</c> and enums; <c>object</c>, unboxed; a type parameter; an array of integers, handed on whole to a
        /// generator seeded with several (<c>long[] seeds</c>). Not a string, class, interface or delegate: their members
        /// are not followed.
        /// </summary>
        internal static bool MayCarrySeed(ITypeSymbol type)
        {
            switch (type.TypeKind)
            {
                case TypeKind.Struct:
                    return type.SpecialType != SpecialType.System_Boolean;
                case TypeKind.TypeParameter:
                    return true;
                case TypeKind.Class:
                    return type.SpecialType == SpecialType.System_Object;
                case TypeKind.Array:
                    switch (((IArrayTypeSymbol)type).ElementType.SpecialType)
                    {
                        case SpecialType.System_Byte:
                        case SpecialType.System_SByte:
                        case SpecialType.System_Int16:
                        case SpecialType.System_UInt16:
                        case SpecialType.System_Int32:
                        case SpecialType.System_UInt32:
                        case SpecialType.System_Int64:
                        case SpecialType.System_UInt64:
                            return true;
                        default:
                            return false;
                    }

                default:
                    return false;
            }
        }

        /// <summary>
        /// A parameter, field or property named as a seed (<c>seed</c>, <c>Seed</c>, <c>randomSeed</c>, <c>RngSeed</c>): any
        /// library's, or the compilation's own custom generator (<c>public Mt19937() : this((uint)Environment.TickCount)</c>).
        /// </summary>
        public static bool IsSeedName(string name) =>
            name.Length >= 4 && IsSeedEnding(name[name.Length - 1] | 0x20, name[name.Length - 2] | 0x20)
            && (name.EndsWith("Seed", StringComparison.Ordinal) || name.EndsWith("Seeds", StringComparison.Ordinal)
            || string.Equals(name, "seed", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "seeds", StringComparison.OrdinalIgnoreCase));

        /// <summary>"...seed" ends in 'e','d'; "...seeds" in 'd','s' (either case): most names are rejected on these two.</summary>
        private static bool IsSeedEnding(int last, int beforeLast) => (last == 'd' && beforeLast == 'e') || (last == 's' && beforeLast == 'd');

        private bool IsLibrarySeed(IParameterSymbol parameter) =>
            parameter.Name == "seed" && IsLibrary(parameter.ContainingAssembly);

        private bool IsLibrary(IAssemblySymbol? assembly)
        {
            foreach (IAssemblySymbol library in _libraries)
            {
                if (SymbolEqualityComparer.Default.Equals(library, assembly))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSeededLibrary(string name) =>
            name == "MathNet.Numerics"
            || name == "Microsoft.ML"
            || (name.StartsWith("Microsoft.ML.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
    }
}
