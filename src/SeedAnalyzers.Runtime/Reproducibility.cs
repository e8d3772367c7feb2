using System;
using System.Collections;
using System.Collections.Generic;

namespace SeedAnalyzers
{
    /// <summary>Checks that a computation gives bitwise-identical results when run again under the same seed.</summary>
    public static class Reproducibility
    {
        /// <summary>
        /// Runs <paramref name="run"/> <paramref name="runs"/> times, re-initializing the master seed to
        /// <paramref name="seed"/> (default: the master seed in force) before each, and compares every result with
        /// the first. Arrays of float, double, int, long and byte (and any other primitive array) are compared bit
        /// by bit, so -0.0 differs from 0.0 and NaN payloads count, and the first differing index is reported;
        /// other values are compared with <see cref="EqualityComparer{T}.Default"/> and their hash codes.
        /// </summary>
        public static ReproducibilityReport Verify<T>(Func<T> run, int runs = 2, long? seed = null)
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
            Determinism.InitializeForSweep(masterSeed);
            T first = run();
            for (int i = 1; i < runs; i++)
            {
                Determinism.InitializeForSweep(masterSeed);
                T other = run();
                string? difference = Compare(first, other, out long? index);
                if (difference != null)
                {
                    return new ReproducibilityReport(false, runs, masterSeed, i, index, difference);
                }
            }

            return new ReproducibilityReport(true, runs, masterSeed, null, null, $"all {runs} runs bitwise identical");
        }

        private static string? Compare<T>(T expected, T actual, out long? index)
        {
            index = null;
            if (expected is Array left && actual is Array right && left.Rank == 1 && right.Rank == 1 && IsPrimitiveArray(left))
            {
                if (left.Length != right.Length)
                {
                    index = Math.Min(left.Length, right.Length);
                    return $"lengths differ: {left.Length} vs {right.Length}";
                }

                for (int i = 0; i < left.Length; i++)
                {
                    object? a = left.GetValue(i);
                    object? b = right.GetValue(i);
                    if (Bits(a) != Bits(b))
                    {
                        index = i;
                        return $"first difference at index {i}: {Show(a)} vs {Show(b)}";
                    }
                }

                return null;
            }

            if (expected is IStructuralEquatable structural && !structural.Equals(actual, StructuralComparisons.StructuralEqualityComparer))
            {
                return $"values differ: {expected} vs {actual}";
            }

            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                return $"values differ: {expected} vs {actual}";
            }

            int expectedHash = expected is null ? 0 : EqualityComparer<T>.Default.GetHashCode(expected);
            int actualHash = actual is null ? 0 : EqualityComparer<T>.Default.GetHashCode(actual);
            return expectedHash == actualHash ? null : $"hash codes differ: {expectedHash} vs {actualHash}";
        }

        private static bool IsPrimitiveArray(Array array) => array.GetType().GetElementType() is Type element && element.IsPrimitive;

        private static ulong Bits(object? value) => value switch
        {
            double d => (ulong)BitConverter.DoubleToInt64Bits(d),
            float f => (uint)BitConverter.ToInt32(BitConverter.GetBytes(f), 0),
            ulong u => u,
            IConvertible convertible => unchecked((ulong)convertible.ToInt64(null)),
            _ => 0,
        };

        private static string Show(object? value) => value switch
        {
            double d => $"{d:R} (0x{BitConverter.DoubleToInt64Bits(d):x16})",
            float f => $"{f:R} (0x{BitConverter.ToInt32(BitConverter.GetBytes(f), 0):x8})",
            _ => value?.ToString() ?? "null",
        };
    }

    /// <summary>The outcome of <see cref="Reproducibility.Verify{T}"/>.</summary>
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

        /// <summary>Number of runs compared (stops at the first difference).</summary>
        public int Runs { get; }

        /// <summary>The master seed every run was given.</summary>
        public long Seed { get; }

        /// <summary>The zero-based run that first differed from run 0, or null.</summary>
        public int? DifferingRun { get; }

        /// <summary>For arrays, the first index that differed; otherwise null.</summary>
        public long? FirstDifferingIndex { get; }

        /// <summary>What was found.</summary>
        public string Description { get; }

        /// <inheritdoc/>
        public override string ToString() => (Identical ? "reproducible: " : "NOT reproducible: ") + Description + $" (seed {Seed})";
    }
}
