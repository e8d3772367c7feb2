using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SeedAnalyzers
{
    /// <summary>
    /// A strict JSON reader for seed manifests (RFC 8259): objects become dictionaries, arrays lists, strings strings,
    /// numbers <see cref="JsonNumber"/> (their text, so 64-bit seeds never round through double). Any malformed input,
    /// including nesting deeper than <see cref="MaxDepth"/>, throws <see cref="FormatException"/> with the offset, never
    /// another exception and never a stack overflow. One reader serves netstandard2.0 and net8.0, so the reader the
    /// tests fuzz is the one every build ships (System.Text.Json would be a package dependency on netstandard2.0).
    /// </summary>
    internal sealed class ManifestJsonReader
    {
        /// <summary>A manifest nests three levels; anything deeper than this is not one.</summary>
        internal const int MaxDepth = 64;

        /// <summary>The longest manifest read (64 MiB: a million re-seed records fit).</summary>
        internal const int MaxLength = 64 * 1024 * 1024;

        private const string NaNText = "NaN";
        private const string PositiveInfinityText = "Infinity";
        private const string NegativeInfinityText = "-Infinity";

        private readonly string _text;
        private int _position;
        private int _depth;

        internal ManifestJsonReader(string text) => _text = text;

        /// <summary>
        /// A finite value as the shortest JSON number that reads back to the same bits; NaN and the infinities, which
        /// JSON has no number for, as the strings "NaN", "Infinity" and "-Infinity".
        /// </summary>
        internal static string FormatDouble(double value, out bool quoted)
        {
            quoted = double.IsNaN(value) || double.IsInfinity(value);
            if (double.IsNaN(value))
            {
                return NaNText;
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? PositiveInfinityText : NegativeInfinityText;
            }

            // "R" is not always round-trippable on .NET Framework; G17 always is.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value)
                ? text
                : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        /// <summary>A JSON number that fits a double without overflowing, or one of the strings <see cref="FormatDouble"/> writes.</summary>
        internal static bool TryReadDouble(object? value, out double number)
        {
            switch (value)
            {
                case JsonNumber json:
                    return double.TryParse(json.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && !double.IsInfinity(number);
                case NaNText:
                    number = double.NaN;
                    return true;
                case PositiveInfinityText:
                    number = double.PositiveInfinity;
                    return true;
                case NegativeInfinityText:
                    number = double.NegativeInfinity;
                    return true;
                default:
                    number = 0;
                    return false;
            }
        }

        /// <summary>A JSON number written as a whole number in the range of <see cref="long"/>.</summary>
        internal static bool TryReadInt64(object? value, out long number)
        {
            number = 0;
            return value is JsonNumber json && long.TryParse(json.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
        }

        internal object? ReadDocument()
        {
            if (_text.Length > MaxLength)
            {
                throw new FormatException($"the text is {_text.Length} characters long; a manifest is at most {MaxLength}");
            }

            object? value = ReadValue();
            SkipWhitespace();
            if (_position != _text.Length)
            {
                throw Error("unexpected text after the document");
            }

            return value;
        }

        private object? ReadValue()
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                throw Error("unexpected end of text");
            }

            switch (_text[_position])
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default: return ReadNumber();
            }
        }

        private Dictionary<string, object?> ReadObject()
        {
            Enter();
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (!TryConsume('}'))
            {
                do
                {
                    SkipWhitespace();
                    int keyOffset = _position;
                    string key = ReadString();
                    SkipWhitespace();
                    if (!TryConsume(':'))
                    {
                        throw Error("expected ':'");
                    }

                    object? value = ReadValue();
                    if (result.ContainsKey(key))
                    {
                        throw new FormatException($"the key \"{key}\" appears twice in one object (offset {keyOffset})");
                    }

                    result.Add(key, value);
                    SkipWhitespace();
                }
                while (TryConsume(','));

                if (!TryConsume('}'))
                {
                    throw Error("expected ',' or '}'");
                }
            }

            _depth--;
            return result;
        }

        private List<object?> ReadArray()
        {
            Enter();
            var result = new List<object?>();
            _position++;
            SkipWhitespace();
            if (!TryConsume(']'))
            {
                do
                {
                    result.Add(ReadValue());
                    SkipWhitespace();
                }
                while (TryConsume(','));

                if (!TryConsume(']'))
                {
                    throw Error("expected ',' or ']'");
                }
            }

            _depth--;
            return result;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Error($"nested deeper than {MaxDepth} levels");
            }
        }

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else.</summary>
        private JsonNumber ReadNumber()
        {
            int start = _position;
            TryConsume('-');
            if (!TryConsume('0') && SkipDigits() == 0)
            {
                throw Error(start < _text.Length ? $"unexpected character '{_text[start]}'" : "unexpected end of text");
            }

            if (TryConsume('.') && SkipDigits() == 0)
            {
                throw Error("expected a digit after '.'");
            }

            if (TryConsume('e') || TryConsume('E'))
            {
                if (!TryConsume('+'))
                {
                    TryConsume('-');
                }

                if (SkipDigits() == 0)
                {
                    throw Error("expected a digit in the exponent");
                }
            }

            return new JsonNumber(_text.Substring(start, _position - start));
        }

        private int SkipDigits()
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
            {
                _position++;
            }

            return _position - start;
        }

        private string ReadString()
        {
            if (!TryConsume('"'))
            {
                throw Error("expected a string");
            }

            var value = new StringBuilder();
            while (_position < _text.Length)
            {
                char c = _text[_position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c < 0x20)
                {
                    throw Error("control character in a string");
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (_position >= _text.Length)
                {
                    break;
                }

                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'u': value.Append(ReadHex4()); break;
                    default: throw Error($"invalid escape '\\{escape}'");
                }
            }

            throw Error("unterminated string");
        }

        private char ReadHex4()
        {
            if (_position + 4 > _text.Length)
            {
                throw Error("truncated \\u escape");
            }

            int code = 0;
            for (int i = 0; i < 4; i++)
            {
                char digit = _text[_position++];
                int nibble = digit >= '0' && digit <= '9' ? digit - '0'
                    : digit >= 'a' && digit <= 'f' ? digit - 'a' + 10
                    : digit >= 'A' && digit <= 'F' ? digit - 'A' + 10
                    : throw Error($"invalid hex digit '{digit}' in a \\u escape");
                code = (code << 4) | nibble;
            }

            return (char)code;
        }

        private void Expect(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw Error($"expected '{literal}'");
            }

            _position += literal.Length;
        }

        private bool TryConsume(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r'))
            {
                _position++;
            }
        }

        private FormatException Error(string message) => new FormatException($"{message} at offset {_position}");
    }

    /// <summary>A JSON number, kept as its text so 64-bit seeds are read without rounding through double.</summary>
    internal sealed class JsonNumber
    {
        internal JsonNumber(string text) => Text = text;

        internal string Text { get; }
    }

    /// <summary>Writes the manifest's indented JSON: one field per line, array items as one-line objects.</summary>
    internal sealed class JsonWriter
    {
        private readonly StringBuilder _json = new StringBuilder();
        private readonly Stack<bool> _empty = new Stack<bool>();
        private bool _inlineFirst;

        public override string ToString() => _json.ToString();

        internal void Open(char bracket)
        {
            _json.Append(bracket);
            _empty.Push(true);
        }

        internal void Close(char bracket)
        {
            if (!_empty.Pop())
            {
                _json.Append('\n').Append(' ', _empty.Count * 2);
            }

            _json.Append(bracket);
            if (_empty.Count == 0)
            {
                _json.Append('\n');
            }
        }

        internal JsonWriter Field(string name)
        {
            NewLine();
            Quote(name);
            _json.Append(": ");
            return this;
        }

        internal JsonWriter Item()
        {
            NewLine();
            return this;
        }

        internal void Inline(char bracket)
        {
            _json.Append(bracket).Append(bracket == '{' ? " " : string.Empty);
            _inlineFirst = true;
        }

        internal JsonWriter InlineField(string name)
        {
            InlineSeparator();
            Quote(name);
            _json.Append(": ");
            return this;
        }

        internal JsonWriter InlineItem()
        {
            InlineSeparator();
            return this;
        }

        internal void CloseInline(char bracket)
        {
            _json.Append(bracket == '}' ? " }" : "]");
            _inlineFirst = false;
        }

        internal void String(string value) => Quote(value);

        internal void Integer(long value) => _json.Append(value.ToString(CultureInfo.InvariantCulture));

        internal void Boolean(bool value) => _json.Append(value ? "true" : "false");

        internal void Number(double value)
        {
            string text = ManifestJsonReader.FormatDouble(value, out bool quoted);
            if (quoted)
            {
                Quote(text);
            }
            else
            {
                _json.Append(text);
            }
        }

        private void NewLine()
        {
            bool first = _empty.Pop();
            _empty.Push(false);
            _json.Append(first ? "\n" : ",\n").Append(' ', _empty.Count * 2);
        }

        private void InlineSeparator()
        {
            if (!_inlineFirst)
            {
                _json.Append(", ");
            }

            _inlineFirst = false;
        }

        private void Quote(string value)
        {
            _json.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': _json.Append("\\\""); break;
                    case '\\': _json.Append("\\\\"); break;
                    case '\n': _json.Append("\\n"); break;
                    case '\r': _json.Append("\\r"); break;
                    case '\t': _json.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            _json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _json.Append(c);
                        }

                        break;
                }
            }

            _json.Append('"');
        }
    }
}
