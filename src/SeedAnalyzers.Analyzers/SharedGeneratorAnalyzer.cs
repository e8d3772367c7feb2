using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// <para>
    /// Everything starts from the one delegate handed to a concurrent construct: the rule registers a single
    /// operation action, for delegate creations, and walks only the delegates that go to another thread (a few in
    /// a code base). A draw in the lambda is reported where it is. The type's own methods and local functions that
    /// the lambda calls, or that are handed over as a method group, are followed up to <see cref="MaxCallDepth"/>
    /// deep; a draw found there is reported at the call or method group in the delegate (the place the thread is
    /// entered, inside the operation being analyzed, so an IDE that analyzes only the edited member still sees it),
    /// with the draw as an additional location.
    /// </para>
    /// <para>
    /// An earlier version collected every block of every type (symbol start, block and end actions) to build a
    /// call graph: on 299k lines that cost more than CA5394, mostly in the analyzer driver's lock taken for each
    /// type's registrations. Draws under a lock are still reported: the lock stops the corruption but not the
    /// scheduler deciding which work item gets which number; the message says so.
    /// </para>
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
            "'{0}' is drawn from inside {1}{3}, which runs on several threads: {2}; draw from a stream per index or task",
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

                start.RegisterOperationAction(creation => AnalyzeDelegate(creation, symbols), OperationKind.DelegateCreation);
            });
        }

        private static void AnalyzeDelegate(OperationAnalysisContext context, ConcurrencySymbols symbols)
        {
            var creation = (IDelegateCreationOperation)context.Operation;

            // Only the delegate creation directly around the lambda or method group counts: an outer one
            // (new Action(lambda) converted again) would walk the same body twice.
            if (!(creation.Target is IAnonymousFunctionOperation || creation.Target is IMethodReferenceOperation)
                || !(symbols.ConstructOf(creation) is ConcurrentConstruct construct))
            {
                return;
            }

            var walk = new DelegateWalk(context, symbols, construct);
            if (creation.Target is IAnonymousFunctionOperation lambda)
            {
                walk.Lambda(lambda);
            }
            else if (creation.Target is IMethodReferenceOperation reference && !reference.Syntax.ContainsDiagnostics)
            {
                walk.MethodGroup(reference);
            }
        }

        /// <summary>
        /// The generator a draw (a call or property of a generator, or torch generator: argument) takes numbers from,
        /// as the (unwrapped) receiver operation; null when <paramref name="operation"/> is not a draw.
        /// </summary>
        private static IOperation? DrawReceiver(IOperation operation, ConcurrencySymbols symbols)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (invocation.Instance != null && symbols.IsGenerator(invocation.Instance.Type))
                    {
                        return symbols.IsStreamDerivation(invocation.TargetMethod) ? null : Unwrap(invocation.Instance);
                    }

                    if (symbols.TorchGenerator != null)
                    {
                        // torch.rand(..., generator: g) draws from g without g being the receiver.
                        foreach (IArgumentOperation argument in invocation.Arguments)
                        {
                            IOperation value = Unwrap(argument.Value);
                            if (SymbolEqualityComparer.Default.Equals(value.Type, symbols.TorchGenerator))
                            {
                                return value;
                            }
                        }
                    }

                    return null;
                case IPropertyReferenceOperation property when property.Instance != null && symbols.IsGenerator(property.Instance.Type):
                    return Unwrap(property.Instance);
                default:
                    return null;
            }
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

            return !DeclaredInside(generator, body.Syntax);
        }

        private static bool DeclaredInside(ISymbol symbol, SyntaxNode node)
        {
            foreach (SyntaxReference declaration in symbol.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == node.SyntaxTree && node.Span.Contains(declaration.Span))
                {
                    return true;
                }
            }

            return false;
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
        /// One delegate handed to a concurrent construct: its draws, and the draws of the type's own methods it
        /// reaches. Lives for one callback.
        /// </summary>
        private sealed class DelegateWalk
        {
            private readonly OperationAnalysisContext _context;
            private readonly ConcurrencySymbols _symbols;
            private readonly ConcurrentConstruct _construct;
            private readonly INamedTypeSymbol? _type;
            private Dictionary<IMethodSymbol, List<Draw>>? _reachedFrom;

            public DelegateWalk(OperationAnalysisContext context, ConcurrencySymbols symbols, ConcurrentConstruct construct)
            {
                _context = context;
                _symbols = symbols;
                _construct = construct;
                _type = context.ContainingSymbol.ContainingType;
            }

            /// <summary>
            /// Draws anywhere in the lambda (nested lambdas and local functions included, nested concurrent lambdas
            /// excepted: they are analyzed on their own), and calls from it into the type's methods.
            /// </summary>
            public void Lambda(IAnonymousFunctionOperation lambda)
            {
                var walker = new BodyWalker(_symbols, lambda, stopAtLocalFunctions: false);
                walker.Run(_type);
                foreach (Draw draw in walker.Draws)
                {
                    ISymbol? generator = SharedGenerator(draw.Receiver, _symbols, lambda);
                    if (generator is null || draw.Operation.Syntax.ContainsDiagnostics)
                    {
                        continue;
                    }

                    if (!_construct.Repeats)
                    {
                        // A generator made for one task and handed only to it (the fix's per-task stream) is not
                        // shared; a static one run by one task is shared only if the type also uses it elsewhere.
                        if (generator is ILocalSymbol local && OnlyUsedInside(local, lambda.Syntax))
                        {
                            continue;
                        }

                        if (generator.IsStatic && !UsedElsewhere(generator, lambda.Syntax))
                        {
                            continue;
                        }
                    }

                    Report(draw.Operation.Syntax, draw, null, null);
                }

                foreach (IInvocationOperation call in walker.Calls)
                {
                    IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                    if (callee.MethodKind == MethodKind.LocalFunction && DeclaredInside(callee, lambda.Syntax))
                    {
                        // Walked above, as part of the lambda.
                        continue;
                    }

                    ReportReached(call.Syntax, callee);
                }
            }

            public void MethodGroup(IMethodReferenceOperation reference)
            {
                IMethodSymbol method = reference.Method.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _type))
                {
                    ReportReached(reference.Syntax, method);
                }
            }

            /// <summary>Reports, at <paramref name="site"/>, the shared draws <paramref name="root"/> reaches.</summary>
            private void ReportReached(SyntaxNode site, IMethodSymbol root)
            {
                _reachedFrom ??= new Dictionary<IMethodSymbol, List<Draw>>(SymbolEqualityComparer.Default);
                if (!_reachedFrom.TryGetValue(root, out List<Draw>? draws))
                {
                    _reachedFrom[root] = draws = Reached(root);
                }

                if (draws.Count == 0)
                {
                    return;
                }

                Draw first = draws[0];
                var additional = new List<Location>(draws.Count);
                foreach (Draw draw in draws)
                {
                    additional.Add(draw.Operation.Syntax.GetLocation());
                }

                Report(site, first, first.Method, additional);
            }

            /// <summary>
            /// Shared draws in <paramref name="root"/> and the type's methods it calls, breadth first, up to
            /// <see cref="MaxCallDepth"/> levels; in a fixed order (call order within a body), so a message names
            /// the same draw in every build.
            /// </summary>
            private List<Draw> Reached(IMethodSymbol root)
            {
                var found = new List<Draw>();
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
                var level = new List<IMethodSymbol> { root };
                for (int depth = 0; depth < MaxCallDepth && level.Count > 0; depth++)
                {
                    var next = new List<IMethodSymbol>();
                    foreach (IMethodSymbol method in level)
                    {
                        IOperation? body = Body(method);
                        if (body is null)
                        {
                            continue;
                        }

                        var walker = new BodyWalker(_symbols, body, stopAtLocalFunctions: true);
                        walker.Run(_type);
                        IOperation? scope = body is ILocalFunctionOperation ? body : null;
                        foreach (Draw draw in walker.Draws)
                        {
                            ISymbol? generator = SharedGenerator(draw.Receiver, _symbols, scope);

                            // A static generator reached from a construct that runs its delegate once is shared only if
                            // something else uses it too; that is left to the direct check in a lambda.
                            if (generator != null && (!generator.IsStatic || _construct.Repeats) && !draw.Operation.Syntax.ContainsDiagnostics)
                            {
                                found.Add(draw.In(method));
                            }
                        }

                        foreach (IInvocationOperation call in walker.Calls)
                        {
                            IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                            if (visited.Add(callee))
                            {
                                next.Add(callee);
                            }
                        }
                    }

                    level = next;
                }

                return found;
            }

            /// <summary>The operation of a method's or local function's body, from whichever file declares it.</summary>
            private IOperation? Body(IMethodSymbol method)
            {
                method = method.PartialImplementationPart ?? method;
                if (method.IsExtern || method.IsAbstract)
                {
                    return null;
                }

                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    SyntaxNode syntax = reference.GetSyntax(_context.CancellationToken);
                    if (!(syntax is BaseMethodDeclarationSyntax) && !(syntax is LocalFunctionStatementSyntax))
                    {
                        continue;
                    }

                    SemanticModel? model = Model(syntax.SyntaxTree);
                    IOperation? operation = model?.GetOperation(syntax, _context.CancellationToken);
                    if (operation != null)
                    {
                        return operation;
                    }
                }

                return null;
            }

            private SemanticModel? Model(SyntaxTree tree)
            {
                SemanticModel? own = _context.Operation.SemanticModel;
                if (own != null && own.SyntaxTree == tree)
                {
                    return own;
                }

                if (!_context.Compilation.ContainsSyntaxTree(tree))
                {
                    return null;
                }

#pragma warning disable RS1030 // Only for a helper of a partial type declared in another file, reached from a concurrent delegate: rare, and the driver caches the model.
                return _context.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            }

            /// <summary>
            /// True when the analyzed type mentions the static member outside <paramref name="lambda"/>: then a task
            /// that runs once still shares it with that other code.
            /// </summary>
            private bool UsedElsewhere(ISymbol member, SyntaxNode lambda)
            {
                if (_type is null)
                {
                    return false;
                }

                ISymbol target = member.OriginalDefinition;
                foreach (SyntaxReference reference in _type.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = reference.GetSyntax(_context.CancellationToken);
                    SemanticModel? model = null;
                    foreach (SyntaxNode node in declaration.DescendantNodes())
                    {
                        if (!(node is IdentifierNameSyntax name) || name.Identifier.ValueText != member.Name
                            || (node.SyntaxTree == lambda.SyntaxTree && lambda.Span.Contains(node.Span)))
                        {
                            continue;
                        }

                        model ??= Model(node.SyntaxTree);
                        ISymbol? symbol = model?.GetSymbolInfo(node, _context.CancellationToken).Symbol;
                        if (symbol != null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, target))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private void Report(SyntaxNode site, Draw draw, IMethodSymbol? via, List<Location>? additional)
            {
                string reached = via is null ? string.Empty : " (in '" + via.Name + "', reached from here)";
                _context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    site.GetLocation(),
                    additional,
                    ImmutableDictionary<string, string?>.Empty.Add(ConstructProperty, _construct.Method),
                    draw.Receiver.Syntax.ToString(),
                    _construct.Display,
                    draw.Locked ? LockedReason : UnlockedReason,
                    reached));
            }
        }

        /// <summary>
        /// The draws and the calls into the analyzed type's own methods in one body, in source order. Does not
        /// enter nested lambdas handed to a concurrent construct (they are analyzed from their own callback) and, for
        /// a helper, nested local functions (reached only when called). Iterative: long expression chains nest deep.
        /// </summary>
        private sealed class BodyWalker
        {
            private readonly ConcurrencySymbols _symbols;
            private readonly IOperation _root;
            private readonly bool _stopAtLocalFunctions;

            public BodyWalker(ConcurrencySymbols symbols, IOperation root, bool stopAtLocalFunctions)
            {
                _symbols = symbols;
                _root = root;
                _stopAtLocalFunctions = stopAtLocalFunctions;
            }

            public List<Draw> Draws { get; } = new List<Draw>();

            public List<IInvocationOperation> Calls { get; } = new List<IInvocationOperation>();

            public void Run(INamedTypeSymbol? type)
            {
                var pending = new Stack<(IOperation Operation, bool Locked)>();
                pending.Push((_root, false));
                while (pending.Count > 0)
                {
                    (IOperation operation, bool locked) = pending.Pop();
                    if (operation != _root)
                    {
                        if (operation is IAnonymousFunctionOperation nested && _symbols.ConstructOf(nested) != null)
                        {
                            continue;
                        }

                        if (_stopAtLocalFunctions && operation is ILocalFunctionOperation)
                        {
                            continue;
                        }
                    }

                    Visit(operation, locked, type);
                    locked |= operation is ILockOperation;

                    // Pushed in reverse, popped in source order.
                    foreach (IOperation child in operation.ChildOperations.Reverse())
                    {
                        pending.Push((child, locked));
                    }
                }
            }

            private void Visit(IOperation operation, bool locked, INamedTypeSymbol? type)
            {
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                    case OperationKind.PropertyReference:
                        break;
                    default:
                        return;
                }

                if (DrawReceiver(operation, _symbols) is IOperation receiver)
                {
                    Draws.Add(new Draw(operation, receiver, locked));
                }

                if (operation is IInvocationOperation invocation)
                {
                    IMethodSymbol callee = invocation.TargetMethod.OriginalDefinition;
                    if (type != null && SymbolEqualityComparer.Default.Equals(callee.ContainingType, type)
                        && !callee.IsExtern && !invocation.Syntax.ContainsDiagnostics)
                    {
                        Calls.Add(invocation);
                    }
                }
            }
        }

        private sealed class Draw
        {
            public Draw(IOperation operation, IOperation receiver, bool locked)
            {
                Operation = operation;
                Receiver = receiver;
                Locked = locked;
            }

            public IOperation Operation { get; }

            public IOperation Receiver { get; }

            public bool Locked { get; }

            /// <summary>For a draw reached through a helper: the method that draws.</summary>
            public IMethodSymbol? Method { get; private set; }

            public Draw In(IMethodSymbol method) => new Draw(Operation, Receiver, Locked) { Method = method };
        }
    }
}
