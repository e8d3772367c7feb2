using System.Threading;
using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Computes <see cref="TorchEntryPoint"/> once per compilation, on first need (so a compilation without any
    /// torch random operation or CUDA use never binds Main). A cancelled computation is not cached.
    /// </summary>
    internal sealed class TorchEntryPointCache
    {
        private readonly Compilation _compilation;
        private readonly TorchSymbols _symbols;
        private readonly AnalyzerOptionsReader _options;
        private readonly object _gate = new object();
        private TorchEntryPoint? _value;

        public TorchEntryPointCache(Compilation compilation, TorchSymbols symbols, AnalyzerOptionsReader options)
        {
            _compilation = compilation;
            _symbols = symbols;
            _options = options;
        }

        public TorchEntryPoint Get(CancellationToken cancellationToken)
        {
            TorchEntryPoint? value = Volatile.Read(ref _value);
            if (value != null)
            {
                return value;
            }

            lock (_gate)
            {
                return _value ??= TorchEntryPoint.Compute(_compilation, _symbols, _options, cancellationToken);
            }
        }
    }
}
