using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED046: a Math.NET Numerics generator constructed without a seed (<c>new MersenneTwister()</c>,
    /// <c>new SystemRandomSource(threadSafe: true)</c>, <c>new Xorshift()</c>, ...), which seeds itself from
    /// <c>RandomSeed.Robust()</c>: the clock and a GUID, different every run.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MathNetUnseededGeneratorAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: where the seeded constructor takes its seed (-1 when it has none).</summary>
        public const string SeedIndexProperty = "SeedIndex";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.MathNetUnseededGenerator,
            "Math.NET random generator is constructed without a seed",
            "'{0}' seeds itself from the clock and a GUID, so every run draws different numbers; seed it with Determinism.SeedFor(\"Type.member\")",
            DiagnosticSeverity.Warning,
            "Math.NET's generators (MersenneTwister, SystemRandomSource, Xorshift, Mrg32k3a, Palf, WH1982, WH2006, Mcg31m1, Mcg59, Xoshiro256StarStar) constructed without a seed use RandomSeed.Robust(), different every run. "
            + "Each has a constructor that takes an int seed: pass Determinism.SeedFor(\"Type.member\"), derived from the master seed and a stable name.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                MathNetSymbols? symbols = KnownSymbols.Get(start.Compilation).MathNet;
                if (symbols is null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, MathNetSymbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is null
                || !(symbols.UnseededGeneratorSeedIndex(creation.Constructor) is int seedIndex)
                || creation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(SeedIndexProperty, seedIndex.ToString(CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), properties, creation.Syntax.ToString()));
        }
    }
}
