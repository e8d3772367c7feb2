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
        private readonly INamedTypeSymbol? _mathNetRandomSeed;
        private readonly INamedTypeSymbol? _interlocked;
        private readonly INamedTypeSymbol? _math;
        private readonly INamedTypeSymbol? _mathF;
        private readonly INamedTypeSymbol? _convert;
        private readonly INamedTypeSymbol? _bitConverter;
        private readonly INamedTypeSymbol? _buffer;
        private readonly INamedTypeSymbol _object;
        private readonly INamedTypeSymbol _valueType;

        internal SeedSources(KnownSymbols known, RandomSymbols random)
        {
            _random = random;
            _environment = known.Type("System.Environment");
            _dateTime = known.Type("System.DateTime");
            _dateTimeOffset = known.Type("System.DateTimeOffset");
            _stopwatch = known.Type("System.Diagnostics.Stopwatch");
            _hashCode = known.Type("System.HashCode");
            _randomNumberGenerator = known.Type("System.Security.Cryptography.RandomNumberGenerator");
            _mathNetRandomSeed = known.Type("MathNet.Numerics.Random.RandomSeed");
            _interlocked = known.Type("System.Threading.Interlocked");
            _math = known.Type("System.Math");
            _mathF = known.Type("System.MathF");
            _convert = known.Type("System.Convert");
            _bitConverter = known.Type("System.BitConverter");
            _buffer = known.Type("System.Buffer");
            _object = known.Compilation.GetSpecialType(SpecialType.System_Object);
            _valueType = known.Compilation.GetSpecialType(SpecialType.System_ValueType);
        }

        /// <summary>
        /// True when a type whose members are sources is declared in <paramref name="assembly"/>: Math.NET's
        /// <c>RandomSeed</c> when Math.NET itself is being compiled. Calls into the compilation's own code are then
        /// checked for a source like any other.
        /// </summary>
        internal bool AnyDeclaredIn(IAssemblySymbol assembly)
        {
            foreach (INamedTypeSymbol? type in new[] { _environment, _dateTime, _dateTimeOffset, _stopwatch, _hashCode, _randomNumberGenerator, _mathNetRandomSeed, _random.Guid, _random.Random })
            {
                if (type != null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, assembly))
                {
                    return true;
                }
            }

            return false;
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
        /// True when <paramref name="operation"/> is itself a source (<c>DateTime.Now</c>, <c>Guid.NewGuid()</c>), or a
        /// configured one; not a member of one. What starts SEED003's forward trace.
        /// </summary>
        internal bool IsSourceItself(IOperation operation, ImmutableHashSet<string> additionalSources) =>
            IsSource(operation) || (!additionalSources.IsEmpty && IsAdditionalSource(operation, additionalSources));

        /// <summary>True when a property of this name may be a source (<see cref="IsSourceProperty"/> decides): its length, then a compare; no symbols.</summary>
        internal static bool IsSourcePropertyName(string name)
        {
            // By length first: a string switch of this many cases hashes the whole name before it compares.
            switch (name.Length)
            {
                case 3:
                    return name == "Now";
                case 5:
                    return name == "Today";
                case 6:
                    return name == "UtcNow" || name == "Shared";
                case 9:
                    return name == "TickCount" || name == "ProcessId";
                case 11:
                    return name == "TickCount64";
                default:
                    return false;
            }
        }

        /// <summary>
        /// False when a property read whose value has this type cannot be a source: a source property is an
        /// <c>int</c> or <c>long</c> (<c>TickCount</c>, <c>ProcessId</c>), a <c>DateTime</c> or <c>DateTimeOffset</c>
        /// (<c>Now</c>), or a <c>Random</c> (<c>Shared</c>). Read after the name (<see cref="IsSourcePropertyName"/>): most
        /// reads are of an int or a struct, which this lets through, and a type symbol is as far from the operation as a name.
        /// </summary>
        internal bool MayBeSourcePropertyType(ITypeSymbol? type)
        {
            switch (type?.TypeKind)
            {
                case TypeKind.Struct:
                    // DateTimeOffset and other structs have no special type.
                    return IsIntOrLong(type.SpecialType) || type.SpecialType == SpecialType.System_DateTime || type.SpecialType == SpecialType.None;
                case TypeKind.Class:
                    // The one symbol, not the name: a class of the compilation's own reads its name from its declarations.
                    return ReferenceEquals(type, _random.Random) || SymbolEqualityComparer.Default.Equals(type, _random.Random);
                case TypeKind.Interface:
                case TypeKind.Enum:
                case TypeKind.Delegate:
                case TypeKind.TypeParameter:
                case TypeKind.Array:
                case TypeKind.Pointer:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>
        /// False when a call whose value has this type cannot be a source: a source call gives an <c>int</c> or
        /// <c>long</c> (hash codes, <c>GetTimestamp</c>, <c>GetInt32</c>), a <c>Guid</c>, a string or an array
        /// (<c>GetHexString</c>, <c>GetItems</c>), or nothing (<c>RandomNumberGenerator.Fill</c>).
        /// </summary>
        internal static bool MayBeSourceCallType(ITypeSymbol? type)
        {
            switch (type?.TypeKind)
            {
                case TypeKind.Struct:
                    // Guid has no special type; void is a struct too.
                    return IsIntOrLong(type.SpecialType) || type.SpecialType == SpecialType.System_Void || type.SpecialType == SpecialType.None;
                case TypeKind.Class:
                    return type.SpecialType == SpecialType.System_String;
                case TypeKind.Interface:
                case TypeKind.Enum:
                case TypeKind.Delegate:
                case TypeKind.TypeParameter:
                case TypeKind.Pointer:
                    return false;
                default:
                    return true;
            }
        }

        private static bool IsIntOrLong(SpecialType type) => type == SpecialType.System_Int32 || type == SpecialType.System_Int64;

        /// <summary>The names of the calls that are sources, RandomNumberGenerator's aside (<see cref="IsSourceMethod"/>).</summary>
        private static bool IsSourceMethodName(string name)
        {
            // By length first: a string switch of this many cases hashes the whole name before it compares.
            switch (name.Length)
            {
                case 4:
                    return name == "Time" || name == "Guid";
                case 6:
                    return name == "Robust";
                case 7:
                    return name == "NewGuid" || name == "Combine";
                case 10:
                    return name == "ToHashCode";
                case 11:
                    return name == "GetHashCode";
                case 12:
                    return name == "GetTimestamp";
                default:
                    return false;
            }
        }

        /// <summary>RandomNumberGenerator's methods that give OS randomness, by name (its type decides, <see cref="MayBeSourceMethod"/>).</summary>
        private static bool IsGeneratorMethodName(string name)
        {
            switch (name.Length)
            {
                case 4:
                    return name == "Fill";
                case 7:
                    return name == "Shuffle";
                case 8:
                    return name == "GetBytes" || name == "GetInt32" || name == "GetItems";
                case 9:
                    return name == "GetString";
                case 12:
                    return name == "GetHexString";
                case 15:
                    return name == "GetNonZeroBytes";
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when a call to <paramref name="method"/> may be a source (<see cref="IsSourceMethod"/> decides, with the
        /// call's receiver): the name's length and a compare or two (cheaper than comparing the method's type with each
        /// source's: a symbol comparison is an interface call each), and for RandomNumberGenerator's method names its type.
        /// </summary>
        internal bool MayBeSourceMethod(IMethodSymbol method)
        {
            string name = method.Name;
            return IsSourceMethodName(name) || (IsGeneratorMethodName(name) && method.ContainingType.InheritsFromOrEquals(_randomNumberGenerator));
        }

        /// <summary>
        /// For <c>Buffer.BlockCopy(src, ..., dst, ...)</c> and <c>Array.Copy(sourceArray, ..., destinationArray, ...)</c>
        /// (and <c>ConstrainedCopy</c>), with <paramref name="source"/> the source array: the destination's value. Null for
        /// any other call or argument.
        /// </summary>
        internal IOperation? CopyDestination(IInvocationOperation call, IArgumentOperation source)
        {
            IMethodSymbol method = call.TargetMethod;
            string? destination = (source.Parameter?.Name, method.Name) switch
            {
                ("src", "BlockCopy") when SymbolEqualityComparer.Default.Equals(method.ContainingType, _buffer) => "dst",
                ("sourceArray", "Copy" or "ConstrainedCopy") when method.ContainingType.SpecialType == SpecialType.System_Array => "destinationArray",
                _ => null,
            };
            if (destination is null)
            {
                return null;
            }

            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter?.Name == destination)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The operation a chain link is a member, call or conversion of (<see cref="IsSourceChain"/>), or null.</summary>
        internal static IOperation? ReceiverOf(IOperation operation) => Receiver(operation);

        /// <summary>
        /// A static call whose result is computed from its arguments alone: <c>Math.Abs</c>, <c>Convert.ToInt32</c>,
        /// <c>BitConverter.ToInt32</c>, <c>int.Parse</c>, and <c>Interlocked</c>'s updates (<c>Increment(ref seed)</c>
        /// returns the next value of <c>seed</c>).
        /// </summary>
        internal bool IsValueFunction(IMethodSymbol method)
        {
            if (!method.IsStatic)
            {
                return false;
            }

            INamedTypeSymbol type = method.ContainingType;
            if (type.SpecialType != SpecialType.None)
            {
                return type.SpecialType != SpecialType.System_Object;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _interlocked))
            {
                switch (method.Name)
                {
                    case "Increment":
                    case "Decrement":
                    case "Add":
                    case "Exchange":
                    case "CompareExchange":
                        return true;
                    default:
                        return false;
                }
            }

            return SymbolEqualityComparer.Default.Equals(type, _math)
                || SymbolEqualityComparer.Default.Equals(type, _mathF)
                || SymbolEqualityComparer.Default.Equals(type, _convert)
                || SymbolEqualityComparer.Default.Equals(type, _bitConverter);
        }

        /// <summary>
        /// False when the expression's text names no source (no <c>Now</c>, <c>TickCount</c>, <c>NewGuid</c>, ... and no
        /// configured member): such an expression is not bound to be traced.
        /// </summary>
        internal static bool MayHoldSource(SyntaxNode expression, ImmutableHashSet<string> additionalSources)
        {
            foreach (SyntaxToken token in expression.DescendantTokens())
            {
                if (token.RawKind != (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                {
                    continue;
                }

                string text = token.ValueText;
                if (IsSourcePropertyName(text) || IsSourceMethodName(text) || text == "RandomNumberGenerator")
                {
                    return true;
                }

                if (!additionalSources.IsEmpty)
                {
                    foreach (string member in additionalSources)
                    {
                        if (member.EndsWith("." + token.ValueText, System.StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
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
                    return type.Is(_environment);
                case "Now":
                case "UtcNow":
                case "Today":
                    return type.Is(_dateTime) || type.Is(_dateTimeOffset);
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
                    return type.Is(_stopwatch);
                case "Time":
                case "Guid":
                case "Robust":
                    // Math.NET's RandomSeed: the clock, a GUID, or OS randomness.
                    return type.Is(_mathNetRandomSeed);
                case "NewGuid":
                    return type.Is(_random.Guid);
                case "Combine":
                case "ToHashCode":
                    return type.Is(_hashCode);
                case "GetHashCode":
                    // string hashes are randomized per process; object's and ValueType's defaults depend on
                    // identity or layout, so only types that override GetHashCode themselves are stable.
                    return invocation.Instance?.Type?.SpecialType == SpecialType.System_String
                        || type.Is(_object)
                        || type.Is(_valueType);
                default:
                    return type.InheritsFromOrEquals(_randomNumberGenerator);
            }
        }
    }
}
