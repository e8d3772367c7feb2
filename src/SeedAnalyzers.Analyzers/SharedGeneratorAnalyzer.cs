using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// SEED010: a draw, inside code that runs on other threads (Parallel.*, PLINQ, Task.Run, StartNew, threads, thread
    /// pool, timers), from a Random or torch.Generator that lives outside that code, so several threads share it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SharedGeneratorAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the lambda parameter holding the loop index, when the construct has one.</summary>
        public const string IndexProperty = "Index";

        /// <summary>Diagnostic property: "ForEach" when a Parallel.ForEach without an index could switch overloads.</summary>
        public const string ConstructProperty = "Construct";

        public static readonly DiagnosticDescriptor Rule = Rules.Create(
            RuleIdentifiers.GeneratorSharedAcrossThreads,
            "A random generator is shared by concurrent workers",
            "'{0}' is shared by the workers of {1}: {2}; give each index or task its own stream",
            DiagnosticSeverity.Warning,
            "One generator drawn from several threads is two bugs: System.Random corrupts its state under concurrent calls (it starts returning 0), and even a thread-safe generator hands out numbers in scheduling order, so results change from run to run and with the thread count. Derive a stream per loop index (rng.ForIndex(i), Determinism.Random(name, i)) so each worker's numbers depend only on its index.");

        private const string Unlocked = "System.Random corrupts under concurrent calls, and which worker gets which numbers depends on scheduling";
        private const string Locked = "the lock prevents corruption, but which worker gets which numbers still depends on scheduling";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                ConcurrencySymbols? symbols = ConcurrencySymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => AnalyzeInvocation(operation, symbols), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ConcurrencySymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            // A draw: a call on a Random (except the thread-safe derivations), or a torch.Generator passed to an op.
            if (invocation.Instance != null && symbols.IsDraw(invocation))
            {
                Check(context, invocation.Instance, invocation, symbols);
            }

            if (symbols.TorchGenerator != null)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Value.Type, symbols.TorchGenerator))
                    {
                        Check(context, argument.Value, invocation, symbols);
                    }
                }
            }

            if (symbols.ConstructOf(invocation) is string construct)
            {
                CheckMethodGroups(context, invocation, construct, symbols);
            }
        }

        /// <summary>
        /// Parallel.For(0, n, Body): the worker is a method of this file; its draws on fields and properties are shared
        /// by every worker (its own locals and parameters are not).
        /// </summary>
        private static void CheckMethodGroups(OperationAnalysisContext context, IInvocationOperation invocation, string construct, ConcurrencySymbols symbols)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (!(Unwrap(argument.Value) is IDelegateCreationOperation creation) || !(creation.Target is IMethodReferenceOperation reference))
                {
                    continue;
                }

                foreach (SyntaxReference declaration in reference.Method.DeclaringSyntaxReferences)
                {
                    if (declaration.SyntaxTree != invocation.Syntax.SyntaxTree || invocation.SemanticModel is null)
                    {
                        continue;
                    }

                    IOperation? body = invocation.SemanticModel.GetOperation(declaration.GetSyntax(context.CancellationToken), context.CancellationToken);
                    if (body is null)
                    {
                        continue;
                    }

                    foreach (IOperation descendant in body.Descendants())
                    {
                        if (descendant is IInvocationOperation draw && draw.Instance != null && symbols.IsDraw(draw)
                            && Unwrap(draw.Instance) is IOperation generator
                            && ((generator is IFieldReferenceOperation field && !symbols.IsThreadStatic(field.Field))
                                || (generator is IPropertyReferenceOperation property && !symbols.IsPerThreadProperty(property.Property))))
                        {
                            string why = IsInsideLock(draw, body) ? Locked : Unlocked;
                            context.ReportDiagnostic(Diagnostic.Create(Rule, generator.Syntax.GetLocation(), generator.Syntax.ToString(), construct + " (through '" + reference.Method.Name + "')", why));
                        }
                    }
                }
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation generator, IOperation draw, ConcurrencySymbols symbols)
        {
            generator = Unwrap(generator);
            if (!symbols.TryFindConcurrentBody(draw, out ConcurrentBody body) || !IsSharedStorage(generator, body, symbols))
            {
                return;
            }

            string name = generator.Syntax.ToString();
            string why = IsInsideLock(draw, body.Function) ? Locked : Unlocked;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            if (body.IndexParameter != null)
            {
                properties = properties.Add(IndexProperty, body.IndexParameter.Name);
            }

            if (body.Construct == "Parallel.ForEach")
            {
                properties = properties.Add(ConstructProperty, body.Construct);
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, generator.Syntax.GetLocation(), properties, name, body.Construct, why));
        }

        /// <summary>True when the generator's storage outlives one worker: captured local, parameter, field or property.</summary>
        private static bool IsSharedStorage(IOperation generator, ConcurrentBody body, ConcurrencySymbols symbols)
        {
            switch (generator)
            {
                case ILocalReferenceOperation local:
                    return !IsDeclaredInside(local.Local, body.Function);
                case IParameterReferenceOperation parameter:
                    return !IsDeclaredInside(parameter.Parameter, body.Function);
                case IFieldReferenceOperation field:
                    return !symbols.IsThreadStatic(field.Field);
                case IPropertyReferenceOperation property:
                    return !symbols.IsPerThreadProperty(property.Property);
                default:
                    return false;
            }
        }

        private static bool IsDeclaredInside(ISymbol symbol, IOperation function)
        {
            foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == function.Syntax.SyntaxTree && function.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInsideLock(IOperation draw, IOperation function)
        {
            for (IOperation? current = draw.Parent; current != null && current != function; current = current.Parent)
            {
                if (current is ILockOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
