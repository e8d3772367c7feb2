using System;
using TorchSharp;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>
    /// Whether native libtorch loads in this process. Outside CI a test that needs it is skipped with the reason;
    /// with CI=true or SEEDANALYZERS_REQUIRE_LIBTORCH=1 it runs and fails, so a broken setup never passes as a skip.
    /// </summary>
    internal static class LibTorch
    {
        private static readonly Lazy<string?> LoadFailure = new(() =>
        {
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                return null;
            }
            catch (Exception exception)
            {
                return exception.GetBaseException().Message;
            }
        });

        public static bool Required =>
            string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("SEEDANALYZERS_REQUIRE_LIBTORCH") == "1";

        public static string? SkipReason =>
            LoadFailure.Value is { } failure && !Required
                ? $"native libtorch does not load here ({failure}); run .ci/test.sh, or set CI=true or SEEDANALYZERS_REQUIRE_LIBTORCH=1 to fail instead"
                : null;

        /// <summary>Fails the calling test with the load error when libtorch cannot load.</summary>
        public static void Require()
        {
            if (LoadFailure.Value is { } failure)
            {
                Assert.Fail($"native libtorch is required (CI or SEEDANALYZERS_REQUIRE_LIBTORCH=1) but does not load: {failure}");
            }
        }
    }

    /// <summary>A fact that needs native libtorch: skipped with the reason outside CI when it cannot load.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class LibTorchFactAttribute : FactAttribute
    {
        public LibTorchFactAttribute()
        {
            if (LibTorch.SkipReason is { } reason)
            {
                Skip = reason;
            }
        }
    }
}
