using System;
using System.Collections.Generic;

namespace SeedAnalyzers
{
    /// <summary>Checks that a computation gives bitwise-identical results when run again under the same seed.</summary>
    public static class Reproducibility
    {
        /// <summary>
        /// Runs <paramref name="run"/> <paramref name="runs"/> times, setting the master seed to <paramref name="seed"/>
        /// (default: the master seed in force) before each run, which restarts every stream and reseeds every registered
        /// generator family (<see cref="Determinism.RegisterGenerator"/>: torch, once <c>TorchDeterminism</c> is
        /// initialized), and compares every result with the first by value.
        /// </summary>
        /// <remarks>
        /// <para>Values, not references: arrays, lists and other sequences element by element, dictionaries key by key,
        /// tuples item by item, nested to any depth; <see cref="double"/>, <see cref="float"/> and <see cref="decimal"/>
        /// bit by bit (so -0.0 differs from 0.0 and NaN payloads count); strings ordinally; other values with their
        /// <see cref="object.Equals(object)"/>. A type registered with <see cref="RegisterConverter{T}"/> (torch tensors,
        /// by the TorchSharp integration) is compared through what its converter returns. The report names the path of
        /// the first difference and, inside a sequence, its index.</para>
        /// <para>The first run's result is kept until the last comparison.</para>
        /// </remarks>
        /// <exception cref="NotSupportedException">
        /// A result (or part of one) is of a class that compares by reference (it does not override Equals), so equal
        /// runs would look different; the message names the type and what to do.
        /// </exception>
        public static ReproducibilityReport Verify<T>(Func<T> run, int runs = 2, long? seed = null) =>
            Verify(run, runs, seed, (expected, actual) => ValueComparison.Compare(expected, actual));

        /// <summary>
        /// As <see cref="Verify{T}(Func{T}, int, long?)"/>, comparing results with <paramref name="comparer"/> instead.
        /// </summary>
        public static ReproducibilityReport Verify<T>(Func<T> run, IEqualityComparer<T> comparer, int runs = 2, long? seed = null)
        {
            if (comparer is null)
            {
                throw new ArgumentNullException(nameof(comparer));
            }

            return Verify(
                run,
                runs,
                seed,
                (expected, actual) => comparer.Equals(expected, actual) ? null : new ValueDifference(string.Empty, null, $"the comparer says the results differ: {expected} vs {actual}"));
        }

        /// <summary>
        /// Makes <see cref="Verify{T}(Func{T}, int, long?)"/> compare values of type <typeparamref name="T"/> (and types
        /// derived from it) through <paramref name="toComparable"/>, which returns plain data that compares by value: an
        /// array, a dictionary of arrays, a string. Integrations register their value types (TorchSharp registers its
        /// tensor: dtype, shape and elements). Registering a type again replaces its converter.
        /// </summary>
        /// <returns>Disposing it removes the converter (if it was not replaced since).</returns>
        public static IDisposable RegisterConverter<T>(Func<T, object?> toComparable)
        {
            if (toComparable is null)
            {
                throw new ArgumentNullException(nameof(toComparable));
            }

            return ValueComparison.Register(typeof(T), value => toComparable((T)value));
        }

        private static ReproducibilityReport Verify<T>(Func<T> run, int runs, long? seed, Func<T, T, ValueDifference?> compare)
        {
            if (run is null)
            {
                throw new ArgumentNullException(nameof(run));
            }

            if (runs < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(runs), runs, "Verify needs at least two runs to compare.");
            }

            long masterSeed = seed ?? Determinism.MasterSeed;
            T first = RunOnce(run, masterSeed, 0, runs);
            for (int i = 1; i < runs; i++)
            {
                T other = RunOnce(run, masterSeed, i, runs);
                ValueDifference? difference = compare(first, other);
                if (difference != null)
                {
                    return new ReproducibilityReport(false, runs, masterSeed, i, difference.Index, difference.Describe());
                }
            }

            return new ReproducibilityReport(true, runs, masterSeed, null, null, $"all {runs} runs bitwise identical");
        }

        private static T RunOnce<T>(Func<T> run, long seed, int index, int runs)
        {
            using (Determinism.BeginRun(seed, SeedSource.Verify, $"Reproducibility.Verify run {index + 1} of {runs}"))
            {
                return run();
            }
        }
    }

    /// <summary>The outcome of <see cref="Reproducibility.Verify{T}(Func{T}, int, long?)"/>.</summary>
    public sealed class ReproducibilityReport
    {
        internal ReproducibilityReport(bool identical, int runs, long seed, int? differingRun, long? firstDifferingIndex, string description)
        {
            Identical = identical;
            Runs = runs;
            Seed = seed;
            DifferingRun = differingRun;
            FirstDifferingIndex = firstDifferingIndex;
            Description = description;
        }

        /// <summary>True when every run gave a bitwise-identical result.</summary>
        public bool Identical { get; }

        /// <summary>The number of runs asked for; when a run differs, the comparison stops there (<see cref="DifferingRun"/>).</summary>
        public int Runs { get; }

        /// <summary>The master seed every run was given.</summary>
        public long Seed { get; }

        /// <summary>The zero-based run that first differed from run 0, or null.</summary>
        public int? DifferingRun { get; }

        /// <summary>Inside a sequence (array, list, tensor elements, string), the index of the first difference; otherwise null.</summary>
        public long? FirstDifferingIndex { get; }

        /// <summary>What was found: the path of the first difference and both values.</summary>
        public string Description { get; }

        /// <inheritdoc/>
        public override string ToString() => (Identical ? "reproducible: " : "NOT reproducible: ") + Description + $" (seed {Seed})";
    }
}
