using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SeedAnalyzers.Analyzers;
using Xunit;

namespace SeedAnalyzers.Tests.Torch
{
    /// <summary>
    /// The analyzers cannot reference the runtime, so SEED031 copies what it needs of TorchDeterminismOptions (item
    /// names, reproducible defaults, accepted cuBLAS workspace settings). These tests pin the copy to the real type, so
    /// an option added or changed in SeedAnalyzers.TorchSharp fails here until the analyzer knows it.
    /// </summary>
    public class TorchRuntimeContractTests
    {
        public static IEnumerable<object[]> Options() =>
            typeof(TorchDeterminismOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanWrite && property.PropertyType != typeof(DeterminismOptions))
                .Select(property => new object[] { property.Name });

        [Fact]
        public void TheDefaultsRelaxNothing() => Assert.Empty(new TorchDeterminismOptions().RelaxedItems());

        [Theory]
        [MemberData(nameof(Options))]
        public void TheAnalyzerJudgesEveryValueAsTheRuntimeDoes(string name)
        {
            PropertyInfo property = typeof(TorchDeterminismOptions).GetProperty(name)!;
            object? reproducible = property.GetValue(new TorchDeterminismOptions());
            Assert.False(TorchEntryPointAnalyzer.Relaxes(name, AsConstant(reproducible)), $"{name}'s default {reproducible} is reported as relaxed");
            foreach (object? candidate in Candidates(property.PropertyType, reproducible))
            {
                var options = new TorchDeterminismOptions();
                property.SetValue(options, candidate);
                bool relaxedByRuntime = options.RelaxedItems().Contains(name);
                Assert.True(
                    relaxedByRuntime == TorchEntryPointAnalyzer.Relaxes(name, AsConstant(candidate)),
                    $"{name} = {candidate ?? "null"}: the runtime says relaxed={relaxedByRuntime}, SEED031 disagrees");
            }
        }

        /// <summary>What a constant of the property's type looks like to the analyzer: an enum is its underlying int.</summary>
        private static object? AsConstant(object? value) => value is Enum ? Convert.ToInt32(value) : value;

        private static IEnumerable<object?> Candidates(Type type, object? reproducible)
        {
            if (type == typeof(bool))
            {
                return new object?[] { true, false };
            }

            if (type == typeof(string))
            {
                return new object?[] { null, string.Empty, ":4096:8", ":16:8", ":0:0", "speed run" }
                    .Concat(TorchEntryPointAnalyzer.DeterministicWorkspaceConfigs);
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).Cast<object?>();
            }

            Type? underlying = Nullable.GetUnderlyingType(type);
            if (type == typeof(int) || underlying == typeof(int))
            {
                return new object?[] { 1, 2, 8 }.Concat(underlying != null ? new object?[] { null } : Array.Empty<object?>());
            }

            throw new InvalidOperationException($"TorchDeterminismOptions has a property of type {type}: teach this test (and SEED031) about it.");
        }
    }
}
