using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;

namespace SeedAnalyzers
{
    /// <summary>Where two results first differ: the path from the root (<c>[3]</c>, <c>["values"][37]</c>, <c>.Item2</c>).</summary>
    internal sealed class ValueDifference
    {
        internal ValueDifference(string path, long? index, string what)
        {
            Path = path;
            Index = index;
            What = what;
        }

        internal string Path { get; }

        internal long? Index { get; }

        internal string What { get; }

        internal string Describe() => Path.Length == 0 ? What : $"first difference at {Path}: {What}";
    }

    /// <summary>The value comparison of <see cref="Reproducibility.Verify{T}(Func{T}, int, long?)"/>.</summary>
    internal static class ValueComparison
    {
        /// <summary>Deeper than this, a result is taken to contain itself.</summary>
        private const int MaxDepth = 100;

        private static readonly object Gate = new object();
        private static Dictionary<Type, Converter> _converters = new Dictionary<Type, Converter>();

        internal static IDisposable Register(Type type, Func<object, object?> convert)
        {
            var converter = new Converter(type, convert);
            lock (Gate)
            {
                // Copy on write: comparisons read the dictionary without a lock.
                System.Threading.Volatile.Write(ref _converters, new Dictionary<Type, Converter>(_converters) { [type] = converter });
            }

            return converter;
        }

        internal static ValueDifference? Compare(object? expected, object? actual) => Compare(expected, actual, string.Empty, 0);

        private static ValueDifference? Compare(object? expected, object? actual, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new NotSupportedException($"The result is nested deeper than {MaxDepth} levels at {path}; does it contain itself? Pass an IEqualityComparer<T> to Verify.");
            }

            expected = Convert(expected);
            actual = Convert(actual);
            if (expected is null || actual is null)
            {
                return expected is null && actual is null ? null : new ValueDifference(path, null, $"{Show(expected)} vs {Show(actual)}");
            }

            Type type = expected.GetType();
            if (type != actual.GetType())
            {
                return new ValueDifference(path, null, $"a {type} vs a {actual.GetType()}");
            }

            switch (expected)
            {
                case double left:
                    return BitConverter.DoubleToInt64Bits(left) == BitConverter.DoubleToInt64Bits((double)actual) ? null : new ValueDifference(path, null, $"{Show(left)} vs {Show(actual)}");
                case float left:
                    return FloatBits(left) == FloatBits((float)actual) ? null : new ValueDifference(path, null, $"{Show(left)} vs {Show(actual)}");
                case decimal left:
                    return EqualBits(decimal.GetBits(left), decimal.GetBits((decimal)actual)) ? null : new ValueDifference(path, null, $"{left} vs {actual}");
                case string left:
                    return CompareStrings(left, (string)actual, path);
                case double[] left:
                    return CompareDoubles(left, (double[])actual, path);
                case float[] left:
                    return CompareFloats(left, (float[])actual, path);
                case IDictionary left:
                    return CompareDictionaries(left, (IDictionary)actual, path, depth);
                case IEnumerable left:
                    return CompareSequences(left, (IEnumerable)actual, path, depth);
            }

            if (type.IsPrimitive || type.IsEnum)
            {
                return expected.Equals(actual) ? null : new ValueDifference(path, null, $"{Show(expected)} vs {Show(actual)}");
            }

            if (TupleItems(type) is MemberInfo[] items)
            {
                foreach (MemberInfo item in items)
                {
                    ValueDifference? difference = Compare(Read(item, expected), Read(item, actual), path + "." + item.Name, depth + 1);
                    if (difference != null)
                    {
                        return difference;
                    }
                }

                return null;
            }

            if (!type.IsValueType && type.GetMethod(nameof(object.Equals), new[] { typeof(object) })?.DeclaringType == typeof(object))
            {
                throw new NotSupportedException(
                    $"Reproducibility.Verify cannot compare {type} by value: it does not override Equals, so two equal results " +
                    "from two runs would look different. Return the data itself (an array, a list, a record, a tuple), " +
                    "register a converter with Reproducibility.RegisterConverter, or pass an IEqualityComparer<T> to Verify.");
            }

            return expected.Equals(actual) ? null : new ValueDifference(path, null, $"{Show(expected)} vs {Show(actual)}");
        }

        private static object? Convert(object? value)
        {
            if (value is null)
            {
                return null;
            }

            Dictionary<Type, Converter> converters = System.Threading.Volatile.Read(ref _converters);
            if (converters.Count == 0)
            {
                return value;
            }

            for (Type? type = value.GetType(); type != null; type = type.BaseType)
            {
                if (converters.TryGetValue(type, out Converter? converter))
                {
                    return converter.Convert(value);
                }
            }

            foreach (Type contract in value.GetType().GetInterfaces())
            {
                if (converters.TryGetValue(contract, out Converter? converter))
                {
                    return converter.Convert(value);
                }
            }

            return value;
        }

        private static ValueDifference? CompareStrings(string expected, string actual, string path)
        {
            int length = Math.Min(expected.Length, actual.Length);
            for (int i = 0; i < length; i++)
            {
                if (expected[i] != actual[i])
                {
                    return new ValueDifference($"{path}[{i}]", i, $"\"{expected}\" vs \"{actual}\"");
                }
            }

            return expected.Length == actual.Length
                ? null
                : new ValueDifference($"{path}[{length}]", length, $"lengths differ: {expected.Length} vs {actual.Length} (\"{expected}\" vs \"{actual}\")");
        }

        private static ValueDifference? CompareDoubles(double[] expected, double[] actual, string path)
        {
            int length = Math.Min(expected.Length, actual.Length);
            for (int i = 0; i < length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                {
                    return new ValueDifference($"{path}[{i}]", i, $"{Show(expected[i])} vs {Show(actual[i])}");
                }
            }

            return LengthDifference(expected.Length, actual.Length, path);
        }

        private static ValueDifference? CompareFloats(float[] expected, float[] actual, string path)
        {
            int length = Math.Min(expected.Length, actual.Length);
            for (int i = 0; i < length; i++)
            {
                if (FloatBits(expected[i]) != FloatBits(actual[i]))
                {
                    return new ValueDifference($"{path}[{i}]", i, $"{Show(expected[i])} vs {Show(actual[i])}");
                }
            }

            return LengthDifference(expected.Length, actual.Length, path);
        }

        private static ValueDifference? CompareSequences(IEnumerable expected, IEnumerable actual, string path, int depth)
        {
            if (expected is Array left && actual is Array right && left.Rank > 1)
            {
                for (int dimension = 0; dimension < left.Rank; dimension++)
                {
                    if (left.GetLength(dimension) != right.GetLength(dimension))
                    {
                        return new ValueDifference(path, null, $"dimension {dimension} has length {left.GetLength(dimension)} vs {right.GetLength(dimension)}");
                    }
                }
            }

            IEnumerator first = expected.GetEnumerator();
            IEnumerator second = actual.GetEnumerator();
            try
            {
                long index = 0;
                while (true)
                {
                    bool hasFirst = first.MoveNext();
                    bool hasSecond = second.MoveNext();
                    if (!hasFirst || !hasSecond)
                    {
                        if (hasFirst == hasSecond)
                        {
                            return null;
                        }

                        long longer = index;
                        IEnumerator rest = hasFirst ? first : second;
                        do
                        {
                            longer++;
                        }
                        while (rest.MoveNext());

                        return hasFirst ? LengthDifference(longer, index, path) : LengthDifference(index, longer, path);
                    }

                    ValueDifference? difference = Compare(first.Current, second.Current, $"{path}[{index}]", depth + 1);
                    if (difference != null)
                    {
                        return difference.Index.HasValue ? difference : new ValueDifference(difference.Path, index, difference.What);
                    }

                    index++;
                }
            }
            finally
            {
                (first as IDisposable)?.Dispose();
                (second as IDisposable)?.Dispose();
            }
        }

        private static ValueDifference? CompareDictionaries(IDictionary expected, IDictionary actual, string path, int depth)
        {
            if (expected.Count != actual.Count)
            {
                return new ValueDifference(path, null, $"{expected.Count} entries vs {actual.Count}");
            }

            foreach (DictionaryEntry entry in expected)
            {
                string keyPath = $"{path}[{(entry.Key is string text ? "\"" + text + "\"" : System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture))}]";
                if (!actual.Contains(entry.Key))
                {
                    return new ValueDifference(keyPath, null, "the key is missing from the later run");
                }

                ValueDifference? difference = Compare(entry.Value, actual[entry.Key], keyPath, depth + 1);
                if (difference != null)
                {
                    return difference;
                }
            }

            return null;
        }

        private static ValueDifference? LengthDifference(long expected, long actual, string path) =>
            expected == actual ? null : new ValueDifference($"{path}[{Math.Min(expected, actual)}]", Math.Min(expected, actual), $"lengths differ: {expected} vs {actual}");

        /// <summary>The items of a Tuple or ValueTuple (Item1.., Rest), or of a KeyValuePair (Key, Value); otherwise null.</summary>
        private static MemberInfo[]? TupleItems(Type type)
        {
            if (!type.IsGenericType)
            {
                return null;
            }

            Type definition = type.GetGenericTypeDefinition();
            string name = definition.FullName ?? string.Empty;
            if (definition == typeof(KeyValuePair<,>))
            {
                return new MemberInfo[] { type.GetProperty("Key")!, type.GetProperty("Value")! };
            }

            bool valueTuple = name.StartsWith("System.ValueTuple`", StringComparison.Ordinal);
            if (!valueTuple && !name.StartsWith("System.Tuple`", StringComparison.Ordinal))
            {
                return null;
            }

            var items = new MemberInfo[type.GetGenericArguments().Length];
            for (int position = 0; position < items.Length; position++)
            {
                string item = position == 7 ? "Rest" : "Item" + (position + 1).ToString(CultureInfo.InvariantCulture);
                items[position] = valueTuple ? type.GetField(item)! : type.GetProperty(item)!;
            }

            return items;
        }

        private static object? Read(MemberInfo member, object owner) =>
            member is FieldInfo field ? field.GetValue(owner) : ((PropertyInfo)member).GetValue(owner);

        private static int FloatBits(float value) => BitConverter.ToInt32(BitConverter.GetBytes(value), 0);

        private static bool EqualBits(int[] left, int[] right)
        {
            for (int i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string Show(object? value) => value switch
        {
            null => "null",
            double d => $"{d.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.DoubleToInt64Bits(d):x16})",
            float f => $"{f.ToString("R", CultureInfo.InvariantCulture)} (0x{FloatBits(f):x8})",
            string s => "\"" + s + "\"",
            _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().ToString(),
        };

        private sealed class Converter : IDisposable
        {
            private readonly Type _type;
            private readonly Func<object, object?> _convert;

            internal Converter(Type type, Func<object, object?> convert)
            {
                _type = type;
                _convert = convert;
            }

            internal object? Convert(object value) => _convert(value);

            public void Dispose()
            {
                lock (Gate)
                {
                    if (_converters.TryGetValue(_type, out Converter? current) && ReferenceEquals(current, this))
                    {
                        var remaining = new Dictionary<Type, Converter>(_converters);
                        remaining.Remove(_type);
                        System.Threading.Volatile.Write(ref _converters, remaining);
                    }
                }
            }
        }
    }
}
