using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Recognizes <c>OrderBy(_ =&gt; Guid.NewGuid())</c>, <c>OrderBy(_ =&gt; Random.Shared.Next())</c> and
    /// <c>OrderBy(_ =&gt; new Random().Next())</c>: a shuffle keyed by a generator nobody can seed.
    /// </summary>
    internal static class ShuffleIdiom
    {
        /// <summary>The key expression of an ordering operator's selector when it is an unseedable draw.</summary>
        public static IOperation? GetUnseedableKey(IInvocationOperation invocation, RandomSymbols symbols)
        {
            if (!symbols.IsOrderingOperator(invocation.TargetMethod) || invocation.Arguments.Length < 2)
            {
                return null;
            }

            IOperation selector = invocation.Arguments[1].Value.Unwrap();
            if (!(selector is IDelegateCreationOperation delegateCreation)
                || !(delegateCreation.Target.Unwrap() is IAnonymousFunctionOperation function))
            {
                return null;
            }

            IOperation? key = SingleReturnedValue(function.Body);
            return key != null && IsUnseedableDraw(key, symbols) ? key : null;
        }

        /// <summary>The ordering invocation whose key selector is exactly <paramref name="draw"/>, if any.</summary>
        public static IInvocationOperation? FindEnclosingIdiom(IOperation draw, RandomSymbols symbols)
        {
            IOperation? current = draw.Parent;
            for (int depth = 0; current != null && depth < 8; depth++, current = current.Parent)
            {
                if (current is IInvocationOperation invocation && symbols.IsOrderingOperator(invocation.TargetMethod))
                {
                    IOperation? key = GetUnseedableKey(invocation, symbols);
                    return key != null && Contains(key, draw) ? invocation : null;
                }
            }

            return null;
        }

        private static bool Contains(IOperation outer, IOperation inner)
        {
            for (IOperation? current = inner; current != null; current = current.Parent)
            {
                if (current == outer)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUnseedableDraw(IOperation key, RandomSymbols symbols)
        {
            if (!(key is IInvocationOperation call))
            {
                return false;
            }

            if (call.TargetMethod.Name == "NewGuid" && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Guid))
            {
                return true;
            }

            IOperation? receiver = call.Instance is null ? null : call.Instance.Unwrap();
            return (receiver is IPropertyReferenceOperation property && symbols.IsRandomShared(property.Property))
                || (receiver is IObjectCreationOperation creation && creation.Arguments.Length == 0
                    && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Random));
        }

        private static IOperation? SingleReturnedValue(IBlockOperation body)
        {
            if (body.Operations.Length != 1 || !(body.Operations[0] is IReturnOperation returned) || returned.ReturnedValue is null)
            {
                return null;
            }

            return returned.ReturnedValue.Unwrap();
        }
    }
}
