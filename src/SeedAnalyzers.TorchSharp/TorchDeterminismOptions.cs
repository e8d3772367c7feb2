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
