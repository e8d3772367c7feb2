using System;
using System.Collections.Generic;
using TorchSharp;

namespace SeedAnalyzers
{
    /// <summary>
    /// What <see cref="Reproducibility"/> compares for a tensor: its dtype, its shape and its elements in row-major
    /// order, copied to the CPU. Half and bfloat16 elements widen to float (exactly, so distinct values stay distinct);
    /// complex elements become (real, imaginary) float pairs.
    /// </summary>
    internal static class TensorValues
    {
        public static object? ToComparable(torch.Tensor tensor)
        {
            if (tensor is null)
            {
                return null;
            }

            using torch.Tensor cpu = tensor.detach().cpu().contiguous();
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["dtype"] = tensor.dtype.ToString(),
                ["shape"] = tensor.shape,
                ["values"] = Elements(cpu),
            };
        }

        private static Array Elements(torch.Tensor tensor)
        {
            switch (tensor.dtype)
            {
                case torch.ScalarType.Float32: return tensor.data<float>().ToArray();
                case torch.ScalarType.Float64: return tensor.data<double>().ToArray();
                case torch.ScalarType.Int64: return tensor.data<long>().ToArray();
                case torch.ScalarType.Int32: return tensor.data<int>().ToArray();
                case torch.ScalarType.Int16: return tensor.data<short>().ToArray();
                case torch.ScalarType.Int8: return tensor.data<sbyte>().ToArray();
                case torch.ScalarType.Byte: return tensor.data<byte>().ToArray();
                case torch.ScalarType.Bool: return tensor.data<bool>().ToArray();
                case torch.ScalarType.Float16:
                case torch.ScalarType.BFloat16:
                    using (torch.Tensor widened = tensor.to(torch.ScalarType.Float32))
                    {
                        return widened.data<float>().ToArray();
                    }

                case torch.ScalarType.ComplexFloat32:
                case torch.ScalarType.ComplexFloat64:
                    using (torch.Tensor pairs = torch.view_as_real(tensor).contiguous())
                    {
                        return Elements(pairs);
                    }

                default:
                    throw new NotSupportedException(
                        $"Reproducibility.Verify cannot compare a tensor of dtype {tensor.dtype}; return tensor.to(torch.float64) or pass an IEqualityComparer.");
            }
        }
    }
}
