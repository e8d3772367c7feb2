using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests.MLNet
{
    /// <summary>
    /// The SEED040 fix's promise, checked by running its output against the real ML.NET: each context an experiment
    /// makes still shuffles its own way, and setting the master seed again repeats them all. (The samples'
    /// SampleRunTests run fixed ML.NET programs in processes of their own.)
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class MLContextUnseededBehaviourTests
    {
        private const string Sample = """
            using System;
            using System.Linq;
            using Microsoft.ML;

            public sealed class Row
            {
                public float X { get; set; }
            }

            public sealed class Experiment
            {
                private readonly MLContext _ml = new MLContext();

                public float FirstAfterShuffle()
                {
                    IDataView data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 1000).Select(i => new Row { X = i }));
                    return _ml.Data.CreateEnumerable<Row>(_ml.Data.ShuffleRows(data), reuseRowObject: false).First().X;
                }
            }

            public static class Sample
            {
                public static float[] Firsts() => Enumerable.Range(0, 8).Select(_ => new Experiment().FirstAfterShuffle()).ToArray();

                public static void Main() => Console.WriteLine(string.Join(",", Firsts()));
            }
            """;

        [Theory]
        [InlineData(true, "new MLContext(seed: Determinism.SeedFor(\"Experiment._ml\"))")]
        [InlineData(false, "new MLContext(seed: RandomSeeds.Next())")]
        public async Task EachContextShufflesItsOwnWayAndTheSeedRepeatsThem(bool runtime, string expected)
        {
            string[] libraries = Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll").OrderBy(path => path, StringComparer.Ordinal).ToArray();
            FixedProgram program = await FixedProgram.CreateAsync<MLContextUnseededAnalyzer, MLContextUnseededFixer>(Sample, runtime, libraries, expected);
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            float[] firsts = FixedProgram.Call<float[]>(loaded, "Sample", "Firsts");
            Assert.True(firsts.Distinct().Count() >= 7, "each context should shuffle its own way: " + string.Join(",", firsts));

            // The next experiments continue the stream of seeds, as new unseeded contexts drew new numbers.
            Assert.NotEqual(firsts, FixedProgram.Call<float[]>(loaded, "Sample", "Firsts"));
            if (runtime)
            {
                // Setting the master seed again repeats them.
                Determinism.Initialize(5);
                Assert.Equal(firsts, FixedProgram.Call<float[]>(loaded, "Sample", "Firsts"));
            }
        }
    }
}
