using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.Tests.MathNet
{
    /// <summary>
    /// SEED045 judges Math.NET members by their overloads; these tests walk all of MathNet.Numerics 5.0.0 and pin what
    /// that finds: samplers, distributions, generators and the builders' random matrices, nothing else.
    /// </summary>
    public class MathNetSymbolsTests
    {
        private readonly ITestOutputHelper _output;

        public MathNetSymbolsTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryMemberJudgedToDrawFromTheDefaultSourceIsASamplerOrGenerator()
        {
            MathNetSymbols symbols = await SymbolsAsync();
            var judged = new List<string>();
            foreach (INamedTypeSymbol type in Types(symbols.Assembly.GlobalNamespace))
            {
                foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public))
                {
                    if (symbols.UseOfDefaultSource(method) is DefaultSourceUse use)
                    {
                        judged.Add(type.ToDisplayString() + "." + method.Name + " " + use.Kind);
                        Assert.True(
                            method.MethodKind == MethodKind.Constructor || MathNetSymbols.MayDrawByName(method.Name),
                            $"{type}.{method.Name} draws from the default source but the analyzer's first test of a call rejects it");
                    }
                }
            }

            _output.WriteLine(string.Join("\n", judged));
            Assert.All(judged, member => Assert.Matches(
                @"^MathNet\.Numerics\.(Distributions\.\w+\.(\.ctor|Samples?\w*|With\w+|Estimate|PERT) |Combinatorics\.(Generate|Select)\w+ OptionalSource|Statistics\.Mcmc\.\w+\.\.ctor AddSource|LinearAlgebra\.((Matrix|Vector)Builder<T>|Create(Matrix|Vector))\.Random\w* AddDistribution|Generate\.\w+ Generate|Random\.SystemRandomSource\.(FastDoubles|DoubleSequence) AddSeed)",
                member));
            Assert.Contains("MathNet.Numerics.Distributions.Normal..ctor AddSource", judged);
            Assert.Contains("MathNet.Numerics.Distributions.Normal.Sample AddSource", judged);
            Assert.Contains("MathNet.Numerics.Combinatorics.GeneratePermutation OptionalSource", judged);
            Assert.Contains("MathNet.Numerics.Generate.Uniform Generate", judged);
            Assert.Contains("MathNet.Numerics.LinearAlgebra.MatrixBuilder<T>.Random AddDistribution", judged);
            Assert.Contains("MathNet.Numerics.Random.SystemRandomSource.FastDoubles AddSeed", judged);
        }

        [Fact]
        public async Task EveryGeneratorButTheCryptographicOneCanBeSeeded()
        {
            MathNetSymbols symbols = await SymbolsAsync();
            INamespaceSymbol random = symbols.RandomSource.ContainingNamespace;
            var generators = random.GetTypeMembers().Where(t => !t.IsAbstract && t.InheritsFromOrEquals(symbols.RandomSource)).ToList();
            Assert.True(generators.Count >= 10, string.Join(", ", generators));
            foreach (INamedTypeSymbol generator in generators)
            {
                foreach (IMethodSymbol constructor in generator.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public))
                {
                    int? seedIndex = symbols.UnseededGeneratorSeedIndex(constructor);
                    bool seeded = constructor.Parameters.Any(p => p.Name == "seed");
                    if (generator.Name == "CryptoRandomSource" || seeded)
                    {
                        Assert.Null(seedIndex);
                    }
                    else
                    {
                        Assert.True(seedIndex == 0, constructor.ToDisplayString() + ": the seeded overload takes the seed first");
                    }
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol root)
        {
            foreach (INamespaceOrTypeSymbol member in root.GetMembers())
            {
                IEnumerable<INamedTypeSymbol> inner = member is INamespaceSymbol ns ? Types(ns) : new[] { (INamedTypeSymbol)member };
                foreach (INamedTypeSymbol type in inner)
                {
                    if (type.DeclaredAccessibility == Accessibility.Public)
                    {
                        yield return type;
                    }
                }
            }
        }

        private static async Task<MathNetSymbols> SymbolsAsync()
        {
            var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(LibraryReferences.MathNet);
            var compilation = CSharpCompilation.Create("Probe", references: references);
            return KnownSymbols.Get(compilation).MathNet!;
        }
    }
}
