using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>Operation helpers every rule uses the same way.</summary>
    internal static class OperationExtensions
    {
        /// <summary>
        /// The operation under the conversions around it: implicit ones (what the compiler inserted, so the value is
        /// what the source spells), and explicit casts too when <paramref name="explicitConversions"/> is set.
        /// </summary>
        public static IOperation Unwrap(this IOperation operation, bool explicitConversions = false)
        {
            while (operation is IConversionOperation conversion && (conversion.IsImplicit || explicitConversions))
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>A <c>null</c> literal, through implicit conversions (<c>generator: null</c>, <c>seed: null</c>).</summary>
        public static bool IsNullConstant(this IOperation value)
        {
            Optional<object?> constant = value.Unwrap().ConstantValue;
            return constant.HasValue && constant.Value is null;
        }
    }
}
