using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>The concurrency constructs and generator types SEED010 knows, resolved once per compilation.</summary>
    internal sealed class ConcurrencySymbols
    {
        private const int MaxDepth = 64;

        private readonly INamedTypeSymbol _random;
        private readonly INamedTypeSymbol? _deterministicRandom;
        private readonly INamedTypeSymbol? _parallel;
        private readonly INamedTypeSymbol? _parallelEnumerable;
        private readonly INamedTypeSymbol? _task;
        private readonly INamedTypeSymbol? _taskOfT;
        private readonly INamedTypeSymbol? _taskFactory;
        private readonly INamedTypeSymbol? _taskFactoryOfT;
        private readonly INamedTypeSymbol? _thread;
        private readonly INamedTypeSymbol? _threadPool;
        private readonly INamedTypeSymbol? _timer;
        private readonly INamedTypeSymbol? _timersTimer;
        private readonly INamedTypeSymbol? _threadLocal;
        private readonly INamedTypeSymbol? _threadStatic;

        private ConcurrencySymbols(Compilation compilation, INamedTypeSymbol random)
        {
            _random = random;
            _deterministicRandom = compilation.GetTypeByMetadataName("SeedAnalyzers.DeterministicRandom");
            TorchGenerator = compilation.GetTypeByMetadataName("TorchSharp.torch+Generator");
            _parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            _parallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
            _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            _taskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            _taskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            _thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            _threadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
            _timer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            _timersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
            _threadLocal = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
            _threadStatic = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        }

        public INamedTypeSymbol? TorchGenerator { get; }

        public static ConcurrencySymbols? TryCreate(Compilation compilation)
        {
            INamedTypeSymbol? random = compilation.GetTypeByMetadataName("System.Random");
            return random is null ? null : new ConcurrencySymbols(compilation, random);
        }

        public bool IsGenerator(ITypeSymbol? type)
        {
            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _random))
                {
                    return true;
                }
            }

            return TorchGenerator != null && SymbolEqualityComparer.Default.Equals(type, TorchGenerator);
        }

        /// <summary>
        /// A call that uses the generator's state: a method declared by Random (or a subclass) or torch.Generator,
        /// except object's members and the thread-safe derivations.
        /// </summary>
        public bool IsDraw(IInvocationOperation invocation) =>
            invocation.Instance != null
            && IsGenerator(invocation.Instance.Type)
            && IsGenerator(invocation.TargetMethod.ContainingType)
            && !IsDerivation(invocation.TargetMethod);

        /// <summary>ForIndex and Fork read only the immutable key: safe from any thread, and the remedy itself.</summary>
        public bool IsDerivation(IMethodSymbol method) =>
            (method.Name == "ForIndex" || method.Name == "Fork")
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _deterministicRandom);

        public bool IsThreadStatic(IFieldSymbol field)
        {
            if (_threadStatic is null)
            {
                return false;
            }

            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _threadStatic))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Random.Shared (thread-safe; SEED002 covers it) and ThreadLocal&lt;T&gt;.Value (one per thread).</summary>
        public bool IsPerThreadProperty(IPropertySymbol property) =>
            (property.IsStatic && property.Name == "Shared" && SymbolEqualityComparer.Default.Equals(property.ContainingType, _random))
            || (property.Name == "Value" && _threadLocal != null && SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, _threadLocal));

        /// <summary>
        /// Finds the innermost lambda or anonymous method around <paramref name="draw"/> that is handed to a
        /// concurrency construct, and names that construct. Whatever is declared outside it is shared by its workers;
        /// whatever is declared inside is also inside every enclosing construct, so the innermost one decides.
        /// </summary>
        public bool TryFindConcurrentBody(IOperation draw, out ConcurrentBody body)
        {
            IOperation? current = draw.Parent;
            for (int depth = 0; current != null && depth < MaxDepth; depth++, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function && TryGetConstruct(function, out string? construct, out IParameterSymbol? index))
                {
                    body = new ConcurrentBody(function, construct!, index);
                    return true;
                }
            }

            body = default;
            return false;
        }

        /// <summary>The construct an invocation starts (Parallel.For, Task.Run, PLINQ operators...), or null.</summary>
        public string? ConstructOf(IInvocationOperation invocation) => ConstructOf(invocation.TargetMethod);

        private bool TryGetConstruct(IAnonymousFunctionOperation function, out string? construct, out IParameterSymbol? index)
        {
            construct = null;
            index = null;
            IOperation? parent = function.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IArrayInitializerOperation || parent is IArrayCreationOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation argument)
            {
                parent = argument.Parent;
            }

            switch (parent)
            {
                case IInvocationOperation invocation:
                    construct = ConstructOf(invocation.TargetMethod);
                    if (construct == "Parallel.For" && function.Symbol.Parameters.Length > 0)
                    {
                        index = function.Symbol.Parameters[0];
                    }
                    else if (construct == "Parallel.ForEach" && function.Symbol.Parameters.Length == 3)
                    {
                        index = function.Symbol.Parameters[2];
                    }

                    return construct != null;
                case IObjectCreationOperation creation:
                    if (Is(creation.Type, _thread))
                    {
                        construct = "new Thread(...)";
                    }
                    else if (Is(creation.Type, _timer))
                    {
                        construct = "a Timer callback";
                    }

                    return construct != null;
                case IEventAssignmentOperation assignment when assignment.Adds
                    && assignment.EventReference is IEventReferenceOperation reference && Is(reference.Event.ContainingType, _timersTimer):
                    construct = "a Timer.Elapsed handler";
                    return true;
                default:
                    return false;
            }
        }

        private string? ConstructOf(IMethodSymbol method)
        {
            INamedTypeSymbol type = method.ContainingType;
            if (Is(type, _parallel))
            {
                return "Parallel." + method.Name;
            }

            if (Is(type, _parallelEnumerable))
            {
                return "PLINQ '" + method.Name + "'";
            }

            if (method.Name == "Run" && (Is(type, _task) || Is(type.OriginalDefinition, _taskOfT)))
            {
                return "Task.Run";
            }

            if (method.Name == "StartNew" && (Is(type, _taskFactory) || Is(type.OriginalDefinition, _taskFactoryOfT)))
            {
                return "Task.Factory.StartNew";
            }

            if ((method.Name == "QueueUserWorkItem" || method.Name == "UnsafeQueueUserWorkItem") && Is(type, _threadPool))
            {
                return "ThreadPool." + method.Name;
            }

            return null;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected != null && SymbolEqualityComparer.Default.Equals(type, expected);
    }

    /// <summary>A function run by a concurrency construct.</summary>
    internal readonly struct ConcurrentBody
    {
        public ConcurrentBody(IAnonymousFunctionOperation function, string construct, IParameterSymbol? indexParameter)
        {
            Function = function;
            Construct = construct;
            IndexParameter = indexParameter;
        }

        public IAnonymousFunctionOperation Function { get; }

        public string Construct { get; }

        public IParameterSymbol? IndexParameter { get; }
    }
}
