using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
                        IMethodSymbol method = invocation.TargetMethod;
                        string name = method.Name;
                        if (MathNetSymbols.MayDrawByName(name))
                        {
                            Analyze(operation, symbols, method, invocation.Arguments, null);
                        }
                        else if (name.Length > 4 && name[0] == 'N' && name[1] == 'e' && name.StartsWith("Next", System.StringComparison.Ordinal))
                        {
                            // SystemRandomSource.Default.NextDouble()
                            ReportIfDefaultInstance(operation, symbols, invocation.Instance);
                        }
                    },
                    OperationKind.Invocation);
                start.RegisterOperationAction(
                    operation =>
                    {
                        var creation = (IObjectCreationOperation)operation.Operation;
                        if (creation.Constructor != null)
                        {
                            Analyze(operation, symbols, creation.Constructor, creation.Arguments, creation.Initializer);
                        }
                    },
                    OperationKind.ObjectCreation);

                // The default instances (SystemRandomSource.Default, MersenneTwister.Default) are looked for where a source
                // is given or kept: arguments and initializers of Math.NET members (in Analyze), field and property
                // initializers, and Next* calls on them. A callback for every property reference or local of a program
                // would cost more than the rest of the rule (docs/performance.md).
                start.RegisterOperationAction(
                    operation => ReportIfDefaultInstance(operation, symbols, ((ISymbolInitializerOperation)operation.Operation).Value),
                    OperationKind.FieldInitializer,
                    OperationKind.PropertyInitializer);
            });
        }

        private static void Analyze(OperationAnalysisContext context, MathNetSymbols symbols, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, IObjectOrCollectionInitializerOperation? initializer)
        {
            if (!symbols.IsMathNet(method) || context.Operation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                ReportIfDefaultInstance(context, symbols, argument.Value);
            }

            if (initializer != null)
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation assignment)
                    {
                        ReportIfDefaultInstance(context, symbols, assignment.Value);
                    }
                }
            }

            if (!(symbols.UseOfDefaultSource(method) is DefaultSourceUse use))
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

            if (!IsNeverSampled(context.Operation, method))
            {
                Report(context, use, context.Operation.Syntax);
            }
        }

        /// <summary>
        /// True for a distribution (made by a constructor or a factory such as <c>Normal.WithMeanStdDev</c>) that is only
        /// asked for its density, CDF, quantiles or moments, directly (<c>new Beta(a, b).Density(x)</c>) or through a local
        /// whose every use in the member does so: it never draws, so its default source does not matter. Handed on,
        /// stored or sampled, it is reported.
        /// </summary>
        private static bool IsNeverSampled(IOperation created, IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Constructor && !MathNetSymbols.IsDistribution(method.ReturnType))
            {
                return false;
            }

            if (created.Parent is IVariableInitializerOperation initializer && initializer.Parent is IVariableDeclaratorOperation declarator)
            {
                bool draws = false;
                foreach (ILocalReferenceOperation reference in LocalUses.Of(declarator.Symbol, declarator))
                {
                    if (IsGivenASource(reference))
                    {
                        // n.RandomSource = rng: the program supplies the source after all.
                        return true;
                    }

                    draws |= !AsksWithoutDrawing(reference);
                }

                return !draws;
            }

            return AsksWithoutDrawing(created);
        }

        /// <summary>
        /// A member other than Sample and Samples is called, read or handed on as a delegate (<c>normal.Density</c>) on
        /// <paramref name="distribution"/>, or its RandomSource is assigned, or it
        /// is discarded (<c>new Normal(0, -1);</c>) or only seen as an object (<c>Assert.That(() =&gt; new Normal(0, -1), Throws...)</c>).
        /// </summary>
        private static bool AsksWithoutDrawing(IOperation distribution)
        {
            IOperation operation = distribution;
            while (operation.Parent is IConversionOperation conversion && conversion.IsImplicit)
            {
                if (conversion.Type?.SpecialType == SpecialType.System_Object)
                {
                    return true;
                }

                operation = conversion;
            }

            if (operation.Parent is IExpressionStatementOperation || IsAssertedToThrow(distribution.Syntax))
            {
                return true;
            }

            switch (operation.Parent)
            {
                case IInvocationOperation call when call.Instance == operation:
                    return !call.TargetMethod.Name.StartsWith("Sample", System.StringComparison.Ordinal);
                case IMethodReferenceOperation reference when reference.Instance == operation:
                    // normal.Density handed to a sampler as a delegate.
                    return !reference.Method.Name.StartsWith("Sample", System.StringComparison.Ordinal);
                case IPropertyReferenceOperation property when property.Instance == operation:
                    // Reading RandomSource hands the default source out; assigning it replaces it (IsGivenASource).
                    return property.Property.Name != "RandomSource" || IsAssigned(property);
                default:
                    return false;
            }
        }

        /// <summary><c>distribution.RandomSource = source</c> with a source that is not null.</summary>
        private static bool IsGivenASource(IOperation distribution) =>
            distribution.Parent is IPropertyReferenceOperation property && property.Property.Name == "RandomSource" && IsAssigned(property)
            && property.Parent is ISimpleAssignmentOperation assignment && !assignment.Value.IsNullConstant();

        private static bool IsAssigned(IPropertyReferenceOperation property) =>
            property.Parent is IAssignmentOperation assignment && assignment.Target == property;

        /// <summary>
        /// <c>Assert.That(() =&gt; new Normal(0, -1), Throws.ArgumentException)</c>, <c>Assert.Throws&lt;T&gt;(() =&gt; ...)</c>: a
        /// lambda that only creates the distribution, handed to an assertion that expects it to throw. Judged on syntax,
        /// so a test project whose test framework is not referenced yet is judged the same.
        /// </summary>
        private static bool IsAssertedToThrow(SyntaxNode created)
        {
            if (!(created.Parent is LambdaExpressionSyntax lambda) || lambda.Body != created
                || !(lambda.Parent is ArgumentSyntax argument) || !(argument.Parent?.Parent is InvocationExpressionSyntax invocation))
            {
                return false;
            }

            string name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };
            return name == "That" || name == "Catch" || name.StartsWith("Throws", System.StringComparison.Ordinal);
        }

        private static void ReportIfDefaultInstance(OperationAnalysisContext context, MathNetSymbols symbols, IOperation? value)
        {
            if (value?.Unwrap() is IPropertyReferenceOperation reference
                && reference.Property.Name == "Default"
                && reference.Property.IsStatic
                && symbols.IsSeedableGenerator(reference.Property.ContainingType)
                && !reference.Syntax.ContainsDiagnostics)
            {
                Report(context, new DefaultSourceUse(DefaultSourceKind.DefaultInstance), reference.Syntax);
            }
        }

        private static void Report(OperationAnalysisContext context, DefaultSourceUse use, SyntaxNode syntax)
        {
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, use.Kind.ToString())
                .Add(IndexProperty, use.Index.ToString(CultureInfo.InvariantCulture))
                .Add(ParameterProperty, use.Parameter)
                .Add(MethodProperty, use.Method);
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), properties, syntax.ToString()));
        }
    }
}
