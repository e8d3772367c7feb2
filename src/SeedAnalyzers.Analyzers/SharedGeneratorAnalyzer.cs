using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED010: a draw from a generator (System.Random and subclasses, TorchSharp torch.Generator) that code
    /// running on other threads also reaches: a lambda or method group given to Parallel, Task.Run,
    /// Task.Factory.StartNew, new Thread, the thread pool, timers or PLINQ.
    /// </summary>
    /// <remarks>
    /// Work is collected per type (symbol start/end) so that method groups and helpers called from a concurrent
    /// lambda can be followed into the type's own methods, and a static generator can be checked for use in
    /// more than one place. Draws under a lock are still reported: the lock stops the corruption but not the
    /// scheduler deciding which work item gets which number; the message says so.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SharedGeneratorAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the metadata name of the construct's method (e.g. "For", "Run").</summary>
        public const string ConstructProperty = "Construct";

        /// <summary>How many calls deep helpers reached from a concurrent body are searched for draws.</summary>
        private const int MaxCallDepth = 3;

        private const string UnlockedReason = "concurrent calls can corrupt its state (DeterministicRandom throws instead) and the thread schedule decides which work item gets which number";
        private const string LockedReason = "the lock prevents corruption but the thread schedule still decides which work item gets which number";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.GeneratorSharedAcrossThreads,
            "Random generator shared across threads",
            "'{0}' is drawn from inside {1}, which runs on several threads: {2}; draw from a stream per index or task",
            DiagnosticSeverity.Warning,
            "A System.Random shared between threads is two bugs: it is not thread-safe (concurrent calls corrupt it until it returns 0), and even a thread-safe generator hands out numbers in scheduling order, so results change from run to run and with the thread count. Derive one stream per loop index or task: rng.ForIndex(i) or Determinism.Random(\"Type.member\", i).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                ConcurrencySymbols? symbols = ConcurrencySymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                // A type is only reported when its own code hands a delegate to another thread. Each type keeps its
                // operation blocks and watches only its delegate creations (few, next to every call and member
                // access); at its end, a type that hands out work has its blocks walked for draws, calls and static
                // generators, and the rest (nearly all types) cost two cheap callbacks per member.
                start.RegisterSymbolStartAction(typeStart =>
                {
                    if (((INamedTypeSymbol)typeStart.Symbol).TypeKind is TypeKind.Enum or TypeKind.Delegate)
                    {
                        // No code to run on any thread: no registrations, which cost a lock each.
                        return;
                    }

                    var state = new TypeState();
                    typeStart.RegisterOperationBlockAction(block => state.AddBlocks(block.OperationBlocks, block.OwningSymbol));
                    typeStart.RegisterOperationAction(
                        creation =>
                        {
                            if (!state.HandsOutWork && symbols.ConstructOf((IDelegateCreationOperation)creation.Operation) != null)
                            {
                                state.HandsOutWork = true;
                            }
                        },
                        DelegateCreation);
                    typeStart.RegisterSymbolEndAction(end => Report(end, symbols, state));
                }, SymbolKind.NamedType);
            });
        }

        private static readonly ImmutableArray<OperationKind> DelegateCreation = ImmutableArray.Create(OperationKind.DelegateCreation);

        /// <summary>Collects from every operation of the type's blocks, for a type that hands out work.</summary>
        private static void CollectAll(ConcurrencySymbols symbols, TypeState state)
        {
            foreach ((ImmutableArray<IOperation> blocks, ISymbol owner) in state.Blocks)
            {
                foreach (IOperation block in blocks)
                {
                    if (BlockText.IsInsideAnotherBlock(block, blocks))
                    {
                        continue;
                    }

                    foreach (IOperation operation in block.DescendantsAndSelf())
                    {
                        switch (operation.Kind)
                        {
                            case OperationKind.Invocation:
                            case OperationKind.PropertyReference:
                            case OperationKind.FieldReference:
                            case OperationKind.MethodReference:
                                Collect(new Site(operation, owner), symbols, state);
                                break;
                        }
                    }
                }
            }
        }

        private static void Collect(Site context, ConcurrencySymbols symbols, TypeState state)
        {
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    CollectDraw(context, symbols, state);
                    CollectCall(context, invocation, state);
                    break;
                case IPropertyReferenceOperation _:
                    CollectDraw(context, symbols, state);
                    CollectStaticReference(context, symbols, state);
                    break;
                case IFieldReferenceOperation _:
                    CollectStaticReference(context, symbols, state);
                    break;
                case IMethodReferenceOperation _:
                    CollectMethodGroup(context, symbols, state);
                    break;
            }
        }

        private static void CollectDraw(Site context, ConcurrencySymbols symbols, TypeState state)
        {
            IOperation operation = context.Operation;
            if (operation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (invocation.Instance != null && symbols.IsGenerator(invocation.Instance.Type))
                    {
                        if (symbols.IsStreamDerivation(invocation.TargetMethod))
                        {
                            return;
                        }

                        CollectDrawOn(context, symbols, state, invocation, invocation.Instance);
                    }
                    else if (symbols.TorchGenerator != null)
                    {
                        // torch.rand(..., generator: g) draws from g without g being the receiver.
                        foreach (IArgumentOperation argument in invocation.Arguments)
                        {
                            IOperation value = Unwrap(argument.Value);
                            if (SymbolEqualityComparer.Default.Equals(value.Type, symbols.TorchGenerator))
                            {
                                CollectDrawOn(context, symbols, state, invocation, value);
                            }
                        }
                    }

                    break;
                case IPropertyReferenceOperation property when property.Instance != null && symbols.IsGenerator(property.Instance.Type):
                    CollectDrawOn(context, symbols, state, property, property.Instance);
                    break;
            }
        }

        private static void CollectDrawOn(Site context, ConcurrencySymbols symbols, TypeState state, IOperation draw, IOperation receiver)
        {
            receiver = Unwrap(receiver);
            Place place = Locate(draw, symbols);
            ISymbol? generator = SharedGenerator(receiver, symbols, place.Body);
            if (generator is null)
            {
                return;
            }

            if (place.Construct != null && !place.Construct.Repeats && generator is ILocalSymbol local && OnlyUsedInside(local, place.Body!.Syntax))
            {
                // A generator made for one task and handed only to it (the fix's per-task stream) is not shared.
                return;
            }

            var found = new Draw(draw, receiver, generator, place.Locked, place.Body);
            if (place.Construct != null)
            {
                state.AddConcurrent(found, place.Construct);
            }
            else if (Owner(context.ContainingSymbol, place) is ISymbol owner)
            {
                state.AddDrawByMethod(owner, found);
            }
        }

        /// <summary>
        /// Calls into the type's own methods: from a concurrent body they are roots, elsewhere edges to follow.
        /// Only kept here; where they run is worked out in <see cref="PlaceCalls"/>, for types that draw.
        /// </summary>
        private static void CollectCall(Site context, IInvocationOperation invocation, TypeState state)
        {
            IMethodSymbol callee = invocation.TargetMethod.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(callee.ContainingType, context.ContainingSymbol.ContainingType) || callee.IsExtern || invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            state.AddCall(invocation, callee, context.ContainingSymbol);
        }

        private static void PlaceCalls(ConcurrencySymbols symbols, TypeState state)
        {
            foreach ((IInvocationOperation invocation, ISymbol callee, ISymbol containing) in state.PendingCalls)
            {
                Place place = Locate(invocation, symbols);
                if (place.Construct != null)
                {
                    state.AddRoot(callee, place.Construct);
                }
                else if (Owner(containing, place) is ISymbol owner)
                {
                    state.Calls.Add((owner, callee));
                }
            }
        }

        /// <summary>
        /// Where an operation runs: the innermost lambda handed to a concurrent construct, or failing that the
        /// local function whose body holds it (null body: directly in the analyzed method).
        /// </summary>
        private static Place Locate(IOperation operation, ConcurrencySymbols symbols)
        {
            IOperation? body = null;
            bool locked = false;
            for (IOperation? current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is ILockOperation)
                {
                    locked = true;
                }
                else if (current is IAnonymousFunctionOperation lambda && symbols.ConstructOf(lambda) is ConcurrentConstruct construct)
                {
                    return new Place(lambda, construct, locked);
                }
                else if (current is ILocalFunctionOperation localFunction && body is null)
                {
                    body = localFunction;
                }
            }

            return new Place(body, null, locked);
        }

        private static ISymbol? Owner(ISymbol containing, Place place) =>
            place.Body is ILocalFunctionOperation local ? local.Symbol.OriginalDefinition : containing.OriginalDefinition;

        /// <summary>Records static generator references, to tell one concurrent use from several.</summary>
        private static void CollectStaticReference(Site context, ConcurrencySymbols symbols, TypeState state)
        {
            var reference = (IMemberReferenceOperation)context.Operation;
            if (reference.Member.IsStatic && symbols.IsGenerator(reference.Type))
            {
                Place place = Locate(reference, symbols);
                state.AddStaticReference(reference.Member.OriginalDefinition, place.Construct != null ? place.Body!.Syntax : null);
            }
        }

        private static void CollectMethodGroup(Site context, ConcurrencySymbols symbols, TypeState state)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            if (reference.Parent is IDelegateCreationOperation creation && symbols.ConstructOf(creation) is ConcurrentConstruct construct)
            {
                state.AddRoot(reference.Method.OriginalDefinition, construct);
            }
        }

        private static void Report(SymbolAnalysisContext context, ConcurrencySymbols symbols, TypeState state)
        {
            if (!state.HandsOutWork)
            {
                return;
            }

            CollectAll(symbols, state);
            if (state.Concurrent.Count == 0 && state.DrawsByMethod.Count == 0)
            {
                return;
            }

            Dictionary<ISymbol, List<SyntaxNode?>> staticUses = GroupByKey(state.StaticReferences);
            foreach ((Draw draw, ConcurrentConstruct construct) in state.Concurrent)
            {
                if (draw.Generator.IsStatic && !construct.Repeats && !UsedElsewhere(staticUses, draw.Generator.OriginalDefinition, draw.Body?.Syntax))
                {
                    continue;
                }

                context.ReportDiagnostic(Create(draw, construct));
            }

            if (state.DrawsByMethod.Count != 0)
            {
                PlaceCalls(symbols, state);
                ReportReachable(context, state);
            }
        }

        /// <summary>
        /// Draws in the type's methods and local functions reached from concurrent bodies, through method groups
        /// or calls, following further calls up to <see cref="MaxCallDepth"/> deep.
        /// </summary>
        private static void ReportReachable(SymbolAnalysisContext context, TypeState state)
        {
            if (state.Roots.Count == 0 || state.DrawsByMethod.Count == 0)
            {
                return;
            }

            Dictionary<ISymbol, List<Draw>> draws = GroupByKey(state.DrawsByMethod);
            Dictionary<ISymbol, List<ISymbol>> calls = GroupByKey(state.Calls);
            var reported = new HashSet<SyntaxNode>();

            // Roots arrive in callback order, which concurrent execution varies; a draw reached from several
            // constructs names the first in a fixed order, so the message is the same in every build.
            var roots = new List<(ISymbol Method, ConcurrentConstruct Construct)>(state.Roots);
            roots.Sort((left, right) => string.CompareOrdinal(left.Construct.Display, right.Construct.Display));
            foreach ((ISymbol root, ConcurrentConstruct construct) in roots)
            {
                var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { root };
                var level = new List<ISymbol> { root };
                for (int depth = 0; depth < MaxCallDepth && level.Count > 0; depth++)
                {
                    var next = new List<ISymbol>();
                    foreach (ISymbol method in level)
                    {
                        if (draws.TryGetValue(method, out List<Draw>? found))
                        {
                            foreach (Draw draw in found)
                            {
                                // A static generator reached from a construct that runs its delegate once is shared
                                // only if something else uses it too; that case is left to the direct-lambda check.
                                if ((!draw.Generator.IsStatic || construct.Repeats) && reported.Add(draw.Operation.Syntax))
                                {
                                    context.ReportDiagnostic(Create(draw, construct));
                                }
                            }
                        }

                        if (calls.TryGetValue(method, out List<ISymbol>? callees))
                        {
                            foreach (ISymbol callee in callees)
                            {
                                if (visited.Add(callee))
                                {
                                    next.Add(callee);
                                }
                            }
                        }
                    }

                    level = next;
                }
            }
        }

        private static Dictionary<ISymbol, List<TValue>> GroupByKey<TValue>(IEnumerable<(ISymbol Key, TValue Value)> pairs)
        {
            var groups = new Dictionary<ISymbol, List<TValue>>(SymbolEqualityComparer.Default);
            foreach ((ISymbol key, TValue value) in pairs)
            {
                if (!groups.TryGetValue(key, out List<TValue>? list))
                {
                    groups[key] = list = new List<TValue>();
                }

                list.Add(value);
            }

            return groups;
        }

        private static Diagnostic Create(Draw draw, ConcurrentConstruct construct) =>
            Diagnostic.Create(
                Rule,
                draw.Operation.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ConstructProperty, construct.Method),
                draw.Receiver.Syntax.ToString(),
                construct.Display,
                draw.Locked ? LockedReason : UnlockedReason);

        private static bool UsedElsewhere(Dictionary<ISymbol, List<SyntaxNode?>> uses, ISymbol generator, SyntaxNode? lambda)
        {
            if (uses.TryGetValue(generator, out List<SyntaxNode?>? places))
            {
                foreach (SyntaxNode? place in places)
                {
                    if (place != lambda)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The variable or member a draw's (unwrapped) receiver lives in when that one instance is reached from
        /// outside <paramref name="body"/> (a concurrent lambda or local function; null: a method's own body).
        /// Null for a generator made per call (new Random(i), rng.ForIndex(i)), one declared inside the body,
        /// Random.Shared (SEED002), [ThreadStatic] fields and ThreadLocal values.
        /// </summary>
        internal static ISymbol? SharedGenerator(IOperation receiver, ConcurrencySymbols symbols, IOperation? body)
        {
            ISymbol? generator = SharedSymbol(receiver, symbols);
            return generator != null && IsFromOutside(generator, body) ? generator : null;
        }

        private static ISymbol? SharedSymbol(IOperation receiver, ConcurrencySymbols symbols) => receiver switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field when !symbols.IsThreadStatic(field.Field) => field.Field,
            IPropertyReferenceOperation property when !symbols.IsPerThreadProperty(property.Property) => property.Property,
            _ => null,
        };

        /// <summary>A local or parameter is shared when it is declared outside the concurrent body; members always are.</summary>
        private static bool IsFromOutside(ISymbol generator, IOperation? body)
        {
            if (!(generator is ILocalSymbol) && !(generator is IParameterSymbol))
            {
                return true;
            }

            if (body is null)
            {
                // Directly in a method: its own locals and parameters belong to one call.
                return false;
            }

            foreach (SyntaxReference declaration in generator.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == body.Syntax.SyntaxTree && body.Syntax.Span.Contains(declaration.Span))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when every mention of the local in its scope is inside <paramref name="body"/>.</summary>
        private static bool OnlyUsedInside(ILocalSymbol local, SyntaxNode body)
        {
            foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
            {
                // The smallest node holding both the declaration and the body lies within the local's scope.
                SyntaxNode declaration = reference.GetSyntax();
                SyntaxNode? scope = declaration.Parent;
                while (scope != null && !scope.Span.Contains(body.Span))
                {
                    scope = scope.Parent;
                }

                if (scope is null)
                {
                    return false;
                }

                foreach (SyntaxToken token in scope.DescendantTokens())
                {
                    if (token.ValueText == local.Name && token.Parent != declaration
                        && !body.Span.Contains(token.Span))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        internal static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// What one type's operations showed. Filled by concurrent callbacks under a lock, read by the symbol end
        /// action once they are all done. The lists start empty and shared, so a type that never draws, calls
        /// itself or hands out a method group allocates nothing but this object.
        /// </summary>
        private sealed class TypeState
        {
            private List<(Draw Draw, ConcurrentConstruct Construct)>? _concurrent;
            private List<(ISymbol Owner, Draw Draw)>? _drawsByMethod;
            private List<(ISymbol Member, SyntaxNode? Lambda)>? _staticReferences;
            private List<(ISymbol Method, ConcurrentConstruct Construct)>? _roots;
            private List<(IInvocationOperation Invocation, ISymbol Callee, ISymbol Containing)>? _pendingCalls;
            private List<(ISymbol Caller, ISymbol Callee)>? _calls;
            private BlockNode? _blocks;

            /// <summary>Set once a delegate is handed to a concurrent construct; read at the end.</summary>
            public volatile bool HandsOutWork;

            /// <summary>Every member's operation blocks, with the member, kept until the end (in no particular order).</summary>
            public IEnumerable<(ImmutableArray<IOperation> Blocks, ISymbol Owner)> Blocks
            {
                get
                {
                    for (BlockNode? node = Volatile.Read(ref _blocks); node != null; node = node.Next)
                    {
                        yield return (node.Blocks, node.Owner);
                    }
                }
            }

            /// <summary>
            /// Called for every member of every type, from any thread: a push onto a lock-free list (a lock here was
            /// a measurable part of the rule's cost).
            /// </summary>
            public void AddBlocks(ImmutableArray<IOperation> blocks, ISymbol owner)
            {
                var node = new BlockNode(blocks, owner);
                do
                {
                    node.Next = Volatile.Read(ref _blocks);
                }
                while (Interlocked.CompareExchange(ref _blocks, node, node.Next) != node.Next);
            }

            public IReadOnlyList<(Draw Draw, ConcurrentConstruct Construct)> Concurrent => OrEmpty(_concurrent);

            public IReadOnlyList<(ISymbol Owner, Draw Draw)> DrawsByMethod => OrEmpty(_drawsByMethod);

            public IReadOnlyList<(ISymbol Member, SyntaxNode? Lambda)> StaticReferences => OrEmpty(_staticReferences);

            public IReadOnlyList<(ISymbol Method, ConcurrentConstruct Construct)> Roots => OrEmpty(_roots);

            public IReadOnlyList<(IInvocationOperation Invocation, ISymbol Callee, ISymbol Containing)> PendingCalls => OrEmpty(_pendingCalls);

            /// <summary>Edges between the type's own methods; written only by the symbol end action.</summary>
            public List<(ISymbol Caller, ISymbol Callee)> Calls => _calls ??= new List<(ISymbol, ISymbol)>();

            public void AddConcurrent(Draw draw, ConcurrentConstruct construct) => Add(ref _concurrent, (draw, construct));

            public void AddDrawByMethod(ISymbol owner, Draw draw) => Add(ref _drawsByMethod, (owner, draw));

            public void AddStaticReference(ISymbol member, SyntaxNode? lambda) => Add(ref _staticReferences, (member, lambda));

            public void AddRoot(ISymbol method, ConcurrentConstruct construct) => Add(ref _roots, (method, construct));

            public void AddCall(IInvocationOperation invocation, ISymbol callee, ISymbol containing) => Add(ref _pendingCalls, (invocation, callee, containing));

            private static IReadOnlyList<T> OrEmpty<T>(List<T>? list) => list ?? (IReadOnlyList<T>)System.Array.Empty<T>();

            private void Add<T>(ref List<T>? list, T item)
            {
                lock (this)
                {
                    (list ??= new List<T>()).Add(item);
                }
            }
        }

        private sealed class BlockNode
        {
            public BlockNode(ImmutableArray<IOperation> blocks, ISymbol owner)
            {
                Blocks = blocks;
                Owner = owner;
            }

            public ImmutableArray<IOperation> Blocks { get; }

            public ISymbol Owner { get; }

            public BlockNode? Next { get; set; }
        }

        /// <summary>An operation and the member whose code holds it.</summary>
        private readonly struct Site
        {
            public Site(IOperation operation, ISymbol containingSymbol)
            {
                Operation = operation;
                ContainingSymbol = containingSymbol;
            }

            public IOperation Operation { get; }

            public ISymbol ContainingSymbol { get; }
        }

        private readonly struct Place
        {
            public Place(IOperation? body, ConcurrentConstruct? construct, bool locked)
            {
                Body = body;
                Construct = construct;
                Locked = locked;
            }

            public IOperation? Body { get; }

            public ConcurrentConstruct? Construct { get; }

            public bool Locked { get; }
        }

        private sealed class Draw
        {
            public Draw(IOperation operation, IOperation receiver, ISymbol generator, bool locked, IOperation? body)
            {
                Operation = operation;
                Receiver = receiver;
                Generator = generator;
                Locked = locked;
                Body = body;
            }

            public IOperation Operation { get; }

            public IOperation Receiver { get; }

            public ISymbol Generator { get; }

            public bool Locked { get; }

            public IOperation? Body { get; }
        }
    }
}
