using System;
using System.Linq;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>
    /// Whether CPU results depend on libtorch's intra-op thread count, measured on work large enough to be split
    /// across threads (libtorch leaves tensors under its 32,768-element grain size on one thread, as in the small
    /// training sample). Each test prints its finding and pins what was measured, so a libtorch upgrade that changes
    /// it fails here and the documented finding gets updated.
    /// </summary>
    [Trait("Category", "Native")]
    [Collection(TorchProcessState.Name)]
    public sealed class ThreadCountTests
    {
        private readonly ITestOutputHelper _output;

        public ThreadCountTests(ITestOutputHelper output) => _output = output;

        [LibTorchFact]
        public void LargeSumOneVersusTwoThreads()
        {
            LibTorch.Require();
            (float[] one, float[] two) = WithOneAndTwoThreads(values => values.sum().data<float>().ToArray());

            Report("sum of 4M floats", one, two);

            // Measured with libtorch 2.10 CPU: each thread reduces its own chunk, so the rounding differs.
            Assert.NotEqual(one, two);
        }

        [LibTorchFact]
        public void LargeMatmulOneVersusTwoThreads()
        {
            LibTorch.Require();
            (float[] one, float[] two) = WithOneAndTwoThreads(values =>
            {
                torch.Tensor matrix = values.reshape(2048, 2048);
                return matrix.matmul(matrix).data<float>().ToArray();
            });

            Report("2048x2048 matmul", one, two);
            Assert.Equal(one, two);
        }

        private static (float[] One, float[] Two) WithOneAndTwoThreads(Func<torch.Tensor, float[]> compute)
        {
            int before = torch.get_num_threads();
            try
            {
                TorchDeterminism.Initialize(42);
                torch.Tensor values = torch.randn(1 << 22);
                torch.set_num_threads(1);
                float[] one = compute(values);
                torch.set_num_threads(2);
                return (one, compute(values));
            }
            finally
            {
                torch.set_num_threads(before);
            }
        }

        private void Report(string work, float[] one, float[] two)
        {
            int differing = one.Zip(two).Count(pair => BitConverter.SingleToInt32Bits(pair.First) != BitConverter.SingleToInt32Bits(pair.Second));
            _output.WriteLine($"finding: {work}, torch.set_num_threads(1) vs (2): {differing} of {one.Length} values differ bitwise"
                + (one.Length == 1 ? $" ({one[0]:R} vs {two[0]:R})" : string.Empty));
        }
    }
}
