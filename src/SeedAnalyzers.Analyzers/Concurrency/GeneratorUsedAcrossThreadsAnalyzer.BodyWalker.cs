using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class GeneratorUsedAcrossThreadsAnalyzer
    {
        /// <summary>
        /// The draws (from a generator, or from torch's global generator) and the calls into the analyzed type's own
        /// methods and those of its base types in the compilation, in one body, in source order. Does not
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

            /// <summary>Calls into methods of other types declared in the compilation (a utility class's static helpers).</summary>
            public List<IInvocationOperation> OtherCalls { get; } = new List<IInvocationOperation>();

            public void Run(OwnTypes types)
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

                    Visit(operation, locked, types);
                    locked |= operation is ILockOperation;

                    // Pushed in reverse, popped in source order.
                    foreach (IOperation child in operation.ChildOperations.Reverse())
                    {
                        pending.Push((child, locked));
                    }
                }
            }

            private void Visit(IOperation operation, bool locked, OwnTypes types)
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
                    Draws.Add(new Draw(operation, receiver, locked, global: false));
                }

                if (operation is IInvocationOperation invocation)
                {
                    if (_symbols.Torch is TorchSymbols torch && torch.IsTorchSharp(invocation.TargetMethod) && TorchRandomOperations.IsRandom(invocation, torch))
                    {
                        Draws.Add(new Draw(operation, operation, locked, global: true));
                    }

                    IMethodSymbol callee = invocation.TargetMethod.OriginalDefinition;
                    if (callee.IsExtern || invocation.Syntax.ContainsDiagnostics)
                    {
                        return;
                    }

                    if (types.Contains(callee.ContainingType))
                    {
                        Calls.Add(invocation);
                    }
                    else if (types.InCompilation(callee))
                    {
                        OtherCalls.Add(invocation);
                    }
                }
            }
        }

        /// <summary>
        /// The analyzed type and its base types declared in the compilation: their methods are the helpers a delegate's
        /// calls are followed into (a derived class's Parallel.For body calling the base class's Mutate).
        /// </summary>
        private sealed class OwnTypes
        {
            private readonly List<INamedTypeSymbol> _types = new List<INamedTypeSymbol>();
            private readonly IAssemblySymbol _assembly;

            public OwnTypes(INamedTypeSymbol? type, Compilation compilation)
            {
                _assembly = compilation.Assembly;
                for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
                {
                    if (!SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, compilation.Assembly))
                    {
                        break;
                    }

                    _types.Add(current.OriginalDefinition);
                }
            }

            /// <summary>A method declared in this compilation (its body can be read), of any type.</summary>
            public bool InCompilation(IMethodSymbol method) =>
                method.ContainingType != null && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly);

            public bool Contains(INamedTypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                foreach (INamedTypeSymbol own in _types)
                {
                    if (SymbolEqualityComparer.Default.Equals(own, type))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private sealed class Draw
        {
            public Draw(IOperation operation, IOperation receiver, bool locked, bool global)
            {
                Operation = operation;
                Receiver = receiver;
                Locked = locked;
                Global = global;
            }

            public IOperation Operation { get; }

            public IOperation Receiver { get; }

            public bool Locked { get; }

            /// <summary>A TorchSharp random operation without a generator: it draws from torch's global generator.</summary>
            public bool Global { get; }

            /// <summary>For a draw reached through a helper: the method that draws.</summary>
            public IMethodSymbol? Method { get; private set; }

            public Draw In(IMethodSymbol method) => new Draw(Operation, Receiver, Locked, Global) { Method = method };
        }
    }
}
