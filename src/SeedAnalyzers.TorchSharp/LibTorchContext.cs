using System;
using System.Runtime.InteropServices;

namespace SeedAnalyzers
{
    /// <summary>
    /// Calls into libtorch's <c>at::Context</c> for the determinism switches TorchSharp 0.107 does not expose
    /// (it has no <c>cudnn.deterministic</c> or <c>cudnn.benchmark</c>, and <c>use_deterministic_algorithms</c> throws).
    /// The C++ members are exported from libtorch_cpu under mangled names: Itanium on Linux and macOS, MSVC on
    /// Windows (the MSVC names are derived from the declarations and have not been run on Windows).
    /// </summary>
    internal sealed unsafe class LibTorchContext
    {
        private static readonly Symbol GlobalContext = new("_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ");
        private static readonly Symbol SetDeterministicCuDnnSymbol = new("_ZN2at7Context21setDeterministicCuDNNEb", "?setDeterministicCuDNN@Context@at@@QEAAX_N@Z");
        private static readonly Symbol SetBenchmarkCuDnnSymbol = new("_ZN2at7Context17setBenchmarkCuDNNEb", "?setBenchmarkCuDNN@Context@at@@QEAAX_N@Z");
        private static readonly Symbol SetDeterministicAlgorithmsSymbol = new("_ZN2at7Context26setDeterministicAlgorithmsEbb", "?setDeterministicAlgorithms@Context@at@@QEAAX_N0@Z");
        private static readonly Symbol DeterministicCuDnnSymbol = new("_ZNK2at7Context18deterministicCuDNNEv", "?deterministicCuDNN@Context@at@@QEBA_NXZ");
        private static readonly Symbol BenchmarkCuDnnSymbol = new("_ZNK2at7Context14benchmarkCuDNNEv", "?benchmarkCuDNN@Context@at@@QEBA_NXZ");
        private static readonly Symbol DeterministicAlgorithmsSymbol = new("_ZNK2at7Context23deterministicAlgorithmsEv", "?deterministicAlgorithms@Context@at@@QEBA_NXZ");
        private static readonly Symbol DeterministicAlgorithmsWarnOnlySymbol = new("_ZNK2at7Context31deterministicAlgorithmsWarnOnlyEv", "?deterministicAlgorithmsWarnOnly@Context@at@@QEBA_NXZ");

        private readonly IntPtr _library;
        private readonly IntPtr _context;

        private LibTorchContext(IntPtr library, IntPtr context)
        {
            _library = library;
            _context = context;
        }

        /// <summary>The libtorch context, or null with <paramref name="reason"/> when the library or its entry point is missing.</summary>
        public static LibTorchContext? TryOpen(out string reason)
        {
            // TorchSharp loads libtorch on first use; loading it again by name returns the same handle.
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            if (!TryLoadTorchCpu(out IntPtr library))
            {
                reason = $"libtorch_cpu could not be located on {RuntimeInformation.OSDescription}";
                return null;
            }

            IntPtr globalContext = GlobalContext.Resolve(library);
            if (globalContext == IntPtr.Zero)
            {
                reason = $"libtorch_cpu exports neither {GlobalContext.Names}";
                return null;
            }

            reason = string.Empty;
            return new LibTorchContext(library, ((delegate* unmanaged[Cdecl]<IntPtr>)globalContext)());
        }

        public bool TrySetDeterministicCuDnn(bool value) => TrySet(SetDeterministicCuDnnSymbol, value);

        public bool TrySetBenchmarkCuDnn(bool value) => TrySet(SetBenchmarkCuDnnSymbol, value);

        public bool TrySetDeterministicAlgorithms(bool value, bool warnOnly)
        {
            IntPtr setter = SetDeterministicAlgorithmsSymbol.Resolve(_library);
            if (setter == IntPtr.Zero)
            {
                return false;
            }

            ((delegate* unmanaged[Cdecl]<IntPtr, byte, byte, void>)setter)(_context, ToByte(value), ToByte(warnOnly));
            return true;
        }

        public bool? DeterministicCuDnn => Get(DeterministicCuDnnSymbol);

        public bool? BenchmarkCuDnn => Get(BenchmarkCuDnnSymbol);

        public bool? DeterministicAlgorithms => Get(DeterministicAlgorithmsSymbol);

        public bool? DeterministicAlgorithmsWarnOnly => Get(DeterministicAlgorithmsWarnOnlySymbol);

        private bool TrySet(Symbol symbol, bool value)
        {
            IntPtr setter = symbol.Resolve(_library);
            if (setter == IntPtr.Zero)
            {
                return false;
            }

            ((delegate* unmanaged[Cdecl]<IntPtr, byte, void>)setter)(_context, ToByte(value));
            return true;
        }

        private bool? Get(Symbol symbol)
        {
            IntPtr getter = symbol.Resolve(_library);
            if (getter == IntPtr.Zero)
            {
                return null;
            }

            // C++ bool comes back in the low byte only; reading a byte ignores whatever the upper bits hold.
            return ((delegate* unmanaged[Cdecl]<IntPtr, byte>)getter)(_context) != 0;
        }

        private static byte ToByte(bool value) => value ? (byte)1 : (byte)0;

        private static bool TryLoadTorchCpu(out IntPtr library)
        {
            string fileName = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "torch_cpu.dll"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libtorch_cpu.dylib"
                : "libtorch_cpu.so";
            library = NativeLibraries.Find(
                fileName,
                System.IO.Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location),
                AppContext.BaseDirectory);
            return library != IntPtr.Zero;
        }

        private sealed class Symbol
        {
            private readonly string _itanium;
            private readonly string _msvc;

            public Symbol(string itanium, string msvc)
            {
                _itanium = itanium;
                _msvc = msvc;
            }

            public string Names => $"{_itanium} nor {_msvc}";

            // Both manglings are tried so one table serves every platform; only one can exist in a given library.
            public IntPtr Resolve(IntPtr library)
            {
                IntPtr address = NativeLibraries.Export(library, _itanium);
                return address != IntPtr.Zero ? address : NativeLibraries.Export(library, _msvc);
            }
        }
    }
}
