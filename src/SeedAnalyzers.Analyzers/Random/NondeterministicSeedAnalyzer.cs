using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED003: a seed taken from a nondeterministic source (clock, process id, GUID, randomized hash codes,
    /// OS randomness) that reaches a seed: <c>new Random(...)</c>, <c>new DeterministicRandom(...)</c>,
    /// <c>Determinism.Initialize(...)</c>, ML.NET's and Math.NET's seed parameters and option members (see
    /// <see cref="SeedSinks"/>). The value is followed within the compilation:
    /// </summary>
    /// <remarks>
    /// <para>
    /// From a seed back to its sources (<see cref="Walk"/>): locals, constants, arithmetic and casts; fields and
    /// auto-properties whose every assignment is known (private, or readonly or get-only: set only in their type),
    /// through each of those assignments; values returned by the compilation's own methods; <c>Interlocked</c>
    /// updates of a field. Reported at the source when it sits in the seed argument, else at the seed argument with
    /// the source as the additional location.
    /// </para>
    /// <para>
    /// From a source forward to a seed (<see cref="Forward"/>): a source handed to a method or constructor of the
    /// compilation (<c>this(...)</c>, <c>base(...)</c>, <c>new Dice(...)</c>, <c>Setup(...)</c>), directly or through the
    /// locals, parameters and fields it is stored in, is followed into the callee, through its locals, the fields it sets
    /// and the calls it makes, up to <see cref="MaxCalls"/> calls deep. The trace starts from the source (sources are
    /// few; calls into the compilation's own code are most calls) and is reported at the source, once, with the path in
    /// the message, a field's or auto-property's initializer included.
    /// </para>
    /// <para>
    /// Every report stays inside the operation being analyzed (the sink's creation or call, or the source), so the driver counts it local and the IDE shows it while the line is edited; no
    /// compilation-end action is needed.
    /// </para>
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class NondeterministicSeedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: what the seed feeds (<see cref="SinkInitialize"/> or <see cref="SinkGenerator"/>).</summary>
        public const string SinkProperty = "Sink";
        public const string SinkInitialize = SeedSinks.InitializeSink;
        public const string SinkGenerator = SeedSinks.GeneratorSink;

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.NondeterministicSeed,
            "A seed comes from a nondeterministic source",
            "'{0}' differs on every run and reaches the seed of '{1}'{2}; derive the seed from the master seed instead",
            DiagnosticSeverity.Warning,
            "A seed taken from the clock, the process id, a GUID, a per-process randomized hash code or OS randomness is a different seed every run: the program is seeded, but not reproducible. Use Determinism.SeedFor(\"name\") or Determinism.DefaultSeed with the SEED environment override.");

        /// <summary>How deep one expression is taken apart.</summary>
        private const int MaxDepth = 8;

        /// <summary>How many members (a field's assignments, a method's returns, a callee's parameter) a trace crosses.</summary>
        private const int MaxCalls = 3;

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
                if (!(known.SeedSources is SeedSources sources) || !(known.SeedSinks is SeedSinks sinks))
                {
                    return;
                }

                var state = new State(start.Compilation, sources, sinks, new AnalyzerOptionsReader(start.Options));

                // Callbacks per creation, call and property read, from the driver's own walk of the operations. A creation
                // or call is a sink (its seed traced back) or a source (followed forward to the compilation's own calls it
                // is handed to); a property read may be a source. Each is told first by what the operation itself holds (the
                // type of its value, its arguments' types and kinds, whether its method has a metadata token), then by names.
                start.RegisterOperationAction(creation => AnalyzeCreation(creation, state), OperationKind.ObjectCreation);
                start.RegisterOperationAction(invocation => AnalyzeInvocation(invocation, state), OperationKind.Invocation);
                start.RegisterOperationAction(property => AnalyzeProperty(property, state), OperationKind.PropertyReference);
                if (state.AnyAdditionalSources)
                {
                    start.RegisterOperationAction(field => AnalyzeAdditionalSource(field, state), OperationKind.FieldReference);
                }

                start.RegisterOperationAction(assignment => AnalyzeAssignment(assignment, state), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, State state)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (state.HasAdditionalSources(creation))
            {
                AnalyzeSource(context, state);
            }

            // A creation of the compilation's own type is no sink to trace back from (a source handed to it is followed
            // from the source): told by the constructor's token before its type and parameters are read.
            if (creation.Constructor is IMethodSymbol constructor && !creation.Arguments.IsEmpty && !state.IsOwnDefinition(constructor)
                && state.Sinks.MayTakeSeed(constructor, creation.Arguments))
            {
                AnalyzeSink(context, constructor, creation.Arguments, state);
            }
        }

        /// <summary>
        /// A call is a source (followed forward to the compilation's own calls it is handed to), or a sink (its seed traced
        /// back), or most often neither. A call into the compilation's own code needs nothing here (a source handed to it is
        /// followed from the source): told by the method's token. A source by the type of the call's value (most are of
        /// types shared by many calls, a void or a bool), then the method's name; a sink by its parameters' names before
        /// its arguments' types: an argument's value may be any operation, read through an interface that dozens of
        /// classes implement, which costs more per read than a name held by the symbol at hand.
        /// </summary>
        private static void AnalyzeInvocation(OperationAnalysisContext context, State state)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (state.HasAdditionalSources(invocation))
            {
                AnalyzeSource(context, state);
            }
            else if (!state.SourcesAreOwn && state.IsOwnDefinition(method))
            {
                // Neither a source (those are the framework's and Math.NET's) nor a sink to trace back from: a source
                // handed to the compilation's own code is followed from the source.
                return;
            }
            else if (state.MayBeSourceCall(invocation) && state.Sources.MayBeSourceMethod(method))
            {
                AnalyzeSource(context, state);
            }

            if (!invocation.Arguments.IsEmpty && state.Sinks.MayCallTakeSeed(method, invocation.Arguments))
            {
                AnalyzeSink(context, method, invocation.Arguments, state);
            }
        }

        private static void AnalyzeSink(OperationAnalysisContext context, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, State state)
        {
            if (state.IsOwn(method) || context.Operation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (state.Sinks.IsSeedArgument(argument, out string display, out string sink))
                {
                    Trace(context, argument.Value, display, sink, state);
                }
            }
        }

        private static void AnalyzeProperty(OperationAnalysisContext context, State state)
        {
            var operation = (IPropertyReferenceOperation)context.Operation;
            // Every source property is static (DateTime.Now, Environment.TickCount, Random.Shared): an instance read, most
            // reads, is told by the operation alone, before the property's name (a string elsewhere in memory) is read. Then
            // the name: most static reads are of an int or a struct, which the value's type lets through.
            if ((operation.Instance is null && SeedSources.IsSourcePropertyName(operation.Property.Name) && state.Sources.MayBeSourcePropertyType(operation.Type))
                || state.HasAdditionalSources(operation))
            {
                AnalyzeSource(context, state);
            }
        }

        private static void AnalyzeAdditionalSource(OperationAnalysisContext context, State state)
        {
            if (state.HasAdditionalSources(context.Operation))
            {
                AnalyzeSource(context, state);
            }
        }

        /// <summary>
        /// A source (the innermost of a chain such as <c>Guid.NewGuid().GetHashCode()</c>) followed forward from the member
        /// being analyzed to the compilation's own calls it is handed to (<see cref="Forward.FromSource"/>).
        /// </summary>
        private static void AnalyzeSource(OperationAnalysisContext context, State state)
        {
            IOperation operation = context.Operation;
            ImmutableHashSet<string> additional = state.AdditionalSources(operation.Syntax.SyntaxTree);
            if (!state.Sources.IsSourceItself(operation, additional))
            {
                return;
            }

            for (IOperation? receiver = SeedSources.ReceiverOf(operation); receiver != null; receiver = SeedSources.ReceiverOf(receiver))
            {
                if (state.Sources.IsSourceItself(receiver, additional))
                {
                    return;
                }
            }

            Forward.FromSource(context, operation, state);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, State state)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            IOperation target = assignment.Target;
            ISymbol? member = target switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

            // A library's member named as a seed (options.Seed = ...): the compilation's own members, most of those set
            // (_count = count), are told by their token before their name is read, and the value's type comes last: the
            // value may be any kind of operation, read through an interface that dozens of classes implement.
            if (member != null && !state.IsOwnDefinition(member) && SeedSinks.IsSeedMemberName(member.Name)
                && SeedSinks.MayBeSeedValue(assignment.Value) && state.Sinks.IsSeedMember(target, out string display))
            {
                Trace(context, assignment.Value, display, SinkGenerator, state);
            }
        }

        private static void Trace(OperationAnalysisContext context, IOperation seed, string sink, string sinkKind, State state)
        {
            if (seed.Syntax.ContainsDiagnostics)
            {
                return;
            }

            var bodies = new SourceBodies(context.Compilation, context.Operation.SemanticModel, context.CancellationToken);
            var walk = new Walk(bodies, state.Sources, state.AdditionalSources(seed.Syntax.SyntaxTree));
            walk.Visit(seed, ImmutableStack<string>.Empty, 0, 0);
            foreach ((IOperation source, ImmutableStack<string> path) in walk.Found)
            {
                Report(context, seed, source, sink, sinkKind, Describe(path, null));
            }
        }

        /// <summary>
        /// Reported on the source when the seed expression holds it, else on the seed expression with the source as the
        /// additional location (which the fix rewrites): a report outside the operation being analyzed would be lost when
        /// only the edited line is analyzed, as the IDE does.
        /// </summary>
        private static void Report(OperationAnalysisContext context, IOperation seed, IOperation source, string sink, string sinkKind, string path)
        {
            ImmutableDictionary<string, string?> properties = sinkKind == SinkInitialize ? InitializeProperties : GeneratorProperties;
            Location location = source.Syntax.GetLocation();
            Diagnostic diagnostic = seed.Syntax.SyntaxTree == source.Syntax.SyntaxTree && seed.Syntax.Span.Contains(source.Syntax.Span)
                ? Diagnostic.Create(Rule, location, properties, source.Syntax.ToString(), sink, path)
                : Diagnostic.Create(Rule, seed.Syntax.GetLocation(), new[] { location }, properties, source.Syntax.ToString(), sink, path);
            context.ReportDiagnostic(diagnostic);
        }

        /// <summary>
        /// " through 'a' -> 'b'": the names a value passes, in data-flow order. <paramref name="backward"/> holds them from
        /// the seed back to the source (as <see cref="Walk"/> finds them); <paramref name="onward"/> continues from the
        /// end of it towards the seed.
        /// </summary>
        private static string Describe(ImmutableStack<string> backward, IEnumerable<string>? onward)
        {
            var names = new List<string>();
            foreach (string name in backward)
            {
                names.Add("'" + name + "'");
            }

            if (onward != null)
            {
                foreach (string name in onward)
                {
                    names.Add("'" + name + "'");
                }
            }

            return names.Count == 0 ? string.Empty : " through " + string.Join(" -> ", names);
        }
    }
}
