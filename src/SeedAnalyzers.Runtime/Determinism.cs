using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace SeedAnalyzers
{
    /// <summary>
    /// The process master seed and the named, indexed streams derived from it.
    /// </summary>
    /// <remarks>
    /// <para>Call <see cref="Initialize(long)"/> once at the start of the program. The <c>SEED</c> environment
    /// variable, when set, overrides the seed given in code, so a sweep can run the same binary under many seeds
    /// without recompiling; a value that is not a decimal 64-bit integer is an error, never silently ignored.</para>
    /// <para>Reading the master seed or creating a stream before <see cref="Initialize(long)"/> is defined: the
    /// seed is <c>SEED</c> if set, otherwise <see cref="DefaultSeed"/> (0), and a warning is written once to
    /// standard error.</para>
    /// <para>A stream's numbers depend only on (master seed, name[, index]) through the derivation documented
    /// on <see cref="DeterministicRandom"/> and in docs/runtime.md: the same on every run, OS, architecture and
    /// .NET version, whatever order streams are created in.</para>
    /// </remarks>
    public static class Determinism
    {
        /// <summary>Environment variable that overrides the seed given to <see cref="Initialize(long)"/>.</summary>
        public const string SeedEnvironmentVariable = "SEED";

        /// <summary>Environment variable naming a path where the seed manifest is written.</summary>
        public const string ManifestEnvironmentVariable = "SEED_MANIFEST";

        /// <summary>The seed used by code fixes and by reads before <see cref="Initialize(long)"/>.</summary>
        public const int DefaultSeed = 0;

        private static readonly object Gate = new object();
        private static State? _state;
        private static int _warnedUninitialized;

        /// <summary>Raised text of warnings (defaults to standard error); replaceable for hosts and tests.</summary>
        public static TextWriter WarningWriter { get; set; } = Console.Error;

        /// <summary>Sets the process master seed (the <c>SEED</c> environment variable wins when set).</summary>
        public static void Initialize(int seed) => Initialize((long)seed, new DeterminismOptions());

        /// <summary>Sets the process master seed (the <c>SEED</c> environment variable wins when set).</summary>
        public static void Initialize(long seed) => Initialize(seed, new DeterminismOptions());

        /// <summary>Sets the process master seed with <paramref name="options"/>.</summary>
        /// <exception cref="InvalidOperationException"><c>SEED</c> is set but is not a 64-bit integer.</exception>
        /// <exception cref="IOException">The manifest path cannot be written.</exception>
        public static void Initialize(long seed, DeterminismOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            long? fromEnvironment = options.AllowEnvironmentOverride ? ReadSeedFromEnvironment() : null;
            string? manifestPath = ReadManifestPathFromEnvironment() ?? options.ManifestPath;

            Install(
                fromEnvironment ?? seed,
                fromEnvironment.HasValue ? SeedSource.Environment : SeedSource.Code,
                fromEnvironment.HasValue ? seed : (long?)null,
                manifestPath);
        }

        /// <summary>
        /// Re-establishes the master seed recorded in <paramref name="manifest"/> (the environment does not
        /// override it), so a run can be reproduced from its manifest.
        /// </summary>
        public static void Initialize(SeedManifest manifest)
        {
            if (manifest is null)
            {
                throw new ArgumentNullException(nameof(manifest));
            }

            Install(manifest.MasterSeed, SeedSource.Manifest, null, null);
        }

        /// <summary>True once a seed was set by <see cref="Initialize(long)"/> (or a manifest or sweep).</summary>
        public static bool IsInitialized => Volatile.Read(ref _state) != null;

        /// <summary>The master seed in force (see the remarks for reads before <see cref="Initialize(long)"/>).</summary>
        public static long MasterSeed => Current.Seed;

        /// <summary>Where the master seed in force came from.</summary>
        public static SeedSource Source => Current.Source;

        /// <summary>What this run has done with seeds so far: enough to reproduce it.</summary>
        public static SeedManifest Manifest => Current.Manifest;

        /// <summary>The generator for the stream <paramref name="name"/>, derived from the master seed.</summary>
        /// <remarks>Each call returns a new generator at the start of the stream.</remarks>
        public static DeterministicRandom Random(string name)
        {
            ValidateName(name);
            State state = Current;
            state.Record(name, indexed: false);
            return new DeterministicRandom(state.Root.DeriveName(name));
        }

        /// <summary>The generator for element <paramref name="index"/> of the stream <paramref name="name"/>, in O(1).</summary>
        public static DeterministicRandom Random(string name, long index)
        {
            ValidateName(name);
            State state = Current;
            state.Record(name, indexed: true);
            return new DeterministicRandom(state.Root.DeriveName(name).DeriveIndex(index));
        }

        /// <summary>
        /// The one shared generator of the stream <paramref name="name"/> under the current master seed: every call
        /// returns the same instance, which continues where the last draw left it, until the master seed is set
        /// again (<see cref="Initialize(long)"/>, a sweep or a manifest), when a fresh instance starts the stream over.
        /// Use it for draws in loops and hot paths that would otherwise restart a stream per call; a static field would
        /// keep the stream of the first seed across a <see cref="SeedSweep"/>.
        /// </summary>
        public static DeterministicRandom Shared(string name)
        {
            ValidateName(name);
            State state = Current;
            if (state.SharedStreams.TryGetValue(name, out DeterministicRandom? stream))
            {
                return stream;
            }

            state.Record(name, indexed: false);
            return state.SharedStreams.GetOrAdd(name, key => new DeterministicRandom(state.Root.DeriveName(key)));
        }

        /// <summary>
        /// A non-negative 32-bit seed derived from the master seed and <paramref name="name"/>, for APIs that take
        /// an int seed: the first <see cref="DeterministicRandom.Next()"/> of <c>Random(name)</c>.
        /// </summary>
        public static int SeedFor(string name) => Random(name).Next();

        /// <summary>Records a setting (for example a TorchSharp determinism choice) in the manifest.</summary>
        public static void RecordSetting(string key, string value)
        {
            ValidateName(key);
            Current.Manifest.SetSetting(key, value ?? string.Empty);
            Current.WriteManifestIfConfigured();
        }

        /// <summary>
        /// Records a result of the run, such as <c>RecordResult("accuracy", 0.8675)</c>, in the manifest's
        /// <c>"results"</c> (written to <c>SEED_MANIFEST</c> when configured, like settings), so a sweep of separate
        /// processes can be summarized from their manifests. Recording a metric again replaces its value. NaN and the
        /// infinities are kept (written as the JSON strings "NaN", "Infinity", "-Infinity"): a diverged run reads back
        /// as diverged. Results belong to the master seed in force: setting the seed again starts an empty set.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="metric"/> is empty or only white space.</exception>
        /// <exception cref="IOException">The manifest path cannot be written; the message names it.</exception>
        public static void RecordResult(string metric, double value)
        {
            ValidateName(metric);
            if (metric.Trim().Length == 0)
            {
                throw new ArgumentException("A result needs a metric name, such as \"accuracy\".", nameof(metric));
            }

            State state = Current;
            state.Manifest.SetResult(metric, value);
            state.WriteManifestIfConfigured();
        }

        /// <summary>Writes the manifest to <paramref name="path"/>.</summary>
        /// <exception cref="IOException">The path cannot be written; the message names it.</exception>
        public static void WriteManifest(string path) => Current.Manifest.Write(path);

        /// <summary>Sets the seed for one run of a sweep; the environment does not override it.</summary>
        internal static void InitializeForSweep(long seed) => Install(seed, SeedSource.Sweep, null, null);

        /// <summary>Forgets all global state (tests only).</summary>
        internal static void Reset()
        {
            lock (Gate)
            {
                Volatile.Write(ref _state, null);
                _warnedUninitialized = 0;
            }
        }

        internal static long? ReadSeedFromEnvironment()
        {
            string? text = Environment.GetEnvironmentVariable(SeedEnvironmentVariable);
            if (text is null || text.Length == 0)
            {
                return null;
            }

            if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed))
            {
                return seed;
            }

            throw new InvalidOperationException(
                $"The environment variable {SeedEnvironmentVariable} is set to '{text}', which is not a whole number " +
                $"between {long.MinValue} and {long.MaxValue}. Set {SeedEnvironmentVariable} to a decimal integer " +
                $"such as 42, or unset it to use the seed given in code.");
        }

        private static string? ReadManifestPathFromEnvironment()
        {
            string? path = Environment.GetEnvironmentVariable(ManifestEnvironmentVariable);
            return string.IsNullOrWhiteSpace(path) ? null : path;
        }

        private static void ValidateName(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }
        }

        private static void Install(long seed, SeedSource source, long? overriddenCodeSeed, string? manifestPath)
        {
            var state = new State(seed, source, overriddenCodeSeed, manifestPath);
            state.WriteManifestIfConfigured();
            lock (Gate)
            {
                Volatile.Write(ref _state, state);
            }
        }

        private static State Current
        {
            get
            {
                State? state = Volatile.Read(ref _state);
                if (state != null)
                {
                    return state;
                }

                lock (Gate)
                {
                    if (_state == null)
                    {
                        long? fromEnvironment = ReadSeedFromEnvironment();
                        string? manifestPath = ReadManifestPathFromEnvironment();
                        if (fromEnvironment.HasValue)
                        {
                            var implicitState = new State(fromEnvironment.Value, SeedSource.Environment, null, manifestPath);
                            implicitState.WriteManifestIfConfigured();
                            _state = implicitState;
                        }
                        else
                        {
                            var implicitState = new State(DefaultSeed, SeedSource.Default, null, manifestPath);
                            implicitState.WriteManifestIfConfigured();
                            _state = implicitState;
                            if (Interlocked.Exchange(ref _warnedUninitialized, 1) == 0)
                            {
                                WarningWriter.WriteLine(
                                    $"warning: SeedAnalyzers: the master seed was read before Determinism.Initialize; using " +
                                    $"the default seed {DefaultSeed}. Call Determinism.Initialize(seed) at the start of the program " +
                                    $"or set the {SeedEnvironmentVariable} environment variable.");
                            }
                        }
                    }

                    return _state;
                }
            }
        }

        private sealed class State
        {
            private readonly string? _manifestPath;

            internal State(long seed, SeedSource source, long? overriddenCodeSeed, string? manifestPath)
            {
                Seed = seed;
                Source = source;
                Root = StreamKey.FromSeed(seed);
                _manifestPath = manifestPath;
                Manifest = SeedManifest.Capture(seed, source, overriddenCodeSeed);
            }

            internal long Seed { get; }

            internal SeedSource Source { get; }

            internal StreamKey Root { get; }

            internal SeedManifest Manifest { get; }

            internal System.Collections.Concurrent.ConcurrentDictionary<string, DeterministicRandom> SharedStreams { get; } =
                new System.Collections.Concurrent.ConcurrentDictionary<string, DeterministicRandom>(StringComparer.Ordinal);

            internal void Record(string name, bool indexed)
            {
                if (Manifest.RecordStream(name, indexed))
                {
                    WriteManifestIfConfigured();
                }
            }

            internal void WriteManifestIfConfigured()
            {
                if (_manifestPath != null)
                {
                    Manifest.Write(_manifestPath);
                }
            }
        }
    }
}
