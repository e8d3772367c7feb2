using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The Math.NET Numerics (5.x) symbols the Math.NET rules need, and which of its members draw from its shared default
    /// source (<c>SystemRandomSource.Default</c>): a view of <see cref="KnownSymbols"/>, null there when MathNet.Numerics is
    /// not referenced (the rules then stay silent).
    /// </summary>
    /// <remarks>
    /// Math.NET gives every member that draws from the default source an overload that takes the source
    /// (<c>Normal(mean, sd)</c> and <c>Normal(mean, sd, randomSource)</c>, <c>Normal.Sample(mean, sd)</c> and
    /// <c>Normal.Sample(rnd, mean, sd)</c>, <c>GeneratePermutation(n, randomSource = null)</c>), so a member is judged by
    /// its overloads rather than by a list that would age with the library. <c>Generate</c>'s uniform and normal helpers,
    /// whose counterparts take a distribution under another name, are the one list.
    /// </remarks>
    internal sealed class MathNetSymbols
    {
        private static readonly ImmutableHashSet<string> s_generateMethods = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "Uniform", "UniformSequence", "UniformMap", "UniformMapSequence", "UniformMap2", "UniformMap2Sequence",
            "Standard", "StandardSequence", "Normal", "NormalSequence");

        private static readonly HashSet<string> s_drawingMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Sample", "Samples", "SampleWithCumulativeDistribution", "SamplesWithCumulativeDistribution",
            "WithMeanPrecision", "WithMeanScale", "WithMeanStdDev", "WithMeanVariance", "WithMuSigma", "WithShapeRate", "WithShapeScale",
            "Estimate", "PERT",
            "GenerateCombination", "GenerateCombinationWithRepetition", "GeneratePermutation", "GenerateVariation", "GenerateVariationWithRepetition",
            "SelectCombination", "SelectCombinationWithRepetition", "SelectPermutation", "SelectPermutationInplace", "SelectVariation", "SelectVariationWithRepetition",
            "Uniform", "UniformSequence", "UniformMap", "UniformMapSequence", "UniformMap2", "UniformMap2Sequence",
            "Standard", "StandardSequence", "Normal", "NormalSequence",
            "Random", "RandomPositiveDefinite", "FastDoubles", "DoubleSequence",
        };

        private readonly ConcurrentDictionary<IMethodSymbol, DefaultSourceUse?> _uses =
            new ConcurrentDictionary<IMethodSymbol, DefaultSourceUse?>(SymbolEqualityComparer.Default);

        private MathNetSymbols(KnownSymbols known, INamedTypeSymbol randomSource, INamedTypeSymbol random)
        {
            RandomSource = randomSource;
            Assembly = randomSource.ContainingAssembly;
            Random = random;
            CryptoRandomSource = known.Type("MathNet.Numerics.Random.CryptoRandomSource");
            SystemRandomSource = known.Type("MathNet.Numerics.Random.SystemRandomSource");
            ContinuousDistribution = known.Type("MathNet.Numerics.Distributions.IContinuousDistribution");
            Normal = known.Type("MathNet.Numerics.Distributions.Normal");
            ContinuousUniform = known.Type("MathNet.Numerics.Distributions.ContinuousUniform");
            Generate = known.Type("MathNet.Numerics.Generate");
        }

        public IAssemblySymbol Assembly { get; }

        /// <summary>MathNet.Numerics.Random.RandomSource, the base of its generators.</summary>
        public INamedTypeSymbol RandomSource { get; }

        public INamedTypeSymbol Random { get; }

        public INamedTypeSymbol? CryptoRandomSource { get; }

        public INamedTypeSymbol? SystemRandomSource { get; }

        public INamedTypeSymbol? ContinuousDistribution { get; }

        public INamedTypeSymbol? Normal { get; }

        public INamedTypeSymbol? ContinuousUniform { get; }

        public INamedTypeSymbol? Generate { get; }

        /// <summary>Null when Math.NET is not referenced, and when the compilation is Math.NET itself.</summary>
        internal static MathNetSymbols? TryCreate(KnownSymbols known)
        {
            INamedTypeSymbol? randomSource = known.Type("MathNet.Numerics.Random.RandomSource");
            INamedTypeSymbol? random = known.Type("System.Random");
            return randomSource is null || random is null || SymbolEqualityComparer.Default.Equals(randomSource.ContainingAssembly, known.Compilation.Assembly)
                ? null
                : new MathNetSymbols(known, randomSource, random);
        }

        /// <summary>A Math.NET distribution: a type with a RandomSource property (every IDistribution).</summary>
        public static bool IsDistribution(ITypeSymbol type)
        {
            foreach (ISymbol member in type.GetMembers("RandomSource"))
            {
                if (member is IPropertySymbol)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A first, cheap test of a called method's name, so that the calls of a program (nearly none of them Math.NET's
        /// samplers) are rejected on one character or one set lookup before their symbol is asked anything: the names of
        /// every member <see cref="UseOfDefaultSource"/> judges but constructors (MathNetSymbolsTests walks Math.NET to
        /// check it misses none). Exact names, not prefixes: LINQ's Select and a builder's WithName pass no further.
        /// </summary>
        public static bool MayDrawByName(string name)
        {
            if (name.Length < 4)
            {
                return false;
            }

            // Three letters reject nearly every other call (Get..., Set..., Select, Where, Equals) before a lookup.
            string prefix;
            switch (name[0])
            {
                case 'S':
                    prefix = name[1] == 'a' ? "Sam" : name[1] == 'e' ? "Sel" : "Sta";
                    break;
                case 'W':
                    prefix = "Wit";
                    break;
                case 'G':
                    prefix = "Gen";
                    break;
                case 'R':
                    prefix = "Ran";
                    break;
                case 'U':
                    prefix = "Uni";
                    break;
                case 'N':
                    prefix = "Nor";
                    break;
                case 'E':
                    prefix = "Est";
                    break;
                case 'F':
                    prefix = "Fas";
                    break;
                case 'D':
                    prefix = "Dou";
                    break;
                case 'P':
                    prefix = "PER";
                    break;
                default:
                    return false;
            }

            return name[1] == prefix[1] && name[2] == prefix[2] && s_drawingMethods.Contains(name);
        }

        public bool IsMathNet(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Assembly);

        /// <summary>A Math.NET generator that can be seeded (every RandomSource but CryptoRandomSource).</summary>
        public bool IsSeedableGenerator(ITypeSymbol? type) =>
            type != null && IsMathNet(type) && type.InheritsFromOrEquals(RandomSource) && !type.InheritsFromOrEquals(CryptoRandomSource);

        /// <summary>
        /// How <paramref name="method"/>, a Math.NET member, draws from the default source when it is given none; null when
        /// it does not (it takes a source, a seed or a distribution, or draws nothing). Generator constructors are SEED046's.
        /// </summary>
        public DefaultSourceUse? UseOfDefaultSource(IMethodSymbol method) => _uses.GetOrAdd(method.OriginalDefinition, Classify);

        /// <summary>
        /// For a generator constructor without a seed (<c>new MersenneTwister()</c>, <c>new Xorshift(threadSafe)</c>), where
        /// the overload that also takes <c>int seed</c> has it (-1 when there is none); null for any other constructor.
        /// </summary>
        public int? UnseededGeneratorSeedIndex(IMethodSymbol constructor)
        {
            if (!IsSeedableGenerator(constructor.ContainingType))
            {
                return null;
            }

            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                if (parameter.Name == "seed")
                {
                    return null;
                }
            }

            return Overload(constructor, constructor.Name, IsSeed, out int index) != null ? index : -1;
        }

        private DefaultSourceUse? Classify(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.Constructor && method.ContainingType.InheritsFromOrEquals(RandomSource))
            {
                return null;
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.IsOptional && SymbolEqualityComparer.Default.Equals(parameter.Type, Random))
                {
                    return new DefaultSourceUse(DefaultSourceKind.OptionalSource, parameter.Ordinal, parameter.Name);
                }
            }

            if (method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, Generate) && s_generateMethods.Contains(method.Name))
            {
                return new DefaultSourceUse(DefaultSourceKind.Generate);
            }

            if (Overload(method, method.Name, IsRandom, out int index) is IParameterSymbol source)
            {
                return new DefaultSourceUse(DefaultSourceKind.AddSource, index, source.Name);
            }

            if (Overload(method, method.Name, IsDistribution, out index) is IParameterSymbol distribution)
            {
                return new DefaultSourceUse(DefaultSourceKind.AddDistribution, index, distribution.Name);
            }

            // SystemRandomSource.FastDoubles(length) draws from the default source; Doubles(length, seed) from a seeded one.
            string seeded = method.Name == "FastDoubles" && SymbolEqualityComparer.Default.Equals(method.ContainingType, SystemRandomSource) ? "Doubles" : method.Name;
            if (method.IsStatic && method.ContainingType.InheritsFromOrEquals(RandomSource) && !method.ContainingType.InheritsFromOrEquals(CryptoRandomSource)
                && Overload(method, seeded, IsSeed, out index) is IParameterSymbol seed)
            {
                return new DefaultSourceUse(DefaultSourceKind.AddSeed, index, seed.Name, seeded);
            }

            return null;
        }

        private bool IsRandom(IParameterSymbol parameter) => SymbolEqualityComparer.Default.Equals(parameter.Type, Random);

        private bool IsDistribution(IParameterSymbol parameter) => SymbolEqualityComparer.Default.Equals(parameter.Type, ContinuousDistribution);

        private static bool IsSeed(IParameterSymbol parameter) => parameter.Name == "seed" && parameter.Type.SpecialType == SpecialType.System_Int32;

        /// <summary>
        /// The extra parameter of the overload named <paramref name="name"/> in the method's type that takes the method's
        /// parameters plus one that <paramref name="extra"/> accepts, and where it is; null when there is no such overload.
        /// </summary>
        private static IParameterSymbol? Overload(IMethodSymbol method, string name, System.Func<IParameterSymbol, bool> extra, out int index)
        {
            index = -1;
            ImmutableArray<IParameterSymbol> parameters = method.Parameters;
            foreach (ISymbol member in method.ContainingType.GetMembers(name))
            {
                if (!(member is IMethodSymbol candidate) || candidate.IsStatic != method.IsStatic
                    || candidate.MethodKind != method.MethodKind || candidate.Parameters.Length != parameters.Length + 1
                    || candidate.TypeParameters.Length != method.TypeParameters.Length)
                {
                    continue;
                }

                for (int k = 0; k < candidate.Parameters.Length; k++)
                {
                    if (extra(candidate.Parameters[k]) && SameParametersWithout(candidate.Parameters, k, parameters))
                    {
                        index = k;
                        return candidate.Parameters[k];
                    }
                }
            }

            return null;
        }

        private static bool SameParametersWithout(ImmutableArray<IParameterSymbol> candidate, int skipped, ImmutableArray<IParameterSymbol> parameters)
        {
            for (int i = 0, j = 0; i < candidate.Length; i++)
            {
                if (i == skipped)
                {
                    continue;
                }

                if (!SameType(candidate[i].Type, parameters[j].Type) || candidate[i].RefKind != parameters[j].RefKind)
                {
                    return false;
                }

                j++;
            }

            return true;
        }

        /// <summary>Type equality across two overloads, where each method's own type parameters count as equal by position.</summary>
        private static bool SameType(ITypeSymbol left, ITypeSymbol right)
        {
            if (SymbolEqualityComparer.Default.Equals(left, right))
            {
                return true;
            }

            switch (left)
            {
                case ITypeParameterSymbol leftParameter when right is ITypeParameterSymbol rightParameter:
                    return leftParameter.TypeParameterKind == rightParameter.TypeParameterKind && leftParameter.Ordinal == rightParameter.Ordinal;
                case IArrayTypeSymbol leftArray when right is IArrayTypeSymbol rightArray:
                    return leftArray.Rank == rightArray.Rank && SameType(leftArray.ElementType, rightArray.ElementType);
                case INamedTypeSymbol leftNamed when right is INamedTypeSymbol rightNamed && leftNamed.IsGenericType:
                    if (!SymbolEqualityComparer.Default.Equals(leftNamed.OriginalDefinition, rightNamed.OriginalDefinition))
                    {
                        return false;
                    }

                    for (int i = 0; i < leftNamed.TypeArguments.Length; i++)
                    {
                        if (!SameType(leftNamed.TypeArguments[i], rightNamed.TypeArguments[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }
}
