using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED010: a draw from a generator (System.Random and subclasses, TorchSharp torch.Generator, torch's global
    /// generator behind torch.rand and the other random operations) that code running on other threads also reaches: a lambda or method group given to Parallel, Task.Run,
    /// Task.Factory.StartNew, new Thread, the thread pool, timers or PLINQ.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Everything starts from the one delegate handed to a concurrent construct: the rule registers a single
    /// operation action, for delegate creations, and walks only the delegates that go to another thread (a few in
    /// a code base). A draw in the lambda is reported where it is. The methods of the type and of its base types in
    /// the compilation, and local functions, that the lambda calls, or that are handed over as a method group, are followed up to <see cref="MaxCallDepth"/>
    /// deep; a draw found there is reported at the call or method group in the delegate (the place the thread is
    /// entered, inside the operation being analyzed, so an IDE that analyzes only the edited member still sees it),
    /// with the draw as an additional location.
    /// </para>
    /// <para>
    /// No call graph of the whole compilation is built: registering per-type actions for one costs more than the rule
    /// (docs/performance.md). Draws under a lock are still reported: the lock stops the corruption but not the
    /// scheduler deciding which work item gets which number; the message says so.
    /// </para>
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class GeneratorUsedAcrossThreadsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the metadata name of the construct's method (e.g. "For", "Run").</summary>
        public const string ConstructProperty = "Construct";

        /// <summary>
        /// Diagnostic property: which generator is drawn from; <see cref="TorchGlobalGenerator"/> for torch's global
        /// generator (what GeneratorUsedAcrossThreadsTorchFixer fixes), absent for a generator instance.
        /// </summary>
        public const string GeneratorProperty = "Generator";

        public const string TorchGlobalGenerator = "TorchGlobal";

        /// <summary>How many calls deep helpers reached from a concurrent body are searched for draws.</summary>
        private const int MaxCallDepth = 4;

        private const string UnlockedReason = "concurrent calls can corrupt its state or hand out repeated numbers, and the thread schedule decides which work item gets which number";
        private const string LockedReason = "the lock prevents corruption but the thread schedule still decides which work item gets which number";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.GeneratorUsedAcrossThreads,
            "Random generator shared across threads",
            "'{0}' is drawn from inside {1}{3}, which runs on several threads: {2}; draw from a stream per index or task",
            DiagnosticSeverity.Warning,
            "A System.Random shared between threads is two bugs: it is not thread-safe (concurrent calls corrupt it until it returns 0), and even a thread-safe generator hands out numbers in scheduling order, so results change from run to run and with the thread count. The same holds for TorchSharp's random operations without a generator: argument, which all draw from torch's one global generator. Derive one stream per loop index or task: rng.ForIndex(i), Determinism.Random(\"Type.member\", i), or generator: TorchDeterminism.Generator(\"Type.member\", i).");

        /// <summary>The reason for a stream that two of one Parallel.Invoke's actions take with the same index.</summary>
        private const string SharedActionStreamReason = "another of its actions draws from the same stream, and the thread schedule decides which action gets which number";

        /// <summary>The reason for a TorchSharp random operation without a generator (the message's first argument is the call).</summary>
        private const string TorchGlobalReason = "it draws from torch's global generator, and the thread schedule decides which work item gets which numbers (pass each its own, split each time the region starts: generator: TorchDeterminism.Generator(workers, index))";
        private const string TorchGlobalLockedReason = "it draws from torch's global generator, and the lock does not stop the thread schedule deciding which work item gets which numbers (pass each its own, split each time the region starts: generator: TorchDeterminism.Generator(workers, index))";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                ConcurrencySymbols? symbols = KnownSymbols.Get(start.Compilation).Concurrency;
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
                        return symbols.IsStreamDerivation(invocation.TargetMethod) ? null : invocation.Instance.Unwrap();
                    }

                    if (symbols.TorchGenerator != null)
                    {
                        // torch.rand(..., generator: g) draws from g without g being the receiver.
                        foreach (IArgumentOperation argument in invocation.Arguments)
                        {
                            IOperation value = argument.Value.Unwrap();
                            if (SymbolEqualityComparer.Default.Equals(value.Type, symbols.TorchGenerator))
                            {
                                return value;
                            }
                        }
                    }

                    return null;
                case IPropertyReferenceOperation property when property.Instance != null && symbols.IsGenerator(property.Instance.Type):
                    return property.Instance.Unwrap();
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
        internal static ISymbol? GeneratorFromOutside(IOperation receiver, ConcurrencySymbols symbols, IOperation? body)
        {
            ISymbol? generator = GeneratorSymbol(receiver, symbols);
            return generator != null && IsFromOutside(generator, body) ? generator : null;
        }

        private static ISymbol? GeneratorSymbol(IOperation receiver, ConcurrencySymbols symbols) => receiver switch
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
    }
}
