using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace SeedAnalyzers
{
    /// <summary>
    /// "Document your seeds": the master seed, where it came from, the streams created by name, the settings
    /// recorded by integrations (such as TorchSharp determinism), the results the run recorded, and the machine it
    /// ran on. Written as JSON; <see cref="Load"/> reads it back and <see cref="Determinism.Initialize(SeedManifest)"/>
    /// reproduces the run.
    /// </summary>
    /// <remarks>
    /// Every manifest starts with <c>"format": "seedanalyzers-manifest/N"</c>. This version writes format 2 (format 1
    /// plus <c>"results"</c>) and reads formats 1 and 2; any other format is refused with a message naming the file
    /// and both versions, never read half-way.
    /// </remarks>
    public sealed class SeedManifest
    {
        /// <summary>The format tag written in every manifest.</summary>
        public const string FormatVersion = FormatPrefix + "2";

        private const string FormatPrefix = "seedanalyzers-manifest/";
        private const string NaNText = "NaN";
        private const string PositiveInfinityText = "Infinity";
        private const string NegativeInfinityText = "-Infinity";

        private readonly object _gate = new object();
        private readonly List<StreamRecord> _streams = new List<StreamRecord>();
        private readonly SortedDictionary<string, string> _settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, double> _results = new SortedDictionary<string, double>(StringComparer.Ordinal);

        private SeedManifest(long masterSeed, SeedSource source, long? codeSeed, string runtime, string os, string architecture, DateTimeOffset createdUtc)
        {
            MasterSeed = masterSeed;
            Source = source;
            CodeSeed = codeSeed;
            Runtime = runtime;
            OperatingSystem = os;
            Architecture = architecture;
            CreatedUtc = createdUtc;
        }

        /// <summary>The master seed of the run.</summary>
        public long MasterSeed { get; }

        /// <summary>Where the master seed came from.</summary>
        public SeedSource Source { get; }

        /// <summary>The seed given in code when the environment overrode it; otherwise null.</summary>
        public long? CodeSeed { get; }

        /// <summary>The .NET runtime description.</summary>
        public string Runtime { get; }

        /// <summary>The operating system description.</summary>
        public string OperatingSystem { get; }

        /// <summary>The process architecture.</summary>
        public string Architecture { get; }

        /// <summary>When the seed was set (UTC).</summary>
        public DateTimeOffset CreatedUtc { get; }

        /// <summary>The streams created by name, in creation order.</summary>
        public IReadOnlyList<StreamRecord> Streams
        {
            get
            {
                lock (_gate)
                {
                    return _streams.ToArray();
                }
            }
        }

        /// <summary>Settings recorded by integrations (key, value), sorted by key.</summary>
        public IReadOnlyDictionary<string, string> Settings
        {
            get
            {
                lock (_gate)
                {
                    return new Dictionary<string, string>(_settings, StringComparer.Ordinal);
                }
            }
        }

        /// <summary>
        /// The metrics the run recorded with <see cref="Determinism.RecordResult"/> (name, value), sorted by name.
        /// NaN and the infinities are kept: a diverged run's loss reads back as the NaN it was.
        /// </summary>
        public IReadOnlyDictionary<string, double> Results
        {
            get
            {
                lock (_gate)
                {
                    return new Dictionary<string, double>(_results, StringComparer.Ordinal);
                }
            }
        }

        /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="FormatException">
        /// The file is not a SeedAnalyzers manifest, or is one of a format this version does not read; the message names the file.
        /// </exception>
        public static SeedManifest Load(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new IOException($"The seed manifest '{path}' cannot be read: {e.Message}", e);
            }

            return Parse(text, path);
        }

        /// <summary>Writes the manifest as JSON to <paramref name="path"/>, creating its directory.</summary>
        /// <exception cref="IOException">The path cannot be written; the message names it.</exception>
        public void Write(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            try
            {
                string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.WriteAllText(path, ToJson(), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new IOException(
                    $"The seed manifest cannot be written to '{path}': {e.Message} Choose a writable path in " +
                    $"DeterminismOptions.ManifestPath or the {Determinism.ManifestEnvironmentVariable} environment variable.",
                    e);
            }
        }

        /// <summary>The manifest as indented JSON.</summary>
        public string ToJson()
        {
            var json = new StringBuilder();
            json.Append("{\n");
            json.Append("  \"format\": ").Append(Quote(FormatVersion)).Append(",\n");
            json.Append("  \"masterSeed\": ").Append(MasterSeed.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            json.Append("  \"source\": ").Append(Quote(Source.ToString())).Append(",\n");
            if (CodeSeed.HasValue)
            {
                json.Append("  \"codeSeed\": ").Append(CodeSeed.Value.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            }

            json.Append("  \"reproduce\": ").Append(Quote($"{Determinism.SeedEnvironmentVariable}={MasterSeed}")).Append(",\n");
            json.Append("  \"runtime\": ").Append(Quote(Runtime)).Append(",\n");
            json.Append("  \"os\": ").Append(Quote(OperatingSystem)).Append(",\n");
            json.Append("  \"architecture\": ").Append(Quote(Architecture)).Append(",\n");
            json.Append("  \"createdUtc\": ").Append(Quote(CreatedUtc.ToString("o", CultureInfo.InvariantCulture))).Append(",\n");
            json.Append("  \"streams\": [");
            StreamRecord[] streams;
            KeyValuePair<string, string>[] settings;
            KeyValuePair<string, double>[] results;
            lock (_gate)
            {
                streams = _streams.ToArray();
                settings = _settings.ToArray();
                results = _results.ToArray();
            }

            for (int i = 0; i < streams.Length; i++)
            {
                json.Append(i == 0 ? "\n" : ",\n");
                json.Append("    { \"name\": ").Append(Quote(streams[i].Name))
                    .Append(", \"indexed\": ").Append(streams[i].Indexed ? "true" : "false").Append(" }");
            }

            json.Append(streams.Length == 0 ? "],\n" : "\n  ],\n");
            json.Append("  \"settings\": {");
            for (int i = 0; i < settings.Length; i++)
            {
                json.Append(i == 0 ? "\n" : ",\n");
                json.Append("    ").Append(Quote(settings[i].Key)).Append(": ").Append(Quote(settings[i].Value));
            }

            json.Append(settings.Length == 0 ? "},\n" : "\n  },\n");
            json.Append("  \"results\": {");
            for (int i = 0; i < results.Length; i++)
            {
                json.Append(i == 0 ? "\n" : ",\n");
                json.Append("    ").Append(Quote(results[i].Key)).Append(": ").Append(FormatNumber(results[i].Value));
            }

            json.Append(results.Length == 0 ? "}\n" : "\n  }\n");
            json.Append("}\n");
            return json.ToString();
        }

        internal static SeedManifest Capture(long seed, SeedSource source, long? codeSeed) =>
            new SeedManifest(
                seed,
                source,
                codeSeed,
                RuntimeInformation.FrameworkDescription,
                RuntimeInformation.OSDescription,
                RuntimeInformation.ProcessArchitecture.ToString(),
                DateTimeOffset.UtcNow);

        /// <summary>Adds a stream name; true when it was new (or newly seen as indexed).</summary>
        internal bool RecordStream(string name, bool indexed)
        {
            lock (_gate)
            {
                for (int i = 0; i < _streams.Count; i++)
                {
                    if (string.Equals(_streams[i].Name, name, StringComparison.Ordinal))
                    {
                        if (indexed && !_streams[i].Indexed)
                        {
                            _streams[i] = new StreamRecord(name, true);
                            return true;
                        }

                        return false;
                    }
                }

                _streams.Add(new StreamRecord(name, indexed));
                return true;
            }
        }

        internal void SetSetting(string key, string value)
        {
            lock (_gate)
            {
                _settings[key] = value;
            }
        }

        internal void SetResult(string metric, double value)
        {
            lock (_gate)
            {
                _results[metric] = value;
            }
        }

        /// <summary>
        /// A finite value as the shortest JSON number that reads back to the same bits; NaN and the infinities, which
        /// JSON has no number for, as the strings "NaN", "Infinity" and "-Infinity".
        /// </summary>
        private static string FormatNumber(double value)
        {
            if (double.IsNaN(value))
            {
                return Quote(NaNText);
            }

            if (double.IsInfinity(value))
            {
                return Quote(value > 0 ? PositiveInfinityText : NegativeInfinityText);
            }

            // "R" is not always round-trippable on .NET Framework; G17 always is.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value)
                ? text
                : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        private static bool TryReadNumber(object? value, out double number)
        {
            switch (value)
            {
                case JsonNumber text:
                    return double.TryParse(text.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && !double.IsInfinity(number);
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

        private static SeedManifest Parse(string text, string path)
        {
            object? root;
            try
            {
                root = new JsonReader(text).ReadDocument();
            }
            catch (FormatException e)
            {
                throw new FormatException($"The seed manifest '{path}' is not valid JSON: {e.Message}", e);
            }

            if (!(root is Dictionary<string, object?> fields) || !(Get(fields, "format") is string format) || !format.StartsWith(FormatPrefix, StringComparison.Ordinal))
            {
                throw new FormatException($"The file '{path}' is not a SeedAnalyzers seed manifest (expected \"format\": \"{FormatVersion}\").");
            }

            if (format != FormatPrefix + "1" && format != FormatVersion)
            {
                throw new FormatException(
                    $"The seed manifest '{path}' is in format '{format}', which this version of SeedAnalyzers cannot read " +
                    $"(it reads {FormatPrefix}1 and {FormatVersion}). Read it with the SeedAnalyzers version that wrote it.");
            }

            long masterSeed = Get(fields, "masterSeed") is JsonNumber seedText && long.TryParse(seedText.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)
                ? parsed
                : throw new FormatException($"The seed manifest '{path}' has no integer \"masterSeed\".");
            SeedSource source = Get(fields, "source") is string sourceText && Enum.TryParse(sourceText, out SeedSource parsedSource) ? parsedSource : SeedSource.Code;
            long? codeSeed = Get(fields, "codeSeed") is JsonNumber codeText && long.TryParse(codeText.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long code) ? code : (long?)null;
            DateTimeOffset created = Get(fields, "createdUtc") is string createdText
                && DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset when)
                ? when
                : default;
            var manifest = new SeedManifest(
                masterSeed,
                source,
                codeSeed,
                Get(fields, "runtime") as string ?? string.Empty,
                Get(fields, "os") as string ?? string.Empty,
                Get(fields, "architecture") as string ?? string.Empty,
                created);
            if (Get(fields, "streams") is List<object?> streams)
            {
                foreach (object? item in streams)
                {
                    if (item is Dictionary<string, object?> stream && Get(stream, "name") is string name)
                    {
                        manifest.RecordStream(name, Get(stream, "indexed") is bool indexed && indexed);
                    }
                }
            }

            if (Get(fields, "settings") is Dictionary<string, object?> settings)
            {
                foreach (KeyValuePair<string, object?> setting in settings)
                {
                    manifest.SetSetting(setting.Key, setting.Value as string ?? string.Empty);
                }
            }

            if (Get(fields, "results") is Dictionary<string, object?> results)
            {
                foreach (KeyValuePair<string, object?> result in results)
                {
                    manifest.SetResult(
                        result.Key,
                        TryReadNumber(result.Value, out double value)
                            ? value
                            : throw new FormatException($"The seed manifest '{path}' has a result \"{result.Key}\" that is not a number."));
                }
            }

            return manifest;
        }

        private static object? Get(Dictionary<string, object?> fields, string key) => fields.TryGetValue(key, out object? value) ? value : null;

        private static string Quote(string value)
        {
            var quoted = new StringBuilder(value.Length + 2);
            quoted.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            quoted.Append(c);
                        }

                        break;
                }
            }

            return quoted.Append('"').ToString();
        }

        /// <summary>One stream created by name.</summary>
        public readonly struct StreamRecord
        {
            internal StreamRecord(string name, bool indexed)
            {
                Name = name;
                Indexed = indexed;
            }

            /// <summary>The stream name passed to <see cref="Determinism.Random(string)"/>.</summary>
            public string Name { get; }

            /// <summary>Whether indexed substreams (<see cref="Determinism.Random(string, long)"/>) were used.</summary>
            public bool Indexed { get; }
        }

        /// <summary>A JSON number, kept as its text so 64-bit seeds are read without rounding through double.</summary>
        private sealed class JsonNumber
        {
            internal JsonNumber(string text) => Text = text;

            internal string Text { get; }
        }

        /// <summary>A small JSON reader for the manifest: numbers are kept as their text to avoid rounding.</summary>
        private sealed class JsonReader
        {
            private readonly string _text;
            private int _position;

            internal JsonReader(string text) => _text = text;

            internal object? ReadDocument()
            {
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

                char c = _text[_position];
                switch (c)
                {
                    case '{': return ReadObject();
                    case '[': return ReadArray();
                    case '"': return ReadString();
                    case 't': Expect("true"); return true;
                    case 'f': Expect("false"); return false;
                    case 'n': Expect("null"); return null;
                    default:
                        int start = _position;
                        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
                        {
                            _position++;
                        }

                        if (start == _position)
                        {
                            throw Error($"unexpected character '{c}'");
                        }

                        return new JsonNumber(_text.Substring(start, _position - start));
                }
            }

            private Dictionary<string, object?> ReadObject()
            {
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                _position++;
                SkipWhitespace();
                if (TryConsume('}'))
                {
                    return result;
                }

                do
                {
                    SkipWhitespace();
                    string key = ReadString();
                    SkipWhitespace();
                    if (!TryConsume(':'))
                    {
                        throw Error("expected ':'");
                    }

                    result[key] = ReadValue();
                    SkipWhitespace();
                }
                while (TryConsume(','));

                if (!TryConsume('}'))
                {
                    throw Error("expected ',' or '}'");
                }

                return result;
            }

            private List<object?> ReadArray()
            {
                var result = new List<object?>();
                _position++;
                SkipWhitespace();
                if (TryConsume(']'))
                {
                    return result;
                }

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

                return result;
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
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'u':
                            if (_position + 4 > _text.Length)
                            {
                                throw Error("truncated \\u escape");
                            }

                            value.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _position += 4;
                            break;
                        default: value.Append(escape); break;
                    }
                }

                throw Error("unterminated string");
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
                while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
                {
                    _position++;
                }
            }

            private FormatException Error(string message) => new FormatException($"{message} at offset {_position}");
        }
    }
}
