using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Threading;
using TorchSharp;

namespace SeedAnalyzers
{
    /// <summary>
    /// Seeds TorchSharp (CPU and every CUDA device) from the SeedAnalyzers master seed and switches libtorch
    /// to deterministic kernels. With the same master seed, libtorch build and thread count, CPU runs give
    /// bitwise-identical results across processes; on CUDA the same holds on the same device model and driver.
    /// </summary>
    /// <remarks>
    /// <see cref="Initialize(long, TorchDeterminismOptions)"/> registers torch as a generator family of the runtime
    /// (<see cref="Determinism.RegisterGenerator"/>), so every later setting of the master seed (a
    /// <see cref="SeedSweep"/> run, a <see cref="Reproducibility"/> run, another Initialize) reseeds torch's CPU
    /// generator and every CUDA device with the master seed itself; and it registers <c>torch.Tensor</c> with
    /// <see cref="Reproducibility.RegisterConverter{T}"/>, so <c>Verify</c> compares tensors by dtype, shape and elements.
    /// </remarks>
    public static class TorchDeterminism
    {
        /// <summary>The environment variable cuBLAS reads when CUDA initializes.</summary>
        public const string CublasWorkspaceConfigVariable = "CUBLAS_WORKSPACE_CONFIG";

        /// <summary>The generator family name torch is registered under.</summary>
        public const string GeneratorFamily = "torch";

        internal const string SettingPrefix = "torch.";
        internal const string NotSet = "(not set)";

        // Array.MaxLength, which netstandard2.0 lacks.
        private const int MaxArrayLength = 0x7FFFFFC7;

        private static TorchDeterminismOptions? _applied;
        private static int _interOpThreadsSet;

        /// <summary>Initializes the master seed and every libtorch determinism setting (see <see cref="TorchDeterminismOptions"/>).</summary>
        public static void Initialize(long seed) => Initialize(seed, new TorchDeterminismOptions());

        /// <summary>Initializes the master seed and every libtorch determinism setting (see <see cref="TorchDeterminismOptions"/>).</summary>
        public static void Initialize(int seed) => Initialize((long)seed, new TorchDeterminismOptions());

        /// <summary>
        /// Pins the thread counts <paramref name="options"/> asks for, registers torch with the runtime (see the remarks on
        /// <see cref="TorchDeterminism"/>), calls <see cref="Determinism.Initialize(long, DeterminismOptions)"/> (which
        /// seeds the CPU generator and, when CUDA is available, every CUDA device with the master seed; inside a sweep
        /// run, with the run's seed), applies the determinism switches of <paramref name="options"/>, and records them,
        /// the thread counts and the TorchSharp and libtorch versions in the manifest.
        /// </summary>
        /// <exception cref="InvalidOperationException">
        /// CUDA was initialized before this call and <see cref="TorchDeterminismOptions.WhenCudaAlreadyInitialized"/> is
        /// <see cref="CudaAlreadyInitializedAction.Throw"/>; libtorch lacks a switch that options ask to enforce; or the
        /// inter-op thread count can no longer be changed.
        /// </exception>
        public static void Initialize(long seed, TorchDeterminismOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            Apply(options, () => Determinism.Initialize(seed, options.Core ?? new DeterminismOptions()));
        }

        /// <summary>
        /// Reproduces the run <paramref name="manifest"/> documents: its master seed
        /// (<see cref="Determinism.Initialize(SeedManifest)"/>) and its torch setup
        /// (<see cref="TorchDeterminismOptions.FromManifest"/>: determinism switches and thread counts).
        /// </summary>
        public static void Initialize(SeedManifest manifest)
        {
            if (manifest is null)
            {
                throw new ArgumentNullException(nameof(manifest));
            }

            Apply(TorchDeterminismOptions.FromManifest(manifest), () => Determinism.Initialize(manifest));
        }

        private static void Apply(TorchDeterminismOptions options, Action initializeMasterSeed)
        {
            ValidateThreadCount(options.IntraOpThreads, nameof(options.IntraOpThreads));
            ValidateThreadCount(options.InterOpThreads, nameof(options.InterOpThreads));
            bool cudaWasLoaded = NativeEnvironment.IsCudaDriverLoaded();
            if (cudaWasLoaded)
            {
                const string message = "CUDA was initialized before TorchDeterminism.Initialize, so cuBLAS may already have read "
                    + CublasWorkspaceConfigVariable + "; call Initialize first in Main.";
                if (options.WhenCudaAlreadyInitialized == CudaAlreadyInitializedAction.Throw)
                {
                    throw new InvalidOperationException(message);
                }

                Determinism.WarningWriter.WriteLine("warning: " + message);
            }

            if (options.CublasWorkspaceConfig != null)
            {
                NativeEnvironment.Set(CublasWorkspaceConfigVariable, options.CublasWorkspaceConfig);
            }

            PinThreads(options);
            bool seedCuda = options.SeedCuda;
            Determinism.RegisterGenerator(GeneratorFamily, seed => ReseedTorch(seed, seedCuda));
            Reproducibility.RegisterConverter<torch.Tensor>(TensorValues.ToComparable);
            initializeMasterSeed();

            ApplyContextSwitches(options);
            torch.backends.cudnn.allow_tf32 = options.AllowTF32;
            torch.backends.cuda.matmul.allow_tf32 = options.AllowTF32;
            torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = options.AllowReducedPrecisionReduction;
            Volatile.Write(ref _applied, options);
            RecordOptions(options, cudaWasLoaded, seedCuda && torch.cuda.is_available());
        }

        /// <summary>What the torch generator family does at every setting of the master seed.</summary>
        private static void ReseedTorch(long seed, bool seedCuda)
        {
            torch.manual_seed(seed);

            // is_available loads TorchSharp's CUDA backend only when one is installed; nothing CUDA runs without it.
            if (seedCuda && torch.cuda.is_available())
            {
                torch.cuda.manual_seed_all(seed);
            }

            // Recorded at every seed: a manifest states the counts its run used, even if the program changed them.
            Determinism.RecordSetting(SettingPrefix + "intraOpThreads", torch.get_num_threads().ToString(CultureInfo.InvariantCulture));
            Determinism.RecordSetting(SettingPrefix + "interOpThreads", torch.get_num_interop_threads().ToString(CultureInfo.InvariantCulture));
            Determinism.RecordSetting(SettingPrefix + "torchSharpVersion", TorchSharpVersion);
            Determinism.RecordSetting(SettingPrefix + "libtorchVersion", torch.__version__);
        }

        /// <summary>The TorchSharp package version (its assembly's informational version, without a source-link suffix).</summary>
        internal static string TorchSharpVersion
        {
            get
            {
                Assembly assembly = typeof(torch).Assembly;
                string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? assembly.GetName().Version?.ToString()
                    ?? "unknown";
                int plus = version.IndexOf('+');
                return plus < 0 ? version : version.Substring(0, plus);
            }
        }

        /// <summary>The thread counts the last Initialize pinned (null: not pinned), for <see cref="Describe"/>.</summary>
        internal static (int? IntraOp, int? InterOp) PinnedThreads =>
            Volatile.Read(ref _applied) is { } options ? (options.IntraOpThreads, options.InterOpThreads) : (null, null);

        private static void ValidateThreadCount(int? count, string name)
        {
            if (count <= 0)
            {
                throw new ArgumentOutOfRangeException(name, count, $"{name} must be a positive thread count, or null to leave it as it is.");
            }
        }

        private static void PinThreads(TorchDeterminismOptions options)
        {
            if (options.IntraOpThreads is int intraOp)
            {
                torch.set_num_threads(intraOp);
            }

            if (options.InterOpThreads is int interOp && torch.get_num_interop_threads() != interOp)
            {
                // libtorch accepts one set_num_interop_threads per process, before inter-op work starts, and a second
                // one is a C++ error TorchSharp does not catch: the process aborts. So this library sets it at most once.
                if (Interlocked.CompareExchange(ref _interOpThreadsSet, 1, 0) != 0)
                {
                    throw new InvalidOperationException(
                        $"libtorch's inter-op thread count is {torch.get_num_interop_threads()} and cannot be set to {interOp} any " +
                        "more: libtorch accepts it once per process, before its first inter-op work. Pin it in the first " +
                        "TorchDeterminism.Initialize, first in Main, or leave TorchDeterminismOptions.InterOpThreads null.");
                }

                torch.set_num_interop_threads(interOp);
            }
        }

        /// <summary>Reads every determinism setting back from libtorch and the process environment.</summary>
        public static TorchDeterminismReport Describe() => TorchDeterminismReport.Read();

        /// <summary>
        /// A CPU torch generator seeded from the named stream <paramref name="name"/> of the master seed. Like
        /// <see cref="Determinism.Random(string)"/>, the k-th call since the master seed was set is seeded from sub-stream
        /// k, so generators created one after another are independent, and a run that creates them in the same order
        /// gets the same generators.
        /// </summary>
        public static torch.Generator Generator(string name)
        {
            // A fork keeps the generator's seed apart from the draws a caller makes on Determinism.Random(name).
            ulong seed = (ulong)Determinism.Random(name).Fork("torch.Generator").NextInt64();
            return new torch.Generator(seed);
        }

        /// <summary>
        /// A CPU torch generator for work item <paramref name="index"/> of the named stream, seeded from
        /// <see cref="Determinism.Random(string, long)"/>: it depends only on (master seed, name, index), whatever thread
        /// asks and whatever was created before, and generators of different indices are independent. For concurrent
        /// workers (<c>Parallel.For(0, n, i =&gt; torch.rand(..., generator: TorchDeterminism.Generator("name", i)))</c>),
        /// where torch's global generator would hand out numbers in the order the threads happen to run.
        /// </summary>
        public static torch.Generator Generator(string name, long index)
        {
            ulong seed = (ulong)Determinism.Random(name, index).Fork("torch.Generator").NextInt64();
            return new torch.Generator(seed);
        }

        /// <summary>
        /// A CPU torch generator for work item <paramref name="index"/> of a split: seeded from
        /// <c>workers.ForIndex(index)</c>, so it depends only on the split and the index, whatever thread asks. Take the
        /// split once each time the concurrent region starts, from a continuing stream:
        /// <code>
        /// var workers = Determinism.Random("Trainer.augment");   // the k-th start gets sub-stream k
        /// Parallel.For(0, n, i =&gt; { var generator = TorchDeterminism.Generator(workers, i); ... });
        /// </code>
        /// Each start (an epoch, a restart) then draws new numbers, as torch's global generator did, and the same
        /// numbers in every run of the program; <see cref="Generator(string, long)"/> would repeat them every start.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="workers"/> is null.</exception>
        public static torch.Generator Generator(DeterministicRandom workers, long index)
        {
            if (workers is null)
            {
                throw new ArgumentNullException(nameof(workers));
            }

            ulong seed = (ulong)workers.ForIndex(index).Fork("torch.Generator").NextInt64();
            return new torch.Generator(seed);
        }

        /// <summary>
        /// The reproducible replacement for <c>torch.seed()</c>: reseeds torch's default CPU generator (and, when CUDA
        /// is available, every CUDA device) with a seed derived from the master seed and <paramref name="name"/> (the
        /// k-th call from sub-stream k, so each call gives a new seed, as <c>torch.seed()</c> does), and returns it.
        /// </summary>
        public static long Reseed(string name)
        {
            long seed = DerivedSeed(name);
            torch.manual_seed(seed);
            if (torch.cuda.is_available())
            {
                torch.cuda.manual_seed_all(seed);
            }

            return seed;
        }

        /// <summary>
        /// The reproducible replacement for <c>generator.seed()</c>: reseeds <paramref name="generator"/> with a seed
        /// derived from the master seed and <paramref name="name"/> (the k-th call from sub-stream k), and returns it.
        /// </summary>
        public static long Reseed(torch.Generator generator, string name)
        {
            if (generator is null)
            {
                throw new ArgumentNullException(nameof(generator));
            }

            long seed = DerivedSeed(name);
            generator.manual_seed(seed);
            return seed;
        }

        /// <summary>A non-negative seed for libtorch from the named stream, kept apart from draws on Determinism.Random(name).</summary>
        private static long DerivedSeed(string name) =>
            Determinism.Random(name).Fork("torch.Reseed").NextInt64(0, long.MaxValue);

        /// <summary>
        /// An epoch-aware shuffle for <c>DataLoader</c>: its k-th enumeration yields a permutation of
        /// <c>0..count-1</c> for epoch k, so every epoch has its own order and every run repeats the same sequence of
        /// orders. Like <see cref="Determinism.Random(string)"/>, the n-th shuffler of a name since the master seed was
        /// set draws from sub-stream n: loaders made one after another (one per fold, per restart, or a new one each
        /// epoch) shuffle their own ways, as loaders on unseeded generators did; the first one yields
        /// <see cref="Permutation"/>'s orders. A shuffler keeps the master seed in force when it was made. Pass it to the
        /// <c>DataLoader</c> overload that takes an <c>IEnumerable&lt;long&gt; shuffler</c>; it enumerates once per epoch.
        /// </summary>
        public static IEnumerable<long> Shuffler(string name, long count)
        {
            ValidateCount(count);
            return new EpochShuffler(Determinism.Random(name), count);
        }

        /// <summary>
        /// The permutation of <c>0..count-1</c> that the first <see cref="Shuffler"/> of <paramref name="name"/> under
        /// the master seed yields for <paramref name="epoch"/>: a function of (master seed, name, epoch).
        /// </summary>
        public static long[] Permutation(string name, long count, long epoch)
        {
            ValidateCount(count);

            if (epoch < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must not be negative.");
            }

            return Permute(Determinism.Random(name, epoch), count);
        }

        private static long[] Permute(DeterministicRandom random, long count)
        {
            var order = new long[count];
            for (long i = 0; i < count; i++)
            {
                order[i] = i;
            }

            for (long i = count - 1; i > 0; i--)
            {
                long j = random.NextInt64(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            return order;
        }

        private static void ValidateCount(long count)
        {
            if (count < 0 || count > MaxArrayLength)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be between 0 and {MaxArrayLength}.");
            }
        }

        internal static bool IsDeterministicWorkspaceConfig(string? value) => value == ":4096:8" || value == ":16:8";

        private static void ApplyContextSwitches(TorchDeterminismOptions options)
        {
            LibTorchContext? context = LibTorchContext.TryOpen(out string reason);
            bool applied = context != null
                && context.TrySetDeterministicCuDnn(options.DeterministicCuDnn)
                && context.TrySetBenchmarkCuDnn(options.CuDnnBenchmark)
                && context.TrySetDeterministicAlgorithms(options.DeterministicAlgorithms, options.DeterministicAlgorithmsWarnOnly);
            if (applied)
            {
                return;
            }

            string why = context == null ? reason : "this libtorch does not export one of the at::Context determinism setters";
            if (options.DeterministicCuDnn || !options.CuDnnBenchmark || options.DeterministicAlgorithms)
            {
                throw new InvalidOperationException($"Cannot enforce libtorch determinism switches: {why}. Describe() lists what is available.");
            }
        }

        private static void RecordOptions(TorchDeterminismOptions options, bool cudaWasLoaded, bool cudaSeeded)
        {
            Record("seedCuda", options.SeedCuda);
            Record("cudaSeeded", cudaSeeded);
            Record("deterministicCuDNN", options.DeterministicCuDnn);
            Record("benchmarkCuDNN", options.CuDnnBenchmark);
            Record("deterministicAlgorithms", options.DeterministicAlgorithms);
            Record("deterministicAlgorithmsWarnOnly", options.DeterministicAlgorithmsWarnOnly);
            Record("allowTF32", options.AllowTF32);
            Record("allowFP16ReducedPrecisionReduction", options.AllowReducedPrecisionReduction);
            Determinism.RecordSetting(SettingPrefix + "cublasWorkspaceConfig", options.CublasWorkspaceConfig ?? NotSet);
            Record("cudaInitializedBefore", cudaWasLoaded);

            IReadOnlyList<string> relaxed = options.RelaxedItems();
            Determinism.RecordSetting(SettingPrefix + "relaxed", relaxed.Count == 0 ? "none" : string.Join(",", relaxed));
            if (relaxed.Count > 0)
            {
                if (string.IsNullOrWhiteSpace(options.RelaxationReason))
                {
                    Determinism.WarningWriter.WriteLine(
                        $"warning: TorchDeterminism relaxes {string.Join(", ", relaxed)} without a RelaxationReason; results may not reproduce.");
                }
                else
                {
                    Determinism.RecordSetting(SettingPrefix + "relaxationReason", options.RelaxationReason!);
                }
            }
        }

        private static void Record(string key, bool value) =>
            Determinism.RecordSetting(SettingPrefix + key, value ? "true" : "false");

        /// <summary>Counts its enumerations: the DataLoader asks for a fresh enumerator at the start of every epoch.</summary>
        private sealed class EpochShuffler : IEnumerable<long>
        {
            private readonly DeterministicRandom _epochs;
            private readonly long _count;
            private long _nextEpoch = -1;

            public EpochShuffler(DeterministicRandom epochs, long count)
            {
                _epochs = epochs;
                _count = count;
            }

            public IEnumerator<long> GetEnumerator()
            {
                long epoch = Interlocked.Increment(ref _nextEpoch);

                // ForIndex reads only the stream's key: epoch k's order is the same whichever thread enumerates.
                return ((IEnumerable<long>)Permute(_epochs.ForIndex(epoch), _count)).GetEnumerator();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
