using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace SeedAnalyzers
{
    /// <summary>
    /// The process master seed, the named and indexed streams derived from it, the generator families it reseeds,
    /// and the manifest that documents it.
    /// </summary>
    /// <remarks>
    /// <para><b>One seed.</b> Call <see cref="Initialize(long)"/> once at the start of the program. Every generator
    /// family registered with <see cref="RegisterGenerator"/> (TorchSharp's CPU and CUDA generators, once
    /// <c>TorchDeterminism</c> is initialized) is reseeded with the master seed whenever it is set.</para>
    /// <para><b>Precedence.</b> A seed given to <see cref="SeedSweep"/> or <see cref="Reproducibility"/> wins over
    /// everything, for every family, for the duration of its run: an <see cref="Initialize(long)"/> called inside such a
    /// run follows the run's seed (and says so in the manifest). Outside a sweep, the <c>SEED</c> environment variable
    /// overrides the seed the program gives <see cref="Initialize(long)"/>; a value that is not a decimal 64-bit integer
    /// is an error, never silently ignored. An <see cref="Initialize(long)"/> that changes the seed an earlier one set
    /// writes one warning naming both seeds (<see cref="DeterminismOptions.WhenSeedChanges"/> makes it an error).
    /// The manifest records every setting of the seed (<see cref="SeedManifest.Reseeds"/>).</para>
    /// <para><b>Before Initialize.</b> Reading the master seed or creating a stream before
    /// <see cref="Initialize(long)"/> is defined: the seed is <c>SEED</c> if set, otherwise <see cref="DefaultSeed"/> (0),
    /// and a warning saying how to set the seed is written once to <see cref="WarningWriter"/>.</para>
    /// <para><b>Not for secrets.</b> Every stream is a pure function of the master seed, which defaults to 0: anyone
    /// who knows the seed knows every number. Tokens, passwords, salts, nonces and keys need
    /// <c>System.Security.Cryptography.RandomNumberGenerator</c>.</para>
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
        private static readonly object ManifestWriteGate = new object();
        private static readonly List<GeneratorFamily> Families = new List<GeneratorFamily>();
        private static State? _state;
        private static int _warnedUninitialized;
        private static long? _programSeed;
        private static SweepRun? _sweepRun;
        private static int _exitHookInstalled;

        /// <summary>Raised text of warnings (defaults to standard error); replaceable for hosts and tests.</summary>
        public static TextWriter WarningWriter { get; set; } = Console.Error;

        /// <summary>True once a seed was set by <see cref="Initialize(long)"/> (or a manifest or sweep).</summary>
        public static bool IsInitialized => Volatile.Read(ref _state) != null;

        /// <summary>The master seed in force (see the remarks for reads before <see cref="Initialize(long)"/>).</summary>
        public static long MasterSeed => Current.Seed;

        /// <summary>Where the master seed in force came from.</summary>
        public static SeedSource Source => Current.Source;

        /// <summary>What this run has done with seeds so far: enough to reproduce it.</summary>
        public static SeedManifest Manifest => Current.Manifest;

        private static State Current
        {
            get
            {
                State? state = Volatile.Read(ref _state);
                return state ?? InstallImplicitState();
            }
        }

        /// <summary>Sets the process master seed (see the remarks on <see cref="Determinism"/> for precedence).</summary>
        public static void Initialize(int seed) => Initialize((long)seed, new DeterminismOptions());

        /// <summary>Sets the process master seed (see the remarks on <see cref="Determinism"/> for precedence).</summary>
        public static void Initialize(long seed) => Initialize(seed, new DeterminismOptions());

        /// <summary>
        /// Sets the process master seed with <paramref name="options"/> and reseeds every registered generator family
        /// with it. Inside a <see cref="SeedSweep"/> or <see cref="Reproducibility"/> run the run's seed is kept instead
        /// (neither <paramref name="seed"/> nor <c>SEED</c> applies there), the streams start over, and the manifest
        /// notes that the call followed the run's seed.
        /// </summary>
        /// <exception cref="InvalidOperationException">
        /// <c>SEED</c> is set but is not a 64-bit integer; or the call changes the seed an earlier
        /// <see cref="Initialize(long)"/> set and <see cref="DeterminismOptions.WhenSeedChanges"/> is
        /// <see cref="SeedChangeAction.Throw"/>; or a registered generator family failed to reseed.
        /// </exception>
        /// <exception cref="IOException">The manifest path cannot be written.</exception>
        public static void Initialize(long seed, DeterminismOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            lock (Gate)
            {
                SweepRun? run = Volatile.Read(ref _sweepRun);
                if (run != null)
                {
                    FollowSweepRun(run, $"Initialize({seed})", options);
                    return;
                }

                long? fromEnvironment = options.AllowEnvironmentOverride ? ReadSeedFromEnvironment() : null;
                long effective = fromEnvironment ?? seed;
                CheckSeedChange(effective, options.WhenSeedChanges, fromEnvironment.HasValue ? $"{SeedEnvironmentVariable}={effective}" : $"Initialize({seed})");
                Install(
                    effective,
                    fromEnvironment.HasValue ? SeedSource.Environment : SeedSource.Code,
                    fromEnvironment.HasValue ? seed : (long?)null,
                    ReadManifestPathFromEnvironment() ?? options.ManifestPath,
                    options,
                    fromEnvironment.HasValue && fromEnvironment.Value != seed ? $"{SeedEnvironmentVariable}={effective} overrides Initialize({seed})" : string.Empty);
                _programSeed = effective;
            }
        }

        /// <summary>
        /// Re-establishes the master seed recorded in <paramref name="manifest"/> (the environment does not
        /// override it), so a run can be reproduced from its manifest. Inside a sweep run the run's seed is kept.
        /// </summary>
        public static void Initialize(SeedManifest manifest)
        {
            if (manifest is null)
            {
                throw new ArgumentNullException(nameof(manifest));
            }

            lock (Gate)
            {
                var options = new DeterminismOptions();
                SweepRun? run = Volatile.Read(ref _sweepRun);
                if (run != null)
                {
                    FollowSweepRun(run, $"Initialize(manifest with seed {manifest.MasterSeed})", options);
                    return;
                }

                CheckSeedChange(manifest.MasterSeed, options.WhenSeedChanges, $"Initialize(manifest with seed {manifest.MasterSeed})");
                Install(manifest.MasterSeed, SeedSource.Manifest, null, ReadManifestPathFromEnvironment(), options, string.Empty);
                _programSeed = manifest.MasterSeed;
            }
        }

        /// <summary>
        /// Registers a generator family outside this library (TorchSharp's generators, a simulator's own RNG) under
        /// <paramref name="family"/>, so one master seed drives it: <paramref name="reseed"/> is called with the master
        /// seed itself (the value a framework's own <c>manual_seed</c> expects, so its documented seeded values hold)
        /// whenever the seed is set: by <see cref="Initialize(long)"/>, by every run of <see cref="SeedSweep"/> and
        /// <see cref="Reproducibility"/>, and by a manifest. When a seed is already in force it is called at once.
        /// Registering a family name again replaces its callback. The manifest lists the families each re-seed reached.
        /// </summary>
        /// <returns>Disposing it unregisters the family (if it was not replaced since).</returns>
        /// <exception cref="InvalidOperationException">The callback throws when called at once; the family stays unregistered.</exception>
        public static IDisposable RegisterGenerator(string family, Action<long> reseed)
        {
            ValidateName(family);
            if (reseed is null)
            {
                throw new ArgumentNullException(nameof(reseed));
            }

            var registration = new GeneratorFamily(family, reseed);
            lock (Gate)
            {
                State? state = Volatile.Read(ref _state);
                if (state != null)
                {
                    registration.Reseed(state.Seed);
                    state.Manifest.AnnotateCurrentReseed($"generator family '{family}' registered and seeded with {state.Seed}");
                    state.WriteManifestIfConfigured();
                }

                Families.RemoveAll(existing => existing.Name == family);
                Families.Add(registration);
            }

            return registration;
        }

        /// <summary>
        /// The generator for the stream <paramref name="name"/>: its k-th call (k = 0, 1, 2, ...) since the master seed
        /// was last set returns sub-stream k of the name, so objects and per-call generators created under one name are
        /// independent of each other, and a run that creates them in the same order gets the same numbers.
        /// </summary>
        /// <remarks>
        /// <para>Sub-stream 0 is the stream of the name itself (the numbers this method returned before sub-streams
        /// existed); sub-stream k ≥ 1 is derived on a path of its own (docs/runtime.md), so it never coincides with an
        /// indexed stream <see cref="Random(string, long)"/> or with another name's stream. The manifest records how many
        /// sub-streams of each name were taken. Safe to call from many threads at once.</para>
        /// <para><b>Creation order.</b> Which caller gets which sub-stream is the order of the calls. Creating from
        /// concurrent code (a <c>Parallel.For</c> body, tasks) makes that order depend on scheduling: that is what
        /// SEED010 reports; use <see cref="Random(string, long)"/> or <see cref="DeterministicRandom.ForIndex"/> there.</para>
        /// </remarks>
        public static DeterministicRandom Random(string name)
        {
            ValidateName(name);
            State state = Current;
            SeedManifest.StreamEntry entry = state.Stream(name, out bool added);
            long substream = entry.TakeSubstream();
            if (added)
            {
                state.WriteManifestIfConfigured();
            }

            return new DeterministicRandom(substream == 0 ? entry.Key : entry.Key.DeriveSubstream(substream));
        }

        /// <summary>
        /// The generator for element <paramref name="index"/> of the stream <paramref name="name"/>, in O(1): a fixed
        /// stream that depends only on (master seed, name, index), whatever thread asks and whatever was created before.
        /// </summary>
        public static DeterministicRandom Random(string name, long index)
        {
            ValidateName(name);
            State state = Current;
            SeedManifest.StreamEntry entry = state.Stream(name, out bool added);
            if (entry.MarkIndexed() || added)
            {
                state.WriteManifestIfConfigured();
            }

            return new DeterministicRandom(entry.Key.DeriveIndex(index));
        }

        /// <summary>
        /// The one shared generator of the stream <paramref name="name"/> under the current master seed: every call
        /// returns the same instance, which continues where the last draw left it, until the master seed is set
        /// again (<see cref="Initialize(long)"/>, a sweep or a manifest), when a fresh instance starts the stream over.
        /// Its numbers are sub-stream 0 of the name (see <see cref="Random(string)"/>).
        /// </summary>
        /// <remarks>
        /// What replaces <c>Random.Shared</c>, so it must keep working where that did: draws by several threads at once
        /// are serialized (the stream never corrupts and a draw never throws), counted, warned about once, and recorded in
        /// the manifest as "not reproducible: drawn concurrently", because which thread gets which number then depends on
        /// scheduling. <see cref="DeterminismOptions.WhenSharedStreamContended"/> = <see cref="ContentionAction.Throw"/>
        /// (for tests and CI) throws instead. Draws from several threads that never overlap cannot be detected and are
        /// equally scheduling-dependent: SEED010 reports them at compile time.
        /// </remarks>
        public static DeterministicRandom Shared(string name)
        {
            ValidateName(name);
            State state = Current;
            return state.SharedStreams.TryGetValue(name, out DeterministicRandom? stream) ? stream : state.CreateShared(name);
        }

        /// <summary>
        /// A non-negative 32-bit seed derived from the master seed and <paramref name="name"/>, for APIs that take
        /// an int seed: the first <see cref="DeterministicRandom.Next()"/> of <c>Random(name)</c>, so, like it, the k-th
        /// call gives the seed of sub-stream k.
        /// </summary>
        public static int SeedFor(string name) => Random(name).Next();

        /// <summary>Records a setting (for example a TorchSharp determinism choice) in the manifest.</summary>
        public static void RecordSetting(string key, string value)
        {
            ValidateName(key);
            State state = Current;
            state.Manifest.SetSetting(key, value ?? string.Empty);
            state.WriteManifestIfConfigured();
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

        /// <summary>
        /// Starts one run of a sweep or verification under <paramref name="seed"/>: installs the seed (the environment
        /// does not override it), reseeds every family, and makes <see cref="Initialize(long)"/> follow it until the
        /// returned scope is disposed. Disposing the outermost run puts the program's own seed back (see
        /// <see cref="SweepRun.Dispose"/>).
        /// </summary>
        internal static IDisposable BeginRun(long seed, SeedSource source, string note)
        {
            lock (Gate)
            {
                State? previous = Volatile.Read(ref _state);
                SweepRun? outer = Volatile.Read(ref _sweepRun);
                Install(seed, source, null, previous?.ManifestPath ?? ReadManifestPathFromEnvironment(), previous?.Options ?? new DeterminismOptions(), note);
                var run = new SweepRun(seed, source, outer, outer is null ? previous : outer.Program, note);
                Volatile.Write(ref _sweepRun, run);
                return run;
            }
        }

        /// <summary>
        /// After the outermost in-process run: the program's state (its seed, its streams where they were, its manifest)
        /// is in force again, the families are reseeded with its seed, and its manifest records the run and is rewritten,
        /// so SEED_MANIFEST ends up describing the program, not the last seed of a sweep inside it.
        /// </summary>
        private static void RestoreProgram(SweepRun run)
        {
            State? program = run.Program;
            State? last = Volatile.Read(ref _state);
            Volatile.Write(ref _state, program);
            if (program is null)
            {
                return;
            }

            GeneratorFamily[] families = Families.ToArray();
            if (last != null)
            {
                program.Manifest.AppendRunHistory(
                    last.Manifest,
                    $"{run.Note} ended; the program's seed {program.Seed} is back",
                    families.Select(family => family.Name).ToArray());
            }

            foreach (GeneratorFamily family in families)
            {
                family.Reseed(program.Seed);
            }

            program.WriteManifestIfConfigured();
        }

        /// <summary>Forgets all global state, registered families included (tests only).</summary>
        internal static void Reset()
        {
            lock (Gate)
            {
                Volatile.Write(ref _state, null);
                Volatile.Write(ref _sweepRun, null);
                _warnedUninitialized = 0;
                _programSeed = null;
                Families.Clear();
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

        /// <summary>An Initialize inside a sweep or verification run: the run's seed wins; the streams start over.</summary>
        private static void FollowSweepRun(SweepRun run, string call, DeterminismOptions options)
        {
            string? environment = Environment.GetEnvironmentVariable(SeedEnvironmentVariable);
            string ignored = string.IsNullOrEmpty(environment) ? string.Empty : $" ({SeedEnvironmentVariable}={environment} does not apply inside it)";
            State? previous = Volatile.Read(ref _state);
            Install(
                run.Seed,
                run.Source,
                null,
                previous?.ManifestPath ?? ReadManifestPathFromEnvironment() ?? options.ManifestPath,
                options,
                $"{call} inside a {(run.Source == SeedSource.Verify ? "Reproducibility.Verify" : "SeedSweep")} run followed the run's seed {run.Seed}{ignored}");
        }

        private static void CheckSeedChange(long seed, SeedChangeAction action, string call)
        {
            if (!(_programSeed is long previous) || previous == seed)
            {
                return;
            }

            string message =
                $"{call} changes the master seed from {previous}, set earlier in this process, to {seed}: streams and generators " +
                $"created from now on follow {seed}. Call Determinism.Initialize once, at the start of Main; to run under several " +
                "seeds use SeedSweep.Run.";
            if (action == SeedChangeAction.Throw)
            {
                throw new InvalidOperationException(message + " (DeterminismOptions.WhenSeedChanges is Throw.)");
            }

            WarningWriter.WriteLine("warning: SeedAnalyzers: " + message);
        }

        /// <summary>Installs a new master seed, then reseeds every family with it (their callbacks may record settings).</summary>
        private static void Install(long seed, SeedSource source, long? codeSeed, string? manifestPath, DeterminismOptions options, string note)
        {
            GeneratorFamily[] families = Families.ToArray();
            State? previous = Volatile.Read(ref _state);
            SeedManifest manifest = SeedManifest.Capture(seed, source, codeSeed, previous?.Manifest, note, families.Select(family => family.Name).ToArray());
            var state = new State(seed, source, manifest, manifestPath, options);
            Volatile.Write(ref _state, state);
            foreach (GeneratorFamily family in families)
            {
                family.Reseed(seed);
            }

            state.WriteManifestIfConfigured();
            if (manifestPath != null && Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (sender, e) => WriteManifestAtExit();
            }
        }

        /// <summary>The first read before Initialize: SEED if set, otherwise the default seed with one warning.</summary>
        private static State InstallImplicitState()
        {
            lock (Gate)
            {
                State? state = Volatile.Read(ref _state);
                if (state != null)
                {
                    return state;
                }

                long? fromEnvironment = ReadSeedFromEnvironment();
                Install(
                    fromEnvironment ?? DefaultSeed,
                    fromEnvironment.HasValue ? SeedSource.Environment : SeedSource.Default,
                    null,
                    ReadManifestPathFromEnvironment(),
                    new DeterminismOptions(),
                    fromEnvironment.HasValue ? string.Empty : "read before Determinism.Initialize: the default seed");
                if (!fromEnvironment.HasValue && Interlocked.Exchange(ref _warnedUninitialized, 1) == 0)
                {
                    WarningWriter.WriteLine(
                        $"warning: SeedAnalyzers: random numbers were drawn before the program set a master seed, so every run " +
                        $"uses the default seed {DefaultSeed} (the same numbers each time). To choose the seed, call " +
                        $"Determinism.Initialize(seed) at the start of Main, or set the environment variable, for example " +
                        $"{SeedEnvironmentVariable}=42. These generators are for reproducibility, not for secrets: use " +
                        "RandomNumberGenerator for tokens, passwords and keys.");
                }

                return Volatile.Read(ref _state)!;
            }
        }

        /// <summary>The last write of the manifest, when the process exits: sub-stream counts grow without a write each time.</summary>
        internal static void WriteManifestAtExit()
        {
            try
            {
                Volatile.Read(ref _state)?.WriteManifestIfConfigured();
            }
            catch (IOException e)
            {
                try
                {
                    WarningWriter.WriteLine("warning: SeedAnalyzers: " + e.Message);
                }
                catch (ObjectDisposedException)
                {
                    // The process is ending and its error stream is gone: nowhere left to say it.
                }
            }
        }

        /// <summary>The seed in force and everything derived from it.</summary>
        internal sealed class State
        {
            internal State(long seed, SeedSource source, SeedManifest manifest, string? manifestPath, DeterminismOptions options)
            {
                Seed = seed;
                Source = source;
                Root = StreamKey.FromSeed(seed);
                Manifest = manifest;
                ManifestPath = manifestPath;
                Options = options;
            }

            internal long Seed { get; }

            internal SeedSource Source { get; }

            internal StreamKey Root { get; }

            internal SeedManifest Manifest { get; }

            internal string? ManifestPath { get; }

            internal DeterminismOptions Options { get; }

            internal ConcurrentDictionary<string, DeterministicRandom> SharedStreams { get; } =
                new ConcurrentDictionary<string, DeterministicRandom>(StringComparer.Ordinal);

            /// <summary>The manifest entry of <paramref name="name"/>, created on first use (the caller then rewrites the manifest).</summary>
            internal SeedManifest.StreamEntry Stream(string name, out bool added) => Manifest.GetOrAddStream(name, Root.DeriveName, out added);

            internal DeterministicRandom CreateShared(string name)
            {
                SeedManifest.StreamEntry entry = Stream(name, out bool added);
                DeterministicRandom stream = SharedStreams.GetOrAdd(name, key => new DeterministicRandom(entry.Key, new SharedStreamGuard(this, entry)));
                if (entry.MarkShared() || added)
                {
                    WriteManifestIfConfigured();
                }

                return stream;
            }

            internal void WriteManifestIfConfigured()
            {
                if (ManifestPath != null)
                {
                    // One writer at a time: two threads writing one file at once would fail, and the last write must
                    // hold the latest counts.
                    lock (ManifestWriteGate)
                    {
                        Manifest.Write(ManifestPath);
                    }
                }
            }
        }

        /// <summary>A sweep or verification run in progress: the seed an Initialize inside it follows.</summary>
        private sealed class SweepRun : IDisposable
        {
            private readonly SweepRun? _outer;
            private int _disposed;

            internal SweepRun(long seed, SeedSource source, SweepRun? outer, State? program, string note)
            {
                Seed = seed;
                Source = source;
                _outer = outer;
                Program = program;
                Note = note;
            }

            internal long Seed { get; }

            internal SeedSource Source { get; }

            /// <summary>The state in force before the outermost run began: what the program itself had set (or nothing).</summary>
            internal State? Program { get; }

            internal string Note { get; }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0)
                {
                    return;
                }

                lock (Gate)
                {
                    Volatile.Write(ref _sweepRun, _outer);
                    if (_outer is null)
                    {
                        RestoreProgram(this);
                    }
                }
            }
        }

        private sealed class GeneratorFamily : IDisposable
        {
            private readonly Action<long> _reseed;

            internal GeneratorFamily(string name, Action<long> reseed)
            {
                Name = name;
                _reseed = reseed;
            }

            internal string Name { get; }

            internal void Reseed(long seed)
            {
                try
                {
                    _reseed(seed);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException(
                        $"The generator family '{Name}' could not be reseeded with the master seed {seed}: {e.Message}", e);
                }
            }

            public void Dispose()
            {
                lock (Gate)
                {
                    Families.Remove(this);
                }
            }
        }
    }
}
