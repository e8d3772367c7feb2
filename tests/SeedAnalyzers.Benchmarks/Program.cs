using BenchmarkDotNet.Running;

namespace SeedAnalyzers.Benchmarks
{
    /// <summary>
    /// Runs the runtime benchmarks: <c>dotnet run -c Release --project tests/SeedAnalyzers.Benchmarks -- --filter '*'</c>
    /// (add <c>--job short</c> for a quick pass).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
