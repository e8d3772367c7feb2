using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED003: a seed taken from a nondeterministic source (clock, process id, GUID, randomized hash codes,
    /// OS randomness) that reaches the seed of new Random(...), new DeterministicRandom(...) or
    /// Determinism.Initialize(...). The value is followed through locals, constants, arithmetic and casts
    /// within the method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class NondeterministicSeedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the seed receiver is Determinism.Initialize.</summary>
        public const string SinkProperty = "Sink";
        public const string SinkInitialize = "Initialize";
        public const string SinkGenerator = "Generator";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.NondeterministicSeed,
            "A seed comes from a nondeterministic source",
            "'{0}' differs on every run and reaches the seed of '{1}'{2}; derive the seed from the master seed instead",
            DiagnosticSeverity.Warning,
            "A seed taken from the clock, the process id, a GUID, a per-process randomized hash code or OS randomness is a different seed every run: the program is seeded, but not reproducible. Use Determinism.SeedFor(\"name\") or Determinism.DefaultSeed with the SEED environment override.");

        private const int MaxDepth = 8;

        private static readonly ImmutableDictionary<string, string?> InitializeProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkInitialize);
        private static readonly ImmutableDictionary<string, string?> GeneratorProperties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, SinkGenerator);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                KnownSymbols known = KnownSymbols.Get(start.Compilation);
                if (!(known.Random is RandomSymbols random) || !(known.SeedSources is SeedSources sources))
                {
                    return;
                }

                var options = new AnalyzerOptionsReader(start.Options);

                // One callback per sink, from the driver's own walk of the operations: a type compare for each object
                // creation, a name compare for each call (only where the runtime's Initialize exists). The trace
                // reads the sink's whole block, and the report lands inside the sink (see Walk), so it stays local to
                // the operation being analyzed and the IDE shows it live for the sink's line.
                start.RegisterOperationAction(
                    creation => AnalyzeCreation(creation, (IObjectCreationOperation)creation.Operation, random, sources, options),
                    OperationKind.ObjectCreation);
                if (random.Determinism != null)
                {
                    start.RegisterOperationAction(
                        invocation => AnalyzeInitialize(invocation, (IInvocationOperation)invocation.Operation, random, sources, options),
                        OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, IObjectCreationOperation creation, RandomSymbols random, SeedSources sources, AnalyzerOptionsReader options)
        {
            if (creation.Arguments.Length != 1 || creation.Constructor is null)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(creation.Type, random.Random))
            {
                Trace(context, creation.Arguments[0].Value, "new Random(...)", GeneratorProperties, sources, options);
            }
            else if (random.DeterministicRandom != null && SymbolEqualityComparer.Default.Equals(creation.Type, random.DeterministicRandom))
            {
                Trace(context, creation.Arguments[0].Value, "new DeterministicRandom(...)", GeneratorProperties, sources, options);
            }
        }

        private static void AnalyzeInitialize(OperationAnalysisContext context, IInvocationOperation invocation, RandomSymbols random, SeedSources sources, AnalyzerOptionsReader options)
        {
            if (invocation.TargetMethod.Name != "Initialize"
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, random.Determinism))
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "seed")
                {
                    Trace(context, argument.Value, "Determinism.Initialize(...)", InitializeProperties, sources, options);
                }
            }
        }

        private static void Trace(OperationAnalysisContext context, IOperation seed, string sink, ImmutableDictionary<string, string?> properties, SeedSources sources, AnalyzerOptionsReader options)
        {
            if (seed.Syntax.ContainsDiagnostics)
            {
                return;
            }

            new Walk(context, seed, sink, properties, sources, options.AdditionalSeedSources(seed.Syntax.SyntaxTree)).Visit(seed, ImmutableStack<string>.Empty, 0);
        }
    }
}
