using System;
using System.Collections.Generic;
using System.Linq;

namespace SeedAnalyzers
{
    /// <summary>
    /// Runs an experiment once per seed and reports the distribution of its metric, so a result is quoted as
    /// mean ± spread over seeds rather than from one lucky seed.
    /// </summary>
    public static class SeedSweep
    {
        /// <summary>
        /// Runs <paramref name="experiment"/> once per seed. Before each run the master seed is set to that seed
        /// (<see cref="Determinism.MasterSeed"/>), so every stream the experiment creates starts over and every registered
        /// generator family (<see cref="Determinism.RegisterGenerator"/>: torch, once <c>TorchDeterminism</c> is
        /// initialized) is reseeded with it. The sweep's seed wins for the whole run: neither the <c>SEED</c> environment
        /// variable nor an <see cref="Determinism.Initialize(long)"/> inside the experiment (for example a program's Main
        /// run as the experiment) replaces it; such an Initialize restarts the streams under the run's seed and is noted
        /// in the manifest. An exception in one run is recorded for that seed and the sweep goes on; statistics cover
        /// the runs that succeeded.
        /// </summary>
        public static SeedSweepResult Run(IEnumerable<long> seeds, Func<long, double> experiment)
        {
            if (seeds is null)
            {
                throw new ArgumentNullException(nameof(seeds));
            }

            if (experiment is null)
            {
                throw new ArgumentNullException(nameof(experiment));
            }

            var runs = new List<SeedRun>();
            foreach (long seed in seeds)
            {
                try
                {
                    using (Determinism.BeginRun(seed, SeedSource.Sweep, $"SeedSweep run {runs.Count + 1}"))
                    {
                        runs.Add(new SeedRun(seed, experiment(seed), null));
                    }
                }
                catch (Exception e)
                {
                    runs.Add(new SeedRun(seed, double.NaN, e));
                }
            }

            if (runs.Count == 0)
            {
                throw new ArgumentException("The sweep needs at least one seed.", nameof(seeds));
            }

            return new SeedSweepResult(runs);
        }

        /// <summary>Runs <paramref name="experiment"/> once per int seed; see <see cref="Run(IEnumerable{long}, Func{long, double})"/>.</summary>
        public static SeedSweepResult Run(IEnumerable<int> seeds, Func<int, double> experiment)
        {
            if (seeds is null)
            {
                throw new ArgumentNullException(nameof(seeds));
            }

            if (experiment is null)
            {
                throw new ArgumentNullException(nameof(experiment));
            }

            return Run(seeds.Select(seed => (long)seed), seed => experiment((int)seed));
        }

        /// <summary>The seeds start, start + 1, ..., start + count - 1.</summary>
        public static IEnumerable<long> Range(long start, int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
            }

            for (int i = 0; i < count; i++)
            {
                yield return start + i;
            }
        }
    }

    /// <summary>One run of a sweep: its seed and metric, or the exception it threw.</summary>
    public sealed class SeedRun
    {
        internal SeedRun(long seed, double value, Exception? error)
        {
            Seed = seed;
            Value = value;
            Error = error;
        }

        /// <summary>The seed of this run.</summary>
        public long Seed { get; }

        /// <summary>The metric; NaN when the run failed.</summary>
        public double Value { get; }

        /// <summary>The exception the run threw, or null.</summary>
        public Exception? Error { get; }

        /// <summary>True when the run returned a metric.</summary>
        public bool Succeeded => Error is null;
    }
}
