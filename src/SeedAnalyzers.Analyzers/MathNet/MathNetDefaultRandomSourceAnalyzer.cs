using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED045: a Math.NET Numerics distribution, sampler or generator helper that draws from Math.NET's shared default
    /// source (<c>new Normal(mean, sd)</c>, <c>Normal.Sample(mean, sd)</c>, <c>Combinatorics.GeneratePermutation(n)</c>,
    /// <c>Generate.Uniform(n)</c>, <c>Matrix&lt;double&gt;.Build.Random(r, c)</c>, <c>SystemRandomSource.Default</c>),
    /// which is seeded from the clock and the OS on every run.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MathNetDefaultRandomSourceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic properties for the fix: the <see cref="DefaultSourceKind"/> and where the source goes.</summary>
        public const string KindProperty = "Kind";

        public const string IndexProperty = "Index";

        public const string ParameterProperty = "Parameter";

        public const string MethodProperty = "Method";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.MathNetDefaultRandomSource,
            "Math.NET draws from its shared default random source",
            "'{0}' draws from Math.NET's default random source, which is seeded differently every run; pass a stream from the SeedAnalyzers runtime as its random source",
            DiagnosticSeverity.Warning,
            "Math.NET Numerics distributions, samplers and generators given no random source use SystemRandomSource.Default, seeded from the clock and the OS, so every run draws different numbers. "
            + "Every such member has an overload that takes a System.Random: pass Determinism.Random(\"Type.member\") (a stream derived from the master seed and a stable name) or Determinism.Shared(\"Type\").");

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

                start.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        Analyze(operation, symbols, invocation.TargetMethod, invocation.Arguments);
                    },
                    OperationKind.Invocation);
                start.RegisterOperationAction(
                    operation =>
                    {
                        var creation = (IObjectCreationOperation)operation.Operation;
                        if (creation.Constructor != null)
                        {
                            Analyze(operation, symbols, creation.Constructor, creation.Arguments);
                        }
                    },
                    OperationKind.ObjectCreation);
                start.RegisterOperationAction(operation => AnalyzeDefault(operation, symbols), OperationKind.PropertyReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, MathNetSymbols symbols, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (!symbols.IsMathNet(method) || !(symbols.UseOfDefaultSource(method) is DefaultSourceUse use) || context.Operation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            if (use.Kind == DefaultSourceKind.OptionalSource)
            {
                foreach (IArgumentOperation argument in arguments)
                {
                    if (argument.Parameter?.Name == use.Parameter && argument.ArgumentKind != ArgumentKind.DefaultValue && !argument.Value.IsNullConstant())
                    {
                        return;
                    }
                }
            }

            Report(context, use);
        }

        private static void AnalyzeDefault(OperationAnalysisContext context, MathNetSymbols symbols)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            IPropertySymbol property = reference.Property;
            if (property.Name == "Default" && property.IsStatic && symbols.IsSeedableGenerator(property.ContainingType) && !reference.Syntax.ContainsDiagnostics)
            {
                Report(context, new DefaultSourceUse(DefaultSourceKind.DefaultInstance));
            }
        }

        private static void Report(OperationAnalysisContext context, DefaultSourceUse use)
        {
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, use.Kind.ToString())
                .Add(IndexProperty, use.Index.ToString(CultureInfo.InvariantCulture))
                .Add(ParameterProperty, use.Parameter)
                .Add(MethodProperty, use.Method);
            SyntaxNode syntax = context.Operation.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), properties, syntax.ToString()));
        }
    }
}
