using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace SeedAnalyzers
{
    /// <summary>
    /// "Document your seeds": the master seed, where it came from, every re-seed of the process, the streams created by
    /// name (and how many sub-streams of each were taken), the settings recorded by integrations (such as TorchSharp
    /// determinism and thread counts), the results the run recorded, and the machine it ran on. Written as JSON;
    /// <see cref="Load"/> reads it back and <see cref="Determinism.Initialize(SeedManifest)"/> reproduces the run.
    /// </summary>
    /// <remarks>
    /// <para>Every manifest starts with <c>"format": "seedanalyzers-manifest/N"</c>. This version writes format 2 (format
    /// 1 plus results, re-seeds, sub-stream counts, shared-stream contention and the CPU) and reads formats 1 and 2; any
    /// other format is refused with a message naming the file and both versions, never read half-way.</para>
    /// <para>Settings and the re-seed history describe the process and carry over when the master seed is set again;
    /// streams and results describe what was drawn and measured under one seed and start empty with each seed.</para>
    /// </remarks>
    public sealed class SeedManifest
    {
        /// <summary>The format tag written in every manifest.</summary>
        public const string FormatVersion = FormatPrefix + "2";

        /// <summary>The note a shared stream drawn by several threads at once carries.</summary>
        public const string DrawnConcurrentlyNote = "not reproducible: drawn concurrently";

        private const string FormatPrefix = "seedanalyzers-manifest/";
        private const string FormatOne = FormatPrefix + "1";

        private static readonly Lazy<string> CpuDescription = new Lazy<string>(DescribeCpu);

        private readonly object _gate = new object();
        private readonly ConcurrentDictionary<string, StreamEntry> _streams = new ConcurrentDictionary<string, StreamEntry>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _settings;
        private readonly SortedDictionary<string, double> _results = new SortedDictionary<string, double>(StringComparer.Ordinal);
        private readonly List<ReseedRecord> _reseeds;
        private long _nextStreamOrder;

        private SeedManifest(long masterSeed, SeedSource source, long? codeSeed, MachineDescription machine, DateTimeOffset createdUtc, SeedManifest? previous)
        {
            MasterSeed = masterSeed;
            Source = source;
            CodeSeed = codeSeed;
            Runtime = machine.Runtime;
            OperatingSystem = machine.OperatingSystem;
            Architecture = machine.Architecture;
            Cpu = machine.Cpu;
            ProcessorCount = machine.ProcessorCount;
            CreatedUtc = createdUtc;
            lock (previous?._gate ?? _gate)
            {
                _settings = previous is null
                    ? new SortedDictionary<string, string>(StringComparer.Ordinal)
                    : new SortedDictionary<string, string>(previous._settings, StringComparer.Ordinal);
                _reseeds = previous is null ? new List<ReseedRecord>() : new List<ReseedRecord>(previous._reseeds);
            }
        }

        /// <summary>The master seed of the run.</summary>
        public long MasterSeed { get; }

        /// <summary>Where the master seed came from.</summary>
        public SeedSource Source { get; }

        /// <summary>The seed given in code when the environment or a sweep overrode it; otherwise null.</summary>
        public long? CodeSeed { get; }

        /// <summary>The .NET runtime description (name and version).</summary>
        public string Runtime { get; }

        /// <summary>The operating system description.</summary>
        public string OperatingSystem { get; }

        /// <summary>The process architecture.</summary>
        public string Architecture { get; }

        /// <summary>The CPU model as the operating system names it (empty when it cannot be read).</summary>
        public string Cpu { get; }

        /// <summary>The number of logical processors the process sees.</summary>
        public int ProcessorCount { get; }

        /// <summary>When the seed was set (UTC).</summary>
        public DateTimeOffset CreatedUtc { get; }

        /// <summary>The streams created by name, in creation order.</summary>
        public IReadOnlyList<StreamRecord> Streams =>
            _streams.Values.OrderBy(entry => entry.Order).Select(entry => entry.Snapshot()).ToArray();

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

        /// <summary>
        /// Every time the process master seed was set, oldest first, ending with the seed in force: each
        /// <see cref="Determinism.Initialize(long)"/>, each run of a <see cref="SeedSweep"/> or
        /// <see cref="Reproducibility.Verify{T}(Func{T}, int, long?)"/>, and each manifest restore.
        /// </summary>
        public IReadOnlyList<ReseedRecord> Reseeds
        {
            get
            {
                lock (_gate)
                {
                    return _reseeds.ToArray();
                }
            }
        }

        /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="FormatException">
        /// The file is not a SeedAnalyzers manifest, is malformed in any way (truncated, nested deeper than
        /// <see cref="ManifestJsonReader.MaxDepth"/>, a field of the wrong type), or is one of a format this version does
        /// not read; the message names the file.
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
                var file = new FileInfo(path);
                if (file.Exists && file.Length > ManifestJsonReader.MaxLength)
                {
                    throw new FormatException(
                        $"The seed manifest '{path}' is {file.Length} bytes long; a manifest is at most {ManifestJsonReader.MaxLength} bytes.");
                }

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
            KeyValuePair<string, string>[] settings;
            KeyValuePair<string, double>[] results;
            ReseedRecord[] reseeds;
            lock (_gate)
            {
                settings = _settings.ToArray();
                results = _results.ToArray();
                reseeds = _reseeds.ToArray();
            }

            var json = new JsonWriter();
            json.Open('{');
            json.Field("format").String(FormatVersion);
            json.Field("masterSeed").Integer(MasterSeed);
            json.Field("source").String(Source.ToString());
            if (CodeSeed.HasValue)
            {
                json.Field("codeSeed").Integer(CodeSeed.Value);
            }

            json.Field("reproduce").String($"{Determinism.SeedEnvironmentVariable}={MasterSeed}");
            json.Field("runtime").String(Runtime);
            json.Field("os").String(OperatingSystem);
            json.Field("architecture").String(Architecture);
            json.Field("cpu").String(Cpu);
            json.Field("processorCount").Integer(ProcessorCount);
            json.Field("createdUtc").String(CreatedUtc.ToString("o", CultureInfo.InvariantCulture));
            json.Field("reseeds").Open('[');
            foreach (ReseedRecord reseed in reseeds)
            {
                json.Item().Inline('{');
                json.InlineField("seed").Integer(reseed.Seed);
                json.InlineField("source").String(reseed.Source.ToString());
                if (reseed.Generators.Count > 0)
                {
                    json.InlineField("generators").Inline('[');
                    foreach (string family in reseed.Generators)
                    {
                        json.InlineItem().String(family);
                    }

                    json.CloseInline(']');
                }

                if (reseed.Note.Length > 0)
                {
                    json.InlineField("note").String(reseed.Note);
                }

                json.CloseInline('}');
            }

            json.Close(']');
            json.Field("streams").Open('[');
            foreach (StreamRecord stream in Streams)
            {
                json.Item().Inline('{');
                json.InlineField("name").String(stream.Name);
                json.InlineField("indexed").Boolean(stream.Indexed);
                json.InlineField("substreams").Integer(stream.Substreams);
                if (stream.Shared)
                {
                    json.InlineField("shared").Boolean(true);
                }

                if (stream.ContendedDraws > 0)
                {
                    json.InlineField("contendedDraws").Integer(stream.ContendedDraws);
                    json.InlineField("note").String(DrawnConcurrentlyNote);
                }

                json.CloseInline('}');
            }

            json.Close(']');
            json.Field("settings").Open('{');
            foreach (KeyValuePair<string, string> setting in settings)
            {
                json.Field(setting.Key).String(setting.Value);
            }

            json.Close('}');
            json.Field("results").Open('{');
            foreach (KeyValuePair<string, double> result in results)
            {
                json.Field(result.Key).Number(result.Value);
            }

            json.Close('}');
            json.Close('}');
            return json.ToString();
        }

        /// <summary>
        /// The manifest of a newly set master seed: the machine now, the settings and re-seed history of
        /// <paramref name="previous"/> (the seed it replaces, if any), and a re-seed record for this seed.
        /// </summary>
        internal static SeedManifest Capture(long seed, SeedSource source, long? codeSeed, SeedManifest? previous, string note, IReadOnlyList<string> generators)
        {
            var manifest = new SeedManifest(seed, source, codeSeed, MachineDescription.Current, DateTimeOffset.UtcNow, previous);
            manifest._reseeds.Add(new ReseedRecord(seed, source, note, generators));
            if (previous is null)
            {
                // The code that ran: runs of one sweep built from different commits compare programs, not seeds, and
                // `seedsweep report` compares settings. The SDK puts the commit into the informational version.
                manifest.SetSetting(ProgramVersionSetting, Describe(Assembly.GetEntryAssembly()));
                manifest.SetSetting(RuntimeVersionSetting, Describe(typeof(SeedManifest).Assembly));
            }

            return manifest;
        }

        /// <summary>The setting that names the program and its version (with the commit where the build recorded one).</summary>
        internal const string ProgramVersionSetting = "program.version";

        /// <summary>The setting that holds the version of this runtime library.</summary>
        internal const string RuntimeVersionSetting = "seedanalyzers.version";

        private static string Describe(Assembly? assembly)
        {
            if (assembly is null)
            {
                return "(unknown)";
            }

            AssemblyName name = assembly.GetName();
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? name.Version?.ToString()
                ?? "(no version)";
            return name.Name + " " + version;
        }

        /// <summary>The live entry of stream <paramref name="name"/>, created (with <paramref name="key"/>'s key) on first use.</summary>
        internal StreamEntry GetOrAddStream(string name, Func<string, StreamKey> key, out bool added)
        {
            if (_streams.TryGetValue(name, out StreamEntry? entry))
            {
                added = false;
                return entry;
            }

            var created = new StreamEntry(name, Interlocked.Increment(ref _nextStreamOrder), key(name));
            entry = _streams.GetOrAdd(name, created);
            added = ReferenceEquals(entry, created);
            return entry;
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
        /// Records, in this (the program's) manifest, the re-seeds an in-process run made (those of <paramref name="run"/>
        /// beyond this manifest's own) and a record of this manifest's seed coming back.
        /// </summary>
        internal void AppendRunHistory(SeedManifest run, string note, IReadOnlyList<string> generators)
        {
            ReseedRecord[] made;
            lock (run._gate)
            {
                made = run._reseeds.ToArray();
            }

            lock (_gate)
            {
                for (int i = _reseeds.Count; i < made.Length; i++)
                {
                    _reseeds.Add(made[i]);
                }

                _reseeds.Add(new ReseedRecord(MasterSeed, Source, note, generators));
            }
        }

        /// <summary>Appends to the note of the re-seed in force (the last record).</summary>
        internal void AnnotateCurrentReseed(string note)
        {
            lock (_gate)
            {
                ReseedRecord last = _reseeds[_reseeds.Count - 1];
                _reseeds[_reseeds.Count - 1] = new ReseedRecord(
                    last.Seed, last.Source, last.Note.Length == 0 ? note : last.Note + "; " + note, last.Generators);
            }
        }

        /// <summary>Reads a manifest from its JSON text; <paramref name="path"/> names it in every error.</summary>
        internal static SeedManifest Parse(string text, string path)
        {
            object? root;
            try
            {
                root = new ManifestJsonReader(text).ReadDocument();
            }
            catch (FormatException e)
            {
                throw new FormatException($"The seed manifest '{path}' is not valid JSON: {e.Message}", e);
            }

            if (!(root is Dictionary<string, object?> fields) || !(Get(fields, "format") is string format) || !format.StartsWith(FormatPrefix, StringComparison.Ordinal))
            {
                throw new FormatException($"The file '{path}' is not a SeedAnalyzers seed manifest (expected \"format\": \"{FormatVersion}\").");
            }

            if (format != FormatOne && format != FormatVersion)
            {
                throw new FormatException(
                    $"The seed manifest '{path}' is in format '{format}', which this version of SeedAnalyzers cannot read " +
                    $"(it reads {FormatOne} and {FormatVersion}). Read it with the SeedAnalyzers version that wrote it.");
            }

            var fieldReader = new FieldReader(path);
            long masterSeed = fieldReader.Integer(fields, "masterSeed") ?? throw fieldReader.Error("has no integer \"masterSeed\"");
            string? sourceText = fieldReader.Text(fields, "source");
            SeedSource source = SeedSource.Code;
            if (sourceText != null && !TryParseSource(sourceText, out source))
            {
                throw fieldReader.Error($"has \"source\": \"{sourceText}\", which is none of {string.Join(", ", Enum.GetNames(typeof(SeedSource)))}");
            }

            string? createdText = fieldReader.Text(fields, "createdUtc");
            DateTimeOffset created = default;
            if (createdText != null && !DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out created))
            {
                throw fieldReader.Error($"has \"createdUtc\": \"{createdText}\", which is not a date");
            }

            long processorCount = fieldReader.Integer(fields, "processorCount") ?? 0;
            var machine = new MachineDescription(
                fieldReader.Text(fields, "runtime") ?? string.Empty,
                fieldReader.Text(fields, "os") ?? string.Empty,
                fieldReader.Text(fields, "architecture") ?? string.Empty,
                fieldReader.Text(fields, "cpu") ?? string.Empty,
                processorCount >= 0 && processorCount <= int.MaxValue ? (int)processorCount : throw fieldReader.Error("has a \"processorCount\" out of range"));
            var manifest = new SeedManifest(masterSeed, source, fieldReader.Integer(fields, "codeSeed"), machine, created, null);

            foreach (Dictionary<string, object?> item in fieldReader.Objects(fields, "reseeds"))
            {
                string? reseedSource = fieldReader.Text(item, "source", "reseeds");
                SeedSource parsedSource = SeedSource.Code;
                if (reseedSource != null && !TryParseSource(reseedSource, out parsedSource))
                {
                    throw fieldReader.Error($"has a re-seed with \"source\": \"{reseedSource}\", which is none of {string.Join(", ", Enum.GetNames(typeof(SeedSource)))}");
                }

                manifest._reseeds.Add(new ReseedRecord(
                    fieldReader.Integer(item, "seed", "reseeds") ?? throw fieldReader.Error("has a re-seed without an integer \"seed\""),
                    parsedSource,
                    fieldReader.Text(item, "note", "reseeds") ?? string.Empty,
                    fieldReader.Texts(item, "generators", "reseeds")));
            }

            foreach (Dictionary<string, object?> item in fieldReader.Objects(fields, "streams"))
            {
                string name = fieldReader.Text(item, "name", "streams") ?? throw fieldReader.Error("has a stream without a \"name\"");
                long substreams = fieldReader.Integer(item, "substreams", "streams") ?? 0;
                long contended = fieldReader.Integer(item, "contendedDraws", "streams") ?? 0;
                if (substreams < 0 || contended < 0)
                {
                    throw fieldReader.Error($"has a negative count for stream \"{name}\"");
                }

                StreamEntry entry = manifest.GetOrAddStream(name, _ => default, out bool added);
                if (!added)
                {
                    throw fieldReader.Error($"lists the stream \"{name}\" twice");
                }

                entry.Restore(fieldReader.Boolean(item, "indexed", "streams"), fieldReader.Boolean(item, "shared", "streams"), substreams, contended);
            }

            foreach (KeyValuePair<string, object?> setting in fieldReader.Object(fields, "settings"))
            {
                manifest.SetSetting(setting.Key, setting.Value as string ?? throw fieldReader.Error($"has a setting \"{setting.Key}\" that is not a string"));
            }

            foreach (KeyValuePair<string, object?> result in fieldReader.Object(fields, "results"))
            {
                manifest.SetResult(
                    result.Key,
                    ManifestJsonReader.TryReadDouble(result.Value, out double value)
                        ? value
                        : throw fieldReader.Error($"has a result \"{result.Key}\" that is not a number"));
            }

            return manifest;
        }

        private static bool TryParseSource(string text, out SeedSource source) =>
            Enum.TryParse(text, out source) && Enum.IsDefined(typeof(SeedSource), source) && !char.IsDigit(text[0]) && text[0] != '-';

        private static object? Get(Dictionary<string, object?> fields, string key) => fields.TryGetValue(key, out object? value) ? value : null;

        private static string DescribeCpu()
        {
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.Exists("/proc/cpuinfo"))
                {
                    foreach (string line in File.ReadLines("/proc/cpuinfo"))
                    {
                        int colon = line.IndexOf(':');
                        if (colon > 0 && line.Substring(0, colon).Trim() == "model name")
                        {
                            return line.Substring(colon + 1).Trim();
                        }
                    }
                }

                return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? string.Empty;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return string.Empty;
            }
        }

        /// <summary>One stream created by name.</summary>
        public readonly struct StreamRecord
        {
            internal StreamRecord(string name, bool indexed, long substreams, bool shared, long contendedDraws)
            {
                Name = name;
                Indexed = indexed;
                Substreams = substreams;
                Shared = shared;
                ContendedDraws = contendedDraws;
            }

            /// <summary>The stream name passed to <see cref="Determinism.Random(string)"/>.</summary>
            public string Name { get; }

            /// <summary>Whether indexed substreams (<see cref="Determinism.Random(string, long)"/>) were used.</summary>
            public bool Indexed { get; }

            /// <summary>
            /// How many continuing sub-streams <see cref="Determinism.Random(string)"/> handed out (sub-streams 0 to
            /// Substreams - 1); a run that takes them in the same order gets the same numbers.
            /// </summary>
            public long Substreams { get; }

            /// <summary>Whether <see cref="Determinism.Shared(string)"/> was used for this name.</summary>
            public bool Shared { get; }

            /// <summary>
            /// How many draws on the shared stream found another thread drawing; more than zero means the run is
            /// <see cref="DrawnConcurrentlyNote">not reproducible: drawn concurrently</see>.
            /// </summary>
            public long ContendedDraws { get; }
        }

        /// <summary>One setting of the process master seed.</summary>
        public sealed class ReseedRecord
        {
            internal ReseedRecord(long seed, SeedSource source, string note, IReadOnlyList<string> generators)
            {
                Seed = seed;
                Source = source;
                Note = note;
                Generators = generators;
            }

            /// <summary>The master seed set.</summary>
            public long Seed { get; }

            /// <summary>What set it.</summary>
            public SeedSource Source { get; }

            /// <summary>Why, when it is not plain (an overridden seed, an Initialize that followed a sweep's seed); otherwise empty.</summary>
            public string Note { get; }

            /// <summary>The generator families (<see cref="Determinism.RegisterGenerator"/>) reseeded with it.</summary>
            public IReadOnlyList<string> Generators { get; }
        }

        /// <summary>The live record of one stream name: counters only ever grow, from any thread.</summary>
        internal sealed class StreamEntry
        {
            private long _substreams;
            private long _contendedDraws;
            private int _indexed;
            private int _shared;

            internal StreamEntry(string name, long order, StreamKey key)
            {
                Name = name;
                Order = order;
                Key = key;
            }

            internal string Name { get; }

            internal long Order { get; }

            /// <summary>The stream's identity under the manifest's master seed (default for a loaded manifest).</summary>
            internal StreamKey Key { get; }

            /// <summary>Takes the next sub-stream number: 0 on the first call.</summary>
            internal long TakeSubstream() => Interlocked.Increment(ref _substreams) - 1;

            /// <summary>Marks the name as used with indices; true the first time.</summary>
            internal bool MarkIndexed() => Volatile.Read(ref _indexed) == 0 && Interlocked.Exchange(ref _indexed, 1) == 0;

            /// <summary>Marks the name as used as a shared stream; true the first time.</summary>
            internal bool MarkShared() => Volatile.Read(ref _shared) == 0 && Interlocked.Exchange(ref _shared, 1) == 0;

            /// <summary>Counts a contended draw; true for the first.</summary>
            internal bool CountContention() => Interlocked.Increment(ref _contendedDraws) == 1;

            internal void Restore(bool indexed, bool shared, long substreams, long contendedDraws)
            {
                _indexed = indexed ? 1 : 0;
                _shared = shared ? 1 : 0;
                _substreams = substreams;
                _contendedDraws = contendedDraws;
            }

            internal StreamRecord Snapshot() =>
                new StreamRecord(Name, Volatile.Read(ref _indexed) != 0, Interlocked.Read(ref _substreams), Volatile.Read(ref _shared) != 0, Interlocked.Read(ref _contendedDraws));
        }

        private sealed class MachineDescription
        {
            internal MachineDescription(string runtime, string operatingSystem, string architecture, string cpu, int processorCount)
            {
                Runtime = runtime;
                OperatingSystem = operatingSystem;
                Architecture = architecture;
                Cpu = cpu;
                ProcessorCount = processorCount;
            }

            internal static MachineDescription Current => new MachineDescription(
                RuntimeInformation.FrameworkDescription,
                RuntimeInformation.OSDescription,
                RuntimeInformation.ProcessArchitecture.ToString(),
                CpuDescription.Value,
                Environment.ProcessorCount);

            internal string Runtime { get; }

            internal string OperatingSystem { get; }

            internal string Architecture { get; }

            internal string Cpu { get; }

            internal int ProcessorCount { get; }
        }

        /// <summary>Reads the known fields of a parsed manifest: a field of the wrong type is an error naming the file and the field.</summary>
        private sealed class FieldReader
        {
            private readonly string _path;

            internal FieldReader(string path) => _path = path;

            internal FormatException Error(string what) => new FormatException($"The seed manifest '{_path}' {what}.");

            internal string? Text(Dictionary<string, object?> fields, string key, string? within = null) =>
                Typed<string>(fields, key, within, "a string");

            internal bool Boolean(Dictionary<string, object?> fields, string key, string? within = null)
            {
                object? value = Get(fields, key);
                return value is null ? false : value is bool flag ? flag : throw WrongType(key, within, "true or false");
            }

            internal long? Integer(Dictionary<string, object?> fields, string key, string? within = null)
            {
                object? value = Get(fields, key);
                if (value is null)
                {
                    return null;
                }

                return ManifestJsonReader.TryReadInt64(value, out long integer) ? integer : throw WrongType(key, within, "a whole number between " + long.MinValue + " and " + long.MaxValue);
            }

            internal IEnumerable<Dictionary<string, object?>> Objects(Dictionary<string, object?> fields, string key)
            {
                List<object?> items = Typed<List<object?>>(fields, key, null, "an array") ?? new List<object?>();
                return items.Select(item => item as Dictionary<string, object?> ?? throw WrongType(key, null, "an array of objects")).ToArray();
            }

            internal IReadOnlyList<string> Texts(Dictionary<string, object?> fields, string key, string within)
            {
                List<object?> items = Typed<List<object?>>(fields, key, within, "an array") ?? new List<object?>();
                return items.Select(item => item as string ?? throw WrongType(key, within, "an array of strings")).ToArray();
            }

            internal Dictionary<string, object?> Object(Dictionary<string, object?> fields, string key) =>
                Typed<Dictionary<string, object?>>(fields, key, null, "an object") ?? new Dictionary<string, object?>();

            private T? Typed<T>(Dictionary<string, object?> fields, string key, string? within, string expected)
                where T : class
            {
                object? value = Get(fields, key);
                return value is null ? null : value as T ?? throw WrongType(key, within, expected);
            }

            private FormatException WrongType(string key, string? within, string expected) =>
                Error($"has \"{key}\"{(within is null ? string.Empty : " in \"" + within + "\"")} that is not {expected}");
        }
    }
}
