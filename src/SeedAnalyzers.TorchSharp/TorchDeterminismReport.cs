using System.Collections.Generic;
using System.Linq;
using System.Text;
using TorchSharp;

namespace SeedAnalyzers
{
    /// <summary>Whether a determinism item holds, read back from libtorch or the process.</summary>
    public enum TorchSettingStatus
    {
        /// <summary>Read back and in the deterministic state.</summary>
        Enforced,

        /// <summary>Read back and not in the deterministic state.</summary>
        NotEnforced,

        /// <summary>Cannot be read here: missing symbol, CUDA absent, or platform.</summary>
        Unavailable,

        /// <summary>
        /// Read back and recorded in the manifest, not pinned: no value is the deterministic one, but results can change
        /// with it (thread counts), so a reproduction should use the same value.
        /// </summary>
        Recorded,
    }

    /// <summary>One determinism item: its status, the value read back, and why.</summary>
    public sealed class TorchSetting
    {
        internal TorchSetting(string name, TorchSettingStatus status, string value)
        {
            Name = name;
            Status = status;
            Value = value;
        }

        /// <summary>What the item is, e.g. "deterministic cuDNN".</summary>
        public string Name { get; }

        /// <summary>Whether it holds.</summary>
        public TorchSettingStatus Status { get; }

        /// <summary>The value read back, or why none could be read.</summary>
        public string Value { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{StatusText(Status),-13} {Name,-34} {Value}";

        internal static string StatusText(TorchSettingStatus status) => status switch
        {
            TorchSettingStatus.Enforced => "enforced",
            TorchSettingStatus.NotEnforced => "NOT ENFORCED",
            TorchSettingStatus.Recorded => "recorded",
            _ => "unavailable",
        };
    }

    /// <summary>
    /// What <see cref="TorchDeterminism.Describe"/> read back. Every value comes from libtorch or the process
    /// environment, not from what was requested, so a setting another component changed shows up here.
    /// </summary>
    public sealed class TorchDeterminismReport
    {
        private TorchDeterminismReport(bool cudaAvailable, IReadOnlyList<TorchSetting> settings)
        {
            CudaAvailable = cudaAvailable;
            Settings = settings;
        }

        /// <summary>Whether libtorch sees a CUDA device.</summary>
        public bool CudaAvailable { get; }

        /// <summary>Every item, in a fixed order.</summary>
        public IReadOnlyList<TorchSetting> Settings { get; }

        /// <summary>The item called <paramref name="name"/>.</summary>
        /// <exception cref="KeyNotFoundException">No item has that name; the message lists the names.</exception>
        public TorchSetting this[string name] =>
            Settings.FirstOrDefault(s => s.Name == name)
            ?? throw new KeyNotFoundException($"No setting '{name}'; settings are: {string.Join(", ", Settings.Select(s => s.Name))}.");

        /// <summary>True when no item read back as <see cref="TorchSettingStatus.NotEnforced"/>.</summary>
        public bool NothingRelaxed => Settings.All(s => s.Status != TorchSettingStatus.NotEnforced);

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append("TorchSharp determinism (read back from libtorch; CUDA ")
                .Append(CudaAvailable ? "available" : "not available: CUDA items cannot act on this machine")
                .AppendLine(")");
            foreach (TorchSetting setting in Settings)
            {
                text.Append("  ").AppendLine(setting.ToString());
            }

            return text.ToString();
        }

        internal static TorchDeterminismReport Read()
        {
            bool cudaAvailable = torch.cuda.is_available();
            string cudaNote = cudaAvailable ? string.Empty : " (flag only: no CUDA device here)";
            var settings = new List<TorchSetting>();

            long cpuSeed = torch.random.initial_seed();
            settings.Add(Determinism.IsInitialized
                ? new TorchSetting("CPU generator seed", cpuSeed == Determinism.MasterSeed ? TorchSettingStatus.Enforced : TorchSettingStatus.NotEnforced,
                    $"{cpuSeed} (master seed {Determinism.MasterSeed})")
                : new TorchSetting("CPU generator seed", TorchSettingStatus.NotEnforced, $"{cpuSeed} (Determinism not initialized)"));
            settings.Add(new TorchSetting("CUDA generator seeds", TorchSettingStatus.Unavailable,
                cudaAvailable ? "TorchSharp 0.107 cannot read a CUDA generator's seed back" : "no CUDA device"));

            LibTorchContext? context = LibTorchContext.TryOpen(out string reason);
            settings.Add(Flag("deterministic cuDNN", context?.DeterministicCuDnn, expected: true, reason, cudaNote));
            settings.Add(Flag("cuDNN benchmark", context?.BenchmarkCuDnn, expected: false, reason, cudaNote));
            settings.Add(Flag("deterministic algorithms", context?.DeterministicAlgorithms, expected: true, reason, string.Empty));
            settings.Add(Flag("deterministic algorithms warn-only", context?.DeterministicAlgorithmsWarnOnly, expected: false, reason, string.Empty));
            settings.Add(Flag("TF32 in cuDNN", torch.backends.cudnn.allow_tf32, expected: false, reason, cudaNote));
            settings.Add(Flag("TF32 in cuBLAS matmul", torch.backends.cuda.matmul.allow_tf32, expected: false, reason, cudaNote));
            settings.Add(Flag("FP16 reduced-precision reductions", torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction, expected: false, reason, cudaNote));

            string? workspace = NativeEnvironment.Get(TorchDeterminism.CublasWorkspaceConfigVariable);
            settings.Add(new TorchSetting(TorchDeterminism.CublasWorkspaceConfigVariable,
                TorchDeterminism.IsDeterministicWorkspaceConfig(workspace) ? TorchSettingStatus.Enforced : TorchSettingStatus.NotEnforced,
                (workspace ?? "(not set)") + (cudaAvailable ? string.Empty : " (no cuBLAS here)")));

            (int? intraOp, int? interOp) = TorchDeterminism.PinnedThreads;
            settings.Add(ThreadCount("intra-op threads", torch.get_num_threads(), intraOp, nameof(TorchDeterminismOptions.IntraOpThreads)));
            settings.Add(ThreadCount("inter-op threads", torch.get_num_interop_threads(), interOp, nameof(TorchDeterminismOptions.InterOpThreads)));
            return new TorchDeterminismReport(cudaAvailable, settings);
        }

        private static TorchSetting ThreadCount(string name, int current, int? pinned, string option) =>
            pinned is int requested
                ? new TorchSetting(name, current == requested ? TorchSettingStatus.Enforced : TorchSettingStatus.NotEnforced, $"{current} (pinned to {requested})")
                : new TorchSetting(name, TorchSettingStatus.Recorded, $"{current} (not pinned: CPU results can change with it; TorchDeterminismOptions.{option} pins it)");

        private static TorchSetting Flag(string name, bool? value, bool expected, string reason, string note)
        {
            if (value is null)
            {
                return new TorchSetting(name, TorchSettingStatus.Unavailable,
                    reason.Length > 0 ? reason : "libtorch does not export this at::Context getter");
            }

            return new TorchSetting(name, value == expected ? TorchSettingStatus.Enforced : TorchSettingStatus.NotEnforced,
                (value.Value ? "on" : "off") + note);
        }
    }
}
