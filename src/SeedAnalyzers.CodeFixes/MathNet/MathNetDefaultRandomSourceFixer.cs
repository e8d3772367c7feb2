using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>
    /// SEED045: the Math.NET member is given a source from the runtime instead of its shared default one, through the
    /// overload that takes it. What keeps the source (a distribution, a distribution made by a factory such as
    /// <c>Normal.WithMeanStdDev</c>, a stored <c>SystemRandomSource.Default</c>) gets its own stream,
    /// <c>Determinism.Random("Type.member")</c>, whose k-th call is sub-stream k: distributions created in a loop stay
    /// independent of each other, as they were. What draws at once (<c>Normal.Sample</c>, <c>Generate.Uniform</c>,
    /// <c>Combinatorics.GeneratePermutation</c>, <c>Matrix.Build.Random</c>) draws from <c>Determinism.Shared("Type")</c>,
    /// one stream per type that continues from call to call and serializes threads as the default source did.
    /// Without the runtime, what keeps a source gets <c>new System.Random(RandomSeeds.Next())</c>, a seed of its own from
    /// the type's seed source; what draws at once gets no fix, as for Random.Shared (SEED002): one System.Random shared
    /// by every call would not be thread-safe where the default source is.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MathNetDefaultRandomSourceFixer)), Shared]
    public sealed class MathNetDefaultRandomSourceFixer : SeedFixer
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MathNetDefaultRandomSource);

        private protected override string? Title(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, bool runtime)
        {
            DefaultSourceKind? kind = Kind(diagnostic);
            if (kind is null || !(node is ExpressionSyntax) || (!runtime && FixSyntax.ContainingType(node) is null))
            {
                return null;
            }

            switch (kind.Value)
            {
                case DefaultSourceKind.AddSeed:
                    return node is InvocationExpressionSyntax ? LibraryFixSyntax.SeedTitle(node, runtime) : null;
                case DefaultSourceKind.DefaultInstance:
                    return TakesAnyRandom(node, model) ? StreamTitle(node, runtime, IsStored(node)) : null;
                case DefaultSourceKind.Generate:
                    return node is InvocationExpressionSyntax invocation && invocation.Expression is MemberAccessExpressionSyntax
                        ? StreamTitle(node, runtime, keeps: false)
                        : null;
                default:
                    return node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax
                        ? StreamTitle(node, runtime, KeepsSource(node, model))
                        : null;
            }
        }

        private protected override void Apply(FixSession session, Diagnostic diagnostic, SyntaxNode node)
        {
            DefaultSourceKind kind = Kind(diagnostic)!.Value;
            int index = int.Parse(diagnostic.Properties[MathNetDefaultRandomSourceAnalyzer.IndexProperty]!, CultureInfo.InvariantCulture);
            string parameter = diagnostic.Properties[MathNetDefaultRandomSourceAnalyzer.ParameterProperty]!;
            switch (kind)
            {
                case DefaultSourceKind.DefaultInstance:
                    session.Replace(node, Stream(session, node, IsStored(node)));
                    session.KeepRandomTypeIfReassigned(node);
                    break;
                case DefaultSourceKind.AddSeed:
                    ExpressionSyntax seed = LibraryFixSyntax.Seed(session, node);
                    var invocation = (InvocationExpressionSyntax)Rename(node, diagnostic.Properties[MathNetDefaultRandomSourceAnalyzer.MethodProperty]!);
                    session.Replace(node, WithArgument(invocation, index, parameter, seed));
                    break;
                case DefaultSourceKind.Generate:
                    session.Replace(node, Generate(session, (InvocationExpressionSyntax)node));
                    break;
                case DefaultSourceKind.OptionalSource:
                    ExpressionSyntax source = Stream(session, node, KeepsSource(node, session.Model));
                    ArgumentSyntax? given = Arguments(node).FirstOrDefault(argument => Parameter(session.Model, argument) == parameter);
                    session.Replace(node, given is null
                        ? WithArgument(node, index, parameter, source)
                        : node.ReplaceNode(given.Expression, source.WithTriviaFrom(given.Expression)));
                    break;
                case DefaultSourceKind.AddDistribution:
                    session.Replace(node, WithArgument(node, index, parameter, StandardNormal(session, Stream(session, node, keeps: false))));
                    break;
                default:
                    session.Replace(node, WithArgument(node, index, parameter, Stream(session, node, KeepsSource(node, session.Model))));
                    break;
            }
        }

        private static DefaultSourceKind? Kind(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(MathNetDefaultRandomSourceAnalyzer.KindProperty, out string? kind)
            && Enum.TryParse(kind, out DefaultSourceKind parsed)
                ? parsed
                : (DefaultSourceKind?)null;

        private static string? StreamTitle(SyntaxNode node, bool runtime, bool keeps)
        {
            if (!runtime)
            {
                return keeps ? "Give it a System.Random seeded from a per-type seed source (the SeedAnalyzers runtime is not referenced)" : null;
            }

            return keeps
                ? "Use the named stream Determinism.Random(\"" + FixSyntax.StreamName(node) + "\")"
                : "Draw from the shared stream Determinism.Shared(\"" + FixSyntax.TypeName(node) + "\")";
        }

        /// <summary>
        /// The source to pass: with the runtime, a stream of its own for what keeps it, the type's shared stream for what
        /// draws at once; without it (only what keeps it is fixed then), a System.Random seeded from the type's seed source.
        /// </summary>
        private static ExpressionSyntax Stream(FixSession session, SyntaxNode node, bool keeps) =>
            !session.Runtime ? FixSession.SeededSystemRandom(session.PerGeneratorSeed(node)!)
            : keeps ? session.NamedStream(FixSyntax.StreamName(node))
            : session.SharedStream(node);

        /// <summary>A constructor, or a factory whose result has a RandomSource (Normal.WithMeanStdDev, Normal.Estimate).</summary>
        private static bool KeepsSource(SyntaxNode node, SemanticModel model) =>
            node is BaseObjectCreationExpressionSyntax
            || (model.GetSymbolInfo(node).Symbol is IMethodSymbol method && method.ReturnType.GetMembers("RandomSource").Any(member => member is IPropertySymbol));

        /// <summary>A Default instance that is the whole value given to a field, property or local, outside loops and lambdas.</summary>
        private static bool IsStored(SyntaxNode node)
        {
            SyntaxNode value = node;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent is CastExpressionSyntax)
            {
                value = value.Parent;
            }

            return !FixSyntax.RunsRepeatedly(node)
                && (value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value));
        }

        /// <summary>
        /// True when a DeterministicRandom can stand where the Default instance is: it is converted to System.Random or
        /// object, or a System.Random member is called on it. Not where the generator's own type is needed
        /// (<c>var r = SystemRandomSource.Default; r.NextDoubles(10)</c>).
        /// </summary>
        private static bool TakesAnyRandom(SyntaxNode node, SemanticModel model)
        {
            if (!(model.GetOperation(node) is IOperation operation) || !(model.Compilation.GetTypeByMetadataName("System.Random") is INamedTypeSymbol random))
            {
                return false;
            }

            switch (operation.Parent)
            {
                case IConversionOperation conversion:
                    return conversion.Type is ITypeSymbol target && (SymbolEqualityComparer.Default.Equals(target, random) || target.SpecialType == SpecialType.System_Object);
                case IInvocationOperation invocation when invocation.Instance == operation:
                    for (IMethodSymbol? method = invocation.TargetMethod; method != null; method = method.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, random))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static ArgumentListSyntax? ArgumentList(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };

        private static SeparatedSyntaxList<ArgumentSyntax> Arguments(SyntaxNode node) => ArgumentList(node)?.Arguments ?? default;

        private static string? Parameter(SemanticModel model, ArgumentSyntax argument) =>
            model.GetOperation(argument) is IArgumentOperation operation ? operation.Parameter?.Name : null;

        private static ArgumentSyntax Named(string parameter, ExpressionSyntax value) =>
            SyntaxFactory.Argument(value).WithNameColon(SyntaxFactory.NameColon(parameter));

        /// <summary>
        /// The call with <paramref name="value"/> for the overload's extra parameter: in its place when every argument
        /// before it is given in order, as a named argument at the end otherwise.
        /// </summary>
        private static SyntaxNode WithArgument(SyntaxNode node, int index, string parameter, ExpressionSyntax value)
        {
            SeparatedSyntaxList<ArgumentSyntax> arguments = Arguments(node);
            bool positional = index <= arguments.Count && arguments.All(argument => argument.NameColon is null);
            SeparatedSyntaxList<ArgumentSyntax> updated = positional
                ? arguments.Insert(index, SyntaxFactory.Argument(value))
                : arguments.Add(Named(parameter, value));
            ArgumentListSyntax list = ArgumentList(node) ?? SyntaxFactory.ArgumentList();
            ArgumentListSyntax replaced = list.WithArguments(updated);
            return node is BaseObjectCreationExpressionSyntax creation && creation.ArgumentList is null
                ? creation.WithArgumentList(replaced)
                : node.ReplaceNode(list, replaced);
        }

        private static SyntaxNode Rename(SyntaxNode node, string method)
        {
            if (method.Length == 0 || !(node is InvocationExpressionSyntax invocation))
            {
                return node;
            }

            SimpleNameSyntax? name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name is null || name.Identifier.ValueText == method
                ? node
                : node.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(method).WithTriviaFrom(name.Identifier));
        }

        /// <summary><c>new Normal(stream)</c>: the standard normal the builders draw from by default.</summary>
        private static ExpressionSyntax StandardNormal(FixSession session, ExpressionSyntax stream) =>
            Distribution(session, "MathNet.Numerics.Distributions.Normal", stream);

        private static ExpressionSyntax Distribution(FixSession session, string metadataName, params ExpressionSyntax[] arguments) =>
            SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                FixSyntax.ImportedType(session.Editor.Generator, session.Model.Compilation.GetTypeByMetadataName(metadataName)!),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument))),
                null);

        /// <summary>
        /// Generate.Uniform/Standard/Normal (and their Map and Sequence forms) as Generate.Random* with the distribution
        /// they sample by default, on the stream: <c>Generate.Normal(n, m, s)</c> becomes
        /// <c>Generate.Random(n, new Normal(m, s, stream))</c>, <c>Generate.UniformMap(n, f)</c> becomes
        /// <c>Generate.RandomMap(n, new ContinuousUniform(0.0, 1.0, stream), f)</c>.
        /// </summary>
        private static SyntaxNode Generate(FixSession session, InvocationExpressionSyntax invocation)
        {
            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            string name = member.Name.Identifier.ValueText;
            var byParameter = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
            foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
            {
                if (Parameter(session.Model, argument) is string parameter)
                {
                    byParameter[parameter] = argument.Expression.WithoutTrivia();
                }
            }

            ExpressionSyntax stream = Stream(session, invocation, keeps: false);
            ExpressionSyntax distribution;
            string renamed;
            if (name.StartsWith("Uniform", StringComparison.Ordinal))
            {
                distribution = Distribution(session, "MathNet.Numerics.Distributions.ContinuousUniform", Literal(0.0), Literal(1.0), stream);
                renamed = "Random" + name.Substring("Uniform".Length);
                renamed = renamed == "RandomSequence" ? "Random" : renamed;
            }
            else if (name.StartsWith("Standard", StringComparison.Ordinal))
            {
                distribution = StandardNormal(session, stream);
                renamed = "Random";
            }
            else
            {
                distribution = Distribution(session, "MathNet.Numerics.Distributions.Normal", byParameter["mean"], byParameter["standardDeviation"], stream);
                renamed = "Random";
            }

            var arguments = new List<ExpressionSyntax>();
            if (byParameter.TryGetValue("length", out ExpressionSyntax? length))
            {
                arguments.Add(length);
            }

            arguments.Add(distribution);
            if (byParameter.TryGetValue("map", out ExpressionSyntax? map))
            {
                arguments.Add(map);
            }

            SimpleNameSyntax newName = member.Name is GenericNameSyntax generic
                ? generic.WithIdentifier(SyntaxFactory.Identifier(renamed))
                : SyntaxFactory.IdentifierName(renamed);
            return invocation
                .WithExpression(member.WithName(newName.WithTriviaFrom(member.Name)))
                .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument))));
        }

        private static LiteralExpressionSyntax Literal(double value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString("0.0", CultureInfo.InvariantCulture), value));
    }
}
