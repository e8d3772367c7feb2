namespace SeedAnalyzers
{
    /// <summary>What <see cref="TorchDeterminism.Initialize(long, TorchDeterminismOptions)"/> does when CUDA was already in use.</summary>
    public enum CudaAlreadyInitializedAction
    {
        /// <summary>Throw <see cref="System.InvalidOperationException"/>: the cuBLAS workspace setting can no longer act.</summary>
        Throw,

        /// <summary>Write a warning to <see cref="Determinism.WarningWriter"/>, record it in the manifest, and go on.</summary>
        Warn,
    }

    /// <summary>
    /// The determinism items <see cref="TorchDeterminism"/> enforces. Every default is the reproducible choice; a
    /// property set otherwise relaxes that one item (for a speed run), and the choice is recorded in the manifest.
    /// </summary>
    public sealed class TorchDeterminismOptions
    {
        /// <summary>The workspace configuration cuBLAS needs for deterministic results.</summary>
        public const string DeterministicCublasWorkspaceConfig = ":4096:8";

        /// <summary>Options of the core <see cref="Determinism"/> initialization (environment override, manifest path).</summary>
        public DeterminismOptions Core { get; set; } = new DeterminismOptions();

        /// <summary>Seed every CUDA device with the master seed (TorchSharp's <c>manual_seed</c> seeds only the CPU).</summary>
        public bool SeedCuda { get; set; } = true;

        /// <summary>Make cuDNN pick deterministic convolution algorithms.</summary>
        public bool DeterministicCuDnn { get; set; } = true;

        /// <summary>Let cuDNN benchmark and pick the fastest algorithm, which can differ from run to run.</summary>
        public bool CuDnnBenchmark { get; set; }

        /// <summary>Make libtorch use deterministic implementations and fail on operations that have none.</summary>
        public bool DeterministicAlgorithms { get; set; } = true;

        /// <summary>With <see cref="DeterministicAlgorithms"/>, warn instead of failing on nondeterministic operations.</summary>
        public bool DeterministicAlgorithmsWarnOnly { get; set; }

        /// <summary>Allow TF32 in cuDNN convolutions and cuBLAS matrix products (faster, lower and device-dependent precision).</summary>
        public bool AllowTF32 { get; set; }

        /// <summary>
        /// Allow cuBLAS to reduce FP16 matrix products in reduced precision (libtorch's default is on; results then depend
        /// on the GPU model).
        /// </summary>
        public bool AllowReducedPrecisionReduction { get; set; }

        /// <summary>The value given to <c>CUBLAS_WORKSPACE_CONFIG</c>; <c>null</c> leaves the variable alone.</summary>
        public string? CublasWorkspaceConfig { get; set; } = DeterministicCublasWorkspaceConfig;

        /// <summary>What to do when CUDA was already initialized before <see cref="TorchDeterminism.Initialize(long, TorchDeterminismOptions)"/>.</summary>
        public CudaAlreadyInitializedAction WhenCudaAlreadyInitialized { get; set; } = CudaAlreadyInitializedAction.Throw;

        /// <summary>Why items are relaxed; recorded in the manifest. Relaxing without a reason writes a warning.</summary>
        public string? RelaxationReason { get; set; }

        /// <summary>
        /// Pins libtorch's intra-op thread count (<c>torch.set_num_threads</c>); null leaves it as it is. CPU results can
        /// change with it (a large sum reduces per thread chunk), so a run and its reproduction should use the same count:
        /// the manifest records the count in force either way, and <see cref="FromManifest"/> pins it.
        /// </summary>
        public int? IntraOpThreads { get; set; }

        /// <summary>
        /// Pins libtorch's inter-op thread count (<c>torch.set_num_interop_threads</c>); null leaves it as it is. libtorch
        /// accepts one new inter-op count per process, before its first inter-op work, and aborts the process on a
        /// second (TorchSharp does not catch the C++ error): so pin it in the first Initialize, first in Main, and do not
        /// call <c>torch.set_num_interop_threads</c> yourself. A later Initialize asking for another count throws
        /// <see cref="System.InvalidOperationException"/> instead of calling libtorch; asking for the count in force is fine.
        /// </summary>
        public int? InterOpThreads { get; set; }

        /// <summary>
        /// The options a run recorded in <paramref name="manifest"/> (its <c>torch.*</c> settings), thread counts pinned to
        /// the counts it ran with, so <see cref="TorchDeterminism.Initialize(SeedManifest)"/> reproduces its setup.
        /// Items the manifest does not mention keep their defaults.
        /// </summary>
        /// <exception cref="System.FormatException">A recorded torch setting has a value these options cannot hold; the message names it.</exception>
        public static TorchDeterminismOptions FromManifest(SeedManifest manifest)
        {
            if (manifest is null)
            {
                throw new System.ArgumentNullException(nameof(manifest));
            }

            var settings = manifest.Settings;
            var options = new TorchDeterminismOptions();
            bool Flag(string key, bool fallback) =>
                !settings.TryGetValue(TorchDeterminism.SettingPrefix + key, out string? text) ? fallback
                : text == "true" ? true
                : text == "false" ? false
                : throw new System.FormatException($"The manifest's setting {TorchDeterminism.SettingPrefix}{key} is '{text}', not true or false.");
            int? Count(string key) =>
                !settings.TryGetValue(TorchDeterminism.SettingPrefix + key, out string? text) ? (int?)null
                : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) && count > 0 ? count
                : throw new System.FormatException($"The manifest's setting {TorchDeterminism.SettingPrefix}{key} is '{text}', not a positive thread count.");

            options.DeterministicCuDnn = Flag("deterministicCuDNN", options.DeterministicCuDnn);
            options.CuDnnBenchmark = Flag("benchmarkCuDNN", options.CuDnnBenchmark);
            options.DeterministicAlgorithms = Flag("deterministicAlgorithms", options.DeterministicAlgorithms);
            options.DeterministicAlgorithmsWarnOnly = Flag("deterministicAlgorithmsWarnOnly", options.DeterministicAlgorithmsWarnOnly);
            options.AllowTF32 = Flag("allowTF32", options.AllowTF32);
            options.AllowReducedPrecisionReduction = Flag("allowFP16ReducedPrecisionReduction", options.AllowReducedPrecisionReduction);
            options.SeedCuda = Flag("seedCuda", options.SeedCuda);
            if (settings.TryGetValue(TorchDeterminism.SettingPrefix + "cublasWorkspaceConfig", out string? workspace))
            {
                options.CublasWorkspaceConfig = workspace == TorchDeterminism.NotSet ? null : workspace;
            }

            if (settings.TryGetValue(TorchDeterminism.SettingPrefix + "relaxationReason", out string? reason))
            {
                options.RelaxationReason = reason;
            }

            options.IntraOpThreads = Count("intraOpThreads");
            options.InterOpThreads = Count("interOpThreads");
            return options;
        }

        /// <summary>The names of the items these options relax, in a fixed order.</summary>
        public System.Collections.Generic.IReadOnlyList<string> RelaxedItems()
        {
            var relaxed = new System.Collections.Generic.List<string>();
            if (!SeedCuda) relaxed.Add(nameof(SeedCuda));
            if (!DeterministicCuDnn) relaxed.Add(nameof(DeterministicCuDnn));
            if (CuDnnBenchmark) relaxed.Add(nameof(CuDnnBenchmark));
            if (!DeterministicAlgorithms) relaxed.Add(nameof(DeterministicAlgorithms));
            if (DeterministicAlgorithms && DeterministicAlgorithmsWarnOnly) relaxed.Add(nameof(DeterministicAlgorithmsWarnOnly));
            if (AllowTF32) relaxed.Add(nameof(AllowTF32));
            if (AllowReducedPrecisionReduction) relaxed.Add(nameof(AllowReducedPrecisionReduction));
            if (!TorchDeterminism.IsDeterministicWorkspaceConfig(CublasWorkspaceConfig)) relaxed.Add(nameof(CublasWorkspaceConfig));
            if (WhenCudaAlreadyInitialized != CudaAlreadyInitializedAction.Throw) relaxed.Add(nameof(WhenCudaAlreadyInitialized));
            return relaxed;
        }
    }
}
