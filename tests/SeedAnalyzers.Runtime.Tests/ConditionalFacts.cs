using System;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>A test of the AVX2 batch path: reported as skipped, not passed, on a CPU without AVX2.</summary>
    public sealed class Avx2FactAttribute : FactAttribute
    {
        public Avx2FactAttribute()
        {
            if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported)
            {
                Skip = "this CPU has no AVX2, so the generator never takes the batch path (the scalar path is what the golden tests pin)";
            }
        }
    }

    /// <summary>
    /// A test that depends on timing (threads racing on a real machine): run only when the environment variable
    /// <c>SEEDANALYZERS_TIMING_TESTS=1</c> asks for it, and reported as skipped otherwise.
    /// </summary>
    public sealed class TimingFactAttribute : FactAttribute
    {
        public const string Variable = "SEEDANALYZERS_TIMING_TESTS";

        public TimingFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(Variable) != "1")
            {
                Skip = $"timing-dependent: set {Variable}=1 to run it";
            }
        }
    }
}
