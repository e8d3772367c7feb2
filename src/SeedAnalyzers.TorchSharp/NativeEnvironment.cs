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
        private const int RtldLazy = 0x1;
        private const int RtldNoLoad = 0x4;

        public static void Set(string name, string value)
        {
            Environment.SetEnvironmentVariable(name, value);
            if (!OperatingSystem.IsWindows() && setenv(name, value, 1) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }

        public static string? Get(string name)
        {
            if (OperatingSystem.IsWindows())
            {
                return Environment.GetEnvironmentVariable(name);
            }

            IntPtr value = getenv(name);
            return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
        }

        /// <summary>
        /// Whether the CUDA driver library is already mapped into the process: once it is, a CUDA context may exist
        /// and cuBLAS may have read its workspace setting. Checked without loading anything.
        /// </summary>
        public static bool IsCudaDriverLoaded()
        {
            if (OperatingSystem.IsWindows())
            {
                return GetModuleHandleW("nvcuda.dll") != IntPtr.Zero;
            }

            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            IntPtr handle = dlopen("libcuda.so.1", RtldLazy | RtldNoLoad);
            if (handle == IntPtr.Zero)
            {
                return false;
            }

            // RTLD_NOLOAD still counts a reference; give it back.
            dlclose(handle);
            return true;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

        [DllImport("libc")]
        private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

        [DllImport("libc")]
        private static extern IntPtr dlopen([MarshalAs(UnmanagedType.LPUTF8Str)] string fileName, int flags);

        [DllImport("libc")]
        private static extern int dlclose(IntPtr handle);

        [DllImport("kernel32", CharSet = CharSet.Unicode)]
        private static extern IntPtr GetModuleHandleW(string moduleName);
    }
}
