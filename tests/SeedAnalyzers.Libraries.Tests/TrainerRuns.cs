using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>
    /// The trainer measurements, made once for the test class: tests/SeedAnalyzers.TrainerProbe run in separate processes,
    /// each with a NumberOfThreads setting and a processor count (<c>DOTNET_PROCESSOR_COUNT</c>, which ML.NET sizes its
    /// default thread counts by), two at a time.
    /// </summary>
    public sealed class TrainerRuns : IAsyncLifetime
    {
        /// <summary>The runs: a name, the THREADS argument, the processor count, and the trainers it trains.</summary>
        private static readonly (string Run, string Threads, int Processors, bool Simple)[] s_runs =
        {
            ("4@8#1", "4", 8, false),
            ("4@8#2", "4", 8, false),
            ("4@1", "4", 1, false),
            ("unset@8#1", "unset", 8, false),
            ("unset@8#2", "unset", 8, false),
            ("unset@1", "unset", 1, false),
            ("1@8", "1", 8, false),
            ("1@1", "1", 1, false),
            ("simple@1", "1", 1, true),
            ("seed2/1@1", "1", 1, false),
        };

        private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _hashes = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>();

        /// <summary>The prediction hash of <paramref name="trainer"/> in <paramref name="run"/>.</summary>
        public string Hash(string run, string trainer) =>
            _hashes[run].TryGetValue(trainer, out string? hash) ? hash : throw new InvalidOperationException($"{trainer} was not trained in {run}");

        public IReadOnlyDictionary<string, string> Run(string run) => _hashes[run];

        public async Task InitializeAsync()
        {
            string probe = ChildProcess.Assembly("tests/SeedAnalyzers.TrainerProbe");
            using var slots = new SemaphoreSlim(2);
            await Task.WhenAll(s_runs.Select(async run =>
            {
                await slots.WaitAsync();
                try
                {
                    IEnumerable<string> trainers = run.Simple
                        ? TrainerTable.SimpleOverloads.SelectMany(name => new[] { name + ".Simple", name + ".Fixed" })
                        : TrainerTable.All.Select(trainer => trainer.Name);
                    // Every run trains under MLContext(seed: 1) but "seed2/...", which shows what the context's seed changes.
                    string[] seed = run.Run.StartsWith("seed2/", StringComparison.Ordinal) ? new[] { "--context-seed", "2" } : Array.Empty<string>();
                    string output = await ChildProcess.RunAsync(
                        probe,
                        seed.Concat(new[] { run.Threads }).Concat(trainers),
                        new Dictionary<string, string?> { ["DOTNET_PROCESSOR_COUNT"] = run.Processors.ToString(CultureInfo.InvariantCulture) });
                    string[][] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => line.Split(' ')).ToArray();
                    Assert.Equal(new[] { "processors", run.Processors.ToString(CultureInfo.InvariantCulture) }, lines[0]);
                    _hashes[run.Run] = lines.Skip(1).ToDictionary(line => line[0], line => line[1], StringComparer.Ordinal);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
