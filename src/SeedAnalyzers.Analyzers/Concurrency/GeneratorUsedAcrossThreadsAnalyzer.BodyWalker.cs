using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    public sealed partial class GeneratorUsedAcrossThreadsAnalyzer
    {
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
