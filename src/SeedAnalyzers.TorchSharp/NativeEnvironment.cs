using System;
using System.Runtime.InteropServices;

namespace SeedAnalyzers
{
    /// <summary>
    /// The process environment as native code sees it. On Unix, .NET keeps its own copy of the environment, so
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> alone never reaches cuBLAS's <c>getenv</c>.
    /// </summary>
    internal static class NativeEnvironment
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static void Set(string name, string value)
        {
            Environment.SetEnvironmentVariable(name, value);
            if (!IsWindows && setenv(name, value, 1) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastWin32Error()}.");
            }
        }

        public static string? Get(string name)
        {
            if (IsWindows)
            {
                return Environment.GetEnvironmentVariable(name);
            }

            IntPtr value = getenv(name);

            // On Unix .NET marshals "ANSI" strings as UTF-8.
            return value == IntPtr.Zero ? null : Marshal.PtrToStringAnsi(value);
        }

        /// <summary>
        /// Whether the CUDA driver library is already mapped into the process: once it is, a CUDA context may exist
        /// and cuBLAS may have read its workspace setting. Checked without loading anything.
        /// </summary>
        public static bool IsCudaDriverLoaded() =>
            IsWindows ? NativeLibraries.IsLoaded("nvcuda.dll")
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && NativeLibraries.IsLoaded("libcuda.so.1");

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern int setenv(string name, string value, int overwrite);

        [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern IntPtr getenv(string name);
    }
}
