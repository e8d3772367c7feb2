using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using TorchSharp;

namespace SeedAnalyzers
{
    /// <summary>
    /// Seeds TorchSharp (CPU and every CUDA device) from the SeedAnalyzers master seed and switches libtorch
    /// to deterministic kernels. With the same master seed, libtorch build and thread count, CPU runs give
    /// bitwise-identical results across processes; on CUDA the same holds on the same device model and driver.
    /// </summary>
    public static class TorchDeterminism
    {
        /// <summary>The environment variable cuBLAS reads when CUDA initializes.</summary>
        public const string CublasWorkspaceConfigVariable = "CUBLAS_WORKSPACE_CONFIG";

        private const string SettingPrefix = "torch.";

        /// <summary>Initializes the master seed and every libtorch determinism setting (see <see cref="TorchDeterminismOptions"/>).</summary>
        public static void Initialize(long seed) => Initialize(seed, new TorchDeterminismOptions());

        /// <summary>Initializes the master seed and every libtorch determinism setting (see <see cref="TorchDeterminismOptions"/>).</summary>
        public static void Initialize(int seed) => Initialize((long)seed, new TorchDeterminismOptions());

        /// <summary>
        /// Calls <see cref="Determinism.Initialize(long, DeterminismOptions)"/>, then seeds the CPU generator and,
        /// when CUDA is available, every CUDA device with the master seed; applies the determinism switches of
        /// <paramref name="options"/> and records them in the manifest.
        /// </summary>
        /// <exception cref="InvalidOperationException">
        /// CUDA was initialized before this call and <see cref="TorchDeterminismOptions.WhenCudaAlreadyInitialized"/> is
        /// <see cref="CudaAlreadyInitializedAction.Throw"/>, or libtorch lacks a switch that options ask to enforce.
        /// </exception>
        public static void Initialize(long seed, TorchDeterminismOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

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

            Determinism.Initialize(seed, options.Core ?? new DeterminismOptions());
            long master = Determinism.MasterSeed;

            if (options.CublasWorkspaceConfig != null)
            {
                NativeEnvironment.Set(CublasWorkspaceConfigVariable, options.CublasWorkspaceConfig);
            }

            torch.manual_seed(master);
            ApplyContextSwitches(options);
            torch.backends.cudnn.allow_tf32 = options.AllowTF32;
            torch.backends.cuda.matmul.allow_tf32 = options.AllowTF32;
            torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = options.AllowReducedPrecisionReduction;

            // is_available loads TorchSharp's CUDA backend only when one is installed; nothing CUDA runs without it.
            bool cudaSeeded = options.SeedCuda && torch.cuda.is_available();
            if (cudaSeeded)
            {
                torch.cuda.manual_seed_all(master);
            }

            RecordOptions(options, cudaWasLoaded, cudaSeeded);
        }

        /// <summary>Reads every determinism setting back from libtorch and the process environment.</summary>
        public static TorchDeterminismReport Describe() => TorchDeterminismReport.Read();

        /// <summary>
        /// A CPU torch generator seeded from the named stream <paramref name="name"/> of the master seed: the same
        /// name and master seed give the same generator in every run.
        /// </summary>
        public static torch.Generator Generator(string name)
        {
            // A fork keeps the generator's seed apart from the draws a caller makes on Determinism.Random(name).
            ulong seed = (ulong)Determinism.Random(name).Fork("torch.Generator").NextInt64();
            return new torch.Generator(seed);
        }

        /// <summary>
        /// The reproducible replacement for <c>torch.seed()</c>: reseeds torch's default CPU generator (and, when CUDA
        /// is available, every CUDA device) with a seed derived from the master seed and <paramref name="name"/>, and
        /// returns that seed as <c>torch.seed()</c> does.
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
        /// derived from the master seed and <paramref name="name"/>, and returns that seed.
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
        /// An epoch-aware shuffle for <c>DataLoader</c>: the k-th enumeration yields the permutation of
        /// <c>0..count-1</c> for epoch k, derived from (master seed, name, k), so every epoch has its own order
        /// and every run repeats the same sequence of orders. Pass it to the <c>DataLoader</c> overload that takes
        /// an <c>IEnumerable&lt;long&gt; shuffler</c>; it enumerates once per epoch.
        /// </summary>
        public static IEnumerable<long> Shuffler(string name, long count)
        {
            ValidateCount(count);

            // Validates the name and records the stream in the manifest now rather than at the first epoch.
            Determinism.Random(name, 0);
            return new EpochShuffler(name, count);
        }

        /// <summary>The permutation of <c>0..count-1</c> that <see cref="Shuffler"/> yields for <paramref name="epoch"/>.</summary>
        public static long[] Permutation(string name, long count, long epoch)
        {
            ValidateCount(count);

            if (epoch < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must not be negative.");
            }

            DeterministicRandom random = Determinism.Random(name, epoch);
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
            if (count < 0 || count > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be between 0 and {Array.MaxLength}.");
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
            Record("cudaSeeded", cudaSeeded);
            Record("deterministicCuDNN", options.DeterministicCuDnn);
            Record("benchmarkCuDNN", options.CuDnnBenchmark);
            Record("deterministicAlgorithms", options.DeterministicAlgorithms);
            Record("deterministicAlgorithmsWarnOnly", options.DeterministicAlgorithmsWarnOnly);
            Record("allowTF32", options.AllowTF32);
            Record("allowFP16ReducedPrecisionReduction", options.AllowReducedPrecisionReduction);
            Determinism.RecordSetting(SettingPrefix + "cublasWorkspaceConfig", options.CublasWorkspaceConfig ?? "(not set)");
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
            private readonly string _name;
            private readonly long _count;
            private long _nextEpoch = -1;

            public EpochShuffler(string name, long count)
            {
                _name = name;
                _count = count;
            }

            public IEnumerator<long> GetEnumerator()
            {
                long epoch = Interlocked.Increment(ref _nextEpoch);
                return ((IEnumerable<long>)Permutation(_name, _count, epoch)).GetEnumerator();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
