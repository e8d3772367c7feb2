using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Which TorchSharp calls draw from torch's global generator: samplers (torch.rand*, randn*, randint*,
    /// randperm, normal, bernoulli, binomial, multinomial, poisson and their Tensor and in-place forms),
    /// nn.init's random initializers, module factories whose constructors draw initial weights or sample
    /// (Linear, Conv*, RNNs, attention, dropout, RReLU, fractional pooling), and functional dropout.
    /// The containing type is compared first (reference equality) so other invocations cost one comparison each.
    /// </summary>
    internal static class TorchRandomOperations
    {
        public static bool IsRandom(IInvocationOperation invocation, TorchSymbols symbols)
        {
            IMethodSymbol method = invocation.TargetMethod;
            string name = method.Name;
            INamedTypeSymbol containing = method.ContainingType;
            bool random;
            if (containing.Is(symbols.Torch) || containing.Is(symbols.Tensor))
            {
                random = IsSampler(name);
            }
            else if (containing.Is(symbols.Init))
            {
                random = IsRandomInit(name);
            }
            else if (containing.Is(symbols.Nn))
            {
                random = IsRandomModule(name);
            }
            else if (containing.Is(symbols.Functional))
            {
                random = IsRandomFunctional(name) && !TrainingIsOff(invocation);
            }
            else
            {
                return false;
            }

            return random && !HasExplicitGenerator(invocation);
        }

        private static bool IsSampler(string name)
        {
            if (name.StartsWith("rand", System.StringComparison.Ordinal))
            {
                // rand, rand_like, randn*, randint*, randperm*: every torch.rand* draws.
                return true;
            }

            switch (name)
            {
                case "normal":
                case "normal_":
                case "bernoulli":
                case "bernoulli_":
                case "binomial":
                case "multinomial":
                case "poisson":
                case "uniform_":
                case "random_":
                case "exponential_":
                case "cauchy_":
                case "log_normal_":
                case "geometric_":
                case "rrelu":
                case "rrelu_":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsRandomInit(string name)
        {
            switch (name)
            {
                case "uniform_":
                case "normal_":
                case "trunc_normal_":
                case "xavier_uniform_":
                case "xavier_normal_":
                case "glorot_uniform_":
                case "glorot_normal_":
                case "kaiming_uniform_":
                case "kaiming_normal_":
                case "orthogonal_":
                case "sparse_":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsRandomModule(string name)
        {
            switch (name)
            {
                case "Linear":
                case "Bilinear":
                case "Conv1d":
                case "Conv2d":
                case "Conv3d":
                case "ConvTranspose1d":
                case "ConvTranspose2d":
                case "ConvTranspose3d":
                case "Embedding":
                case "EmbeddingBag":
                case "RNN":
                case "LSTM":
                case "GRU":
                case "RNNCell":
                case "LSTMCell":
                case "GRUCell":
                case "MultiheadAttention":
                case "Transformer":
                case "TransformerEncoderLayer":
                case "TransformerDecoderLayer":
                case "Dropout":
                case "Dropout1d":
                case "Dropout2d":
                case "Dropout3d":
                case "AlphaDropout":
                case "FeatureAlphaDropout":
                case "RReLU":
                case "FractionalMaxPool2d":
                case "FractionalMaxPool3d":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsRandomFunctional(string name)
        {
            switch (name)
            {
                case "dropout":
                case "dropout1d":
                case "dropout2d":
                case "dropout3d":
                case "alpha_dropout":
                case "feature_alpha_dropout":
                case "rrelu":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>dropout(x, training: false)</c> draws nothing.</summary>
        private static bool TrainingIsOff(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "training"
                    && argument.Value.ConstantValue.HasValue
                    && argument.Value.ConstantValue.Value is bool training)
                {
                    return !training;
                }
            }

            return false;
        }

        /// <summary>An explicit, non-null <c>generator:</c> argument: the caller chose the stream.</summary>
        private static bool HasExplicitGenerator(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "generator")
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && !argument.Value.IsNullConstant();
                }
            }

            return false;
        }

    }
}
