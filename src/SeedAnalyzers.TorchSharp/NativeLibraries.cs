using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SeedAnalyzers
{
    /// <summary>
    /// Finds a native library and its exports with the operating system's own loader (dlopen/dlsym, LoadLibrary/
    /// GetProcAddress), so the netstandard2.0 build, which has no <c>NativeLibrary</c>, and the net8.0 build share one
    /// tested path. A library another component already loaded (libtorch, loaded by TorchSharp) is found first.
    /// </summary>
    internal static class NativeLibraries
    {
        private const int RtldLazy = 0x1;
        private const int RtldNoLoad = 0x4;

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// The handle of <paramref name="fileName"/>: the copy already in the process if there is one, otherwise loaded
        /// from one of <paramref name="directories"/>; <see cref="IntPtr.Zero"/> when neither works.
        /// </summary>
        public static IntPtr Find(string fileName, params string?[] directories)
        {
            IntPtr handle = IsWindows ? GetModuleHandleW(fileName) : Dl.Open(fileName, RtldLazy | RtldNoLoad);
            foreach (string? directory in directories)
            {
                if (handle != IntPtr.Zero)
                {
                    break;
                }

                string path = Path.Combine(directory ?? string.Empty, fileName);
                if (!string.IsNullOrEmpty(directory) && File.Exists(path))
                {
                    handle = IsWindows ? LoadLibraryW(path) : Dl.Open(path, RtldLazy);
                }
            }

            return handle;
        }

        /// <summary>Whether <paramref name="fileName"/> is loaded in the process, checked without loading it.</summary>
        public static bool IsLoaded(string fileName)
        {
            if (IsWindows)
            {
                return GetModuleHandleW(fileName) != IntPtr.Zero;
            }

            IntPtr handle = Dl.Open(fileName, RtldLazy | RtldNoLoad);
            if (handle == IntPtr.Zero)
            {
                return false;
            }

            // RTLD_NOLOAD still counts a reference; give it back.
            Dl.Close(handle);
            return true;
        }

        /// <summary>The address of export <paramref name="symbol"/> of <paramref name="library"/>, or <see cref="IntPtr.Zero"/>.</summary>
        public static IntPtr Export(IntPtr library, string symbol) =>
            IsWindows ? GetProcAddress(library, symbol) : Dl.Symbol(library, symbol);

        [DllImport("kernel32", CharSet = CharSet.Unicode)]
        private static extern IntPtr GetModuleHandleW(string moduleName);

        [DllImport("kernel32", CharSet = CharSet.Unicode)]
        private static extern IntPtr LoadLibraryW(string fileName);

        [DllImport("kernel32", CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern IntPtr GetProcAddress(IntPtr module, string procName);

        /// <summary>
        /// dlopen and friends: in libdl.so.2 on glibc before 2.34 (a stub that forwards to libc after), in libc on
        /// newer glibc, musl and macOS; the first that resolves is used from then on.
        /// </summary>
        private static class Dl
        {
            private static int _useLibc;

            public static IntPtr Open(string fileName, int flags) => Call(() => LibDl.dlopen(fileName, flags), () => LibC.dlopen(fileName, flags));

            public static IntPtr Symbol(IntPtr handle, string symbol) => Call(() => LibDl.dlsym(handle, symbol), () => LibC.dlsym(handle, symbol));

            public static void Close(IntPtr handle) => Call(() => (IntPtr)LibDl.dlclose(handle), () => (IntPtr)LibC.dlclose(handle));

            private static IntPtr Call(Func<IntPtr> fromLibDl, Func<IntPtr> fromLibC)
            {
                if (_useLibc == 0)
                {
                    try
                    {
                        return fromLibDl();
                    }
                    catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
                    {
                        _useLibc = 1;
                    }
                }

                return fromLibC();
            }
        }

        private static class LibDl
        {
            [DllImport("libdl.so.2", CharSet = CharSet.Ansi, BestFitMapping = false)]
            public static extern IntPtr dlopen(string fileName, int flags);

            [DllImport("libdl.so.2", CharSet = CharSet.Ansi, BestFitMapping = false)]
            public static extern IntPtr dlsym(IntPtr handle, string symbol);

            [DllImport("libdl.so.2")]
            public static extern int dlclose(IntPtr handle);
        }

        private static class LibC
        {
            [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
            public static extern IntPtr dlopen(string fileName, int flags);

            [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
            public static extern IntPtr dlsym(IntPtr handle, string symbol);

            [DllImport("libc")]
            public static extern int dlclose(IntPtr handle);
        }
    }
}
