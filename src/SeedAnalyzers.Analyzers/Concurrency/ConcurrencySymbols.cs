using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>Generator types and the concurrency APIs SEED010 knows, resolved once per compilation.</summary>
    internal sealed class ConcurrencySymbols
    {
        // Shared instances: constructs are looked up for every lambda around every draw.
        private static readonly ConcurrentConstruct ParallelFor = new ConcurrentConstruct("For", "Parallel.For", repeats: true);
        private static readonly ConcurrentConstruct ParallelForEach = new ConcurrentConstruct("ForEach", "Parallel.ForEach", repeats: true);
        private static readonly ConcurrentConstruct ParallelForAsync = new ConcurrentConstruct("ForAsync", "Parallel.ForAsync", repeats: true);
        private static readonly ConcurrentConstruct ParallelForEachAsync = new ConcurrentConstruct("ForEachAsync", "Parallel.ForEachAsync", repeats: true);
        private static readonly ConcurrentConstruct ParallelInvoke = new ConcurrentConstruct("Invoke", "Parallel.Invoke", repeats: true, separateActions: true);
        private static readonly ConcurrentConstruct TaskRun = new ConcurrentConstruct("Run", "Task.Run", repeats: false);
        private static readonly ConcurrentConstruct StartNew = new ConcurrentConstruct("StartNew", "Task.Factory.StartNew", repeats: false);
        private static readonly ConcurrentConstruct QueueUserWorkItem = new ConcurrentConstruct("QueueUserWorkItem", "ThreadPool.QueueUserWorkItem", repeats: false);
        private static readonly ConcurrentConstruct UnsafeQueueUserWorkItem = new ConcurrentConstruct("UnsafeQueueUserWorkItem", "ThreadPool.UnsafeQueueUserWorkItem", repeats: false);
        private static readonly ConcurrentConstruct NewThread = new ConcurrentConstruct(".ctor", "new Thread(...)", repeats: false);
        private static readonly ConcurrentConstruct ThreadingTimer = new ConcurrentConstruct(".ctor", "a System.Threading.Timer callback", repeats: true);
        private static readonly ConcurrentConstruct TimersElapsed = new ConcurrentConstruct("Elapsed", "the System.Timers.Timer.Elapsed handler", repeats: true);

        private readonly RandomSymbols _random;
        private readonly INamedTypeSymbol? _parallel;
        private readonly INamedTypeSymbol? _task;
        private readonly INamedTypeSymbol? _taskFactory;
        private readonly INamedTypeSymbol? _genericTaskFactory;
        private readonly INamedTypeSymbol? _thread;
        private readonly INamedTypeSymbol? _threadPool;
        private readonly INamedTypeSymbol? _threadingTimer;
        private readonly INamedTypeSymbol? _timersTimer;
        private readonly INamedTypeSymbol? _threadLocal;
        private readonly INamedTypeSymbol? _threadStatic;

        internal ConcurrencySymbols(KnownSymbols known, RandomSymbols random)
        {
            _random = random;
            _parallel = known.Type("System.Threading.Tasks.Parallel");
            _task = known.Type("System.Threading.Tasks.Task");
            _taskFactory = known.Type("System.Threading.Tasks.TaskFactory");
            _genericTaskFactory = known.Type("System.Threading.Tasks.TaskFactory`1");
            _thread = known.Type("System.Threading.Thread");
            _threadPool = known.Type("System.Threading.ThreadPool");
            _threadingTimer = known.Type("System.Threading.Timer");
            _timersTimer = known.Type("System.Timers.Timer");
            _threadLocal = known.Type("System.Threading.ThreadLocal`1");
            _threadStatic = known.Type("System.ThreadStaticAttribute");
            TorchGenerator = known.Type("TorchSharp.torch+Generator");
            Torch = known.Torch;
        }

        public INamedTypeSymbol? TorchGenerator { get; }

        /// <summary>TorchSharp, when referenced: its random operations draw from torch's global generator.</summary>
        public TorchSymbols? Torch { get; }

        public INamedTypeSymbol? DeterministicRandom => _random.DeterministicRandom;

        /// <summary>System.Random or a subclass (DeterministicRandom included), or TorchSharp's torch.Generator.</summary>
        public bool IsGenerator(ITypeSymbol? type)
        {
            // Called for the receiver of nearly every call and member access: structs, interfaces, type
            // parameters, arrays and the special types (object, string) cannot derive from Random.
            if (type is null || type.TypeKind != TypeKind.Class || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            return (TorchGenerator != null && SymbolEqualityComparer.Default.Equals(type, TorchGenerator))
                || type.InheritsFromOrEquals(_random.Random);
        }

        /// <summary>DeterministicRandom.ForIndex and Fork derive a new stream without drawing and are thread-safe.</summary>
        public bool IsStreamDerivation(IMethodSymbol method) =>
            (method.Name == "ForIndex" || method.Name == "Fork")
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, DeterministicRandom);

        public bool IsThreadStatic(IFieldSymbol field)
        {
            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _threadStatic))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>ThreadLocal&lt;T&gt;.Value (one instance per thread) and Random.Shared (thread-safe, SEED002's business).</summary>
        public bool IsPerThreadProperty(IPropertySymbol property) =>
            _random.IsRandomShared(property)
            || (property.Name == "Value" && SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, _threadLocal));

        /// <summary>The construct a lambda is handed to, or null when it is not handed to one directly.</summary>
        public ConcurrentConstruct? ConstructOf(IAnonymousFunctionOperation lambda) =>
            lambda.Parent is IDelegateCreationOperation creation ? ConstructOf(creation) : null;

        /// <summary>The construct a delegate (lambda or method group) is handed to, or null.</summary>
        public ConcurrentConstruct? ConstructOf(IDelegateCreationOperation creation)
        {
            IOperation? parent = creation.Parent;
            // Parallel.Invoke(params Action[]) wraps its lambdas in an implicit array.
            while (parent is IConversionOperation || parent is IDelegateCreationOperation || parent is IArrayInitializerOperation || parent is IArrayCreationOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IArgumentOperation argument:
                    return argument.Parent switch
                    {
                        IInvocationOperation invocation => ConstructOf(invocation.TargetMethod),
                        IObjectCreationOperation objectCreation => ConstructOf(objectCreation.Type),
                        _ => null,
                    };
                case IEventAssignmentOperation assignment when assignment.Adds
                    && assignment.EventReference is IEventReferenceOperation reference
                    && reference.Event.Name == "Elapsed"
                    && SymbolEqualityComparer.Default.Equals(reference.Event.ContainingType, _timersTimer):
                    return TimersElapsed;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The actions handed to a Parallel.Invoke (its params or explicit array) that <paramref name="lambda"/> is one of,
        /// each as the array's element, and the lambda's position among them; empty when the lambda is not in an array.
        /// </summary>
        public static ImmutableArray<IOperation> ActionsAround(IAnonymousFunctionOperation lambda, out int position)
        {
            position = -1;
            IOperation element = lambda;
            while (element.Parent is IConversionOperation || element.Parent is IDelegateCreationOperation)
            {
                element = element.Parent;
            }

            if (!(element.Parent is IArrayInitializerOperation actions) || !(actions.Parent is IArrayCreationOperation))
            {
                return ImmutableArray<IOperation>.Empty;
            }

            position = actions.ElementValues.IndexOf(element);
            return actions.ElementValues;
        }

        /// <summary>The lambda an action array's element is, through conversions and delegate creations, or null.</summary>
        public static IAnonymousFunctionOperation? ActionLambda(IOperation element)
        {
            while (element is IConversionOperation || element is IDelegateCreationOperation)
            {
                element = element is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)element).Target;
            }

            return element as IAnonymousFunctionOperation;
        }

        private ConcurrentConstruct? ConstructOf(IMethodSymbol method)
        {
            INamedTypeSymbol type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, _parallel))
            {
                return method.Name switch
                {
                    "For" => ParallelFor,
                    "ForEach" => ParallelForEach,
                    "ForAsync" => ParallelForAsync,
                    "ForEachAsync" => ParallelForEachAsync,
                    "Invoke" => ParallelInvoke,
                    _ => null,
                };
            }

            if (SymbolEqualityComparer.Default.Equals(type, _task))
            {
                return method.Name == "Run" ? TaskRun : null;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _taskFactory) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _genericTaskFactory))
            {
                return method.Name == "StartNew" ? StartNew : null;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _threadPool))
            {
                return method.Name switch
                {
                    "QueueUserWorkItem" => QueueUserWorkItem,
                    "UnsafeQueueUserWorkItem" => UnsafeQueueUserWorkItem,
                    _ => null,
                };
            }

            if (SymbolEqualityComparer.Default.Equals(type, _random.ParallelEnumerable))
            {
                return new ConcurrentConstruct(method.Name, "the PLINQ operator " + method.Name, repeats: true);
            }

            return null;
        }

        private ConcurrentConstruct? ConstructOf(ITypeSymbol? created)
        {
            if (SymbolEqualityComparer.Default.Equals(created, _thread))
            {
                return NewThread;
            }

            if (SymbolEqualityComparer.Default.Equals(created, _threadingTimer))
            {
                return ThreadingTimer;
            }

            return null;
        }
    }
}
