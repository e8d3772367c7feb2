using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Values that differ on every run: clocks, process ids, GUIDs, per-process randomized hash codes, OS
    /// randomness, and Random.Shared. Resolved once per compilation.
    /// </summary>
    internal sealed class SeedSources
    {
        private readonly RandomSymbols _random;
        private readonly INamedTypeSymbol? _environment;
        private readonly INamedTypeSymbol? _dateTime;
        private readonly INamedTypeSymbol? _dateTimeOffset;
        private readonly INamedTypeSymbol? _stopwatch;
        private readonly INamedTypeSymbol? _hashCode;
        private readonly INamedTypeSymbol? _randomNumberGenerator;
        private readonly INamedTypeSymbol _object;
        private readonly INamedTypeSymbol _valueType;

        internal SeedSources(Compilation compilation, RandomSymbols random)
        {
            _random = random;
            _environment = compilation.GetTypeByMetadataName("System.Environment");
            _dateTime = compilation.GetTypeByMetadataName("System.DateTime");
            _dateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            _stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
            _hashCode = compilation.GetTypeByMetadataName("System.HashCode");
            _randomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
            _object = compilation.GetSpecialType(SpecialType.System_Object);
            _valueType = compilation.GetSpecialType(SpecialType.System_ValueType);
        }

        /// <summary>
        /// True when <paramref name="operation"/> is a source, or a member access, call or conversion on one
        /// (<c>DateTime.Now.Ticks</c>, <c>Guid.NewGuid().GetHashCode()</c>, <c>Random.Shared.Next()</c>).
        /// </summary>
        internal bool IsSourceChain(IOperation operation, ImmutableHashSet<string> additionalSources)
        {
            for (IOperation? current = operation; current != null; current = Receiver(current))
            {
                if (IsSource(current) || (!additionalSources.IsEmpty && IsAdditionalSource(current, additionalSources)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The .editorconfig key listing a project's own nondeterministic members (comma separated,
        /// "Namespace.Type.Member"), for example a clock wrapper: <c>seedanalyzers.SEED003.additional_sources</c>.
        /// </summary>
        internal const string AdditionalSourcesKey = "seedanalyzers.SEED003.additional_sources";

        internal static ImmutableHashSet<string> ParseAdditionalSources(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableHashSet<string>.Empty;
            }

            ImmutableHashSet<string>.Builder names = ImmutableHashSet.CreateBuilder<string>(System.StringComparer.Ordinal);
            foreach (string part in value!.Split(new[] { ',', ';' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                string name = part.Trim();
                if (name.Length > 0)
                {
                    names.Add(name);
                }
            }

            return names.ToImmutable();
        }

        private static bool IsAdditionalSource(IOperation operation, ImmutableHashSet<string> names)
        {
            ISymbol? member = operation switch
            {
                IMemberReferenceOperation reference => reference.Member,
                IInvocationOperation invocation => invocation.TargetMethod,
                _ => null,
            };
            return member?.ContainingType != null && names.Contains(member.ContainingType.ToDisplayString() + "." + member.Name);
        }

        private static IOperation? Receiver(IOperation operation) => operation switch
        {
            IMemberReferenceOperation member => member.Instance,
            IInvocationOperation invocation => invocation.Instance,
            IConversionOperation conversion => conversion.Operand,
            IParenthesizedOperation parenthesized => parenthesized.Operand,
            _ => null,
        };

        private bool IsSource(IOperation operation)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    return IsSourceProperty(property.Property);
                case IInvocationOperation invocation:
                    return IsSourceMethod(invocation);
                default:
                    return false;
            }
        }

        private bool IsSourceProperty(IPropertySymbol property)
        {
            INamedTypeSymbol type = property.ContainingType;
            switch (property.Name)
            {
                case "TickCount":
                case "TickCount64":
                case "ProcessId":
                    return Is(type, _environment);
                case "Now":
                case "UtcNow":
                case "Today":
                    return Is(type, _dateTime) || Is(type, _dateTimeOffset);
                case "Shared":
                    return _random.IsRandomShared(property);
                default:
                    return false;
            }
        }

        private bool IsSourceMethod(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol type = method.ContainingType;
            switch (method.Name)
            {
                case "GetTimestamp":
                    return Is(type, _stopwatch);
                case "NewGuid":
                    return Is(type, _random.Guid);
                case "Combine":
                case "ToHashCode":
                    return Is(type, _hashCode);
                case "GetHashCode":
                    // string hashes are randomized per process; object's and ValueType's defaults depend on
                    // identity or layout, so only types that override GetHashCode themselves are stable.
                    return invocation.Instance?.Type?.SpecialType == SpecialType.System_String
                        || Is(type, _object)
                        || Is(type, _valueType);
                default:
                    return _randomNumberGenerator != null && InheritsFrom(type, _randomNumberGenerator);
            }
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            expected != null && SymbolEqualityComparer.Default.Equals(type, expected);

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol expected)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, expected))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
