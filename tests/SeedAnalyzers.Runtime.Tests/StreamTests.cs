using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    [Collection(GlobalStateCollection.Name)]
    public class StreamTests : GlobalStateTest
    {
        [Fact]
        public void NamedStreamsArePinnedForAMasterSeed()
        {
            Determinism.Initialize(42);
            var stream = Determinism.Random("Trainer.rng");
            Assert.Equal(new[] { 1490378098, 304388837, 351050236 }, new[] { stream.Next(), stream.Next(), stream.Next() });
            var indexed = Determinism.Random("data", 7);
            Assert.Equal(new[] { 513148277, 617276502, 858957215 }, new[] { indexed.Next(), indexed.Next(), indexed.Next() });
            Assert.Equal(1447608671, Determinism.SeedFor("x"));
        }

        [Fact]
        public void StreamsDependOnThePathNotOnCreationOrder()
        {
            Determinism.Initialize(1);
            int a1 = Determinism.Random("a").Next();
            int b1 = Determinism.Random("b").Next();
            Determinism.Initialize(1);
            int b2 = Determinism.Random("b").Next();
            int a2 = Determinism.Random("a").Next();
            Assert.Equal(a1, a2);
            Assert.Equal(b1, b2);
            Assert.Equal(Determinism.Random("a", 5).Next(), new DeterministicRandom(1).Fork("a").ForIndex(5).Next());
            Assert.Equal(new DeterministicRandom(1).Fork("a").Next(), a1);
        }

        [Fact]
        public void ManyNamesAndIndicesGiveDistinctFirstOutputs()
        {
            var root = new DeterministicRandom(0);
            var firsts = new HashSet<ulong>();
            for (int i = 0; i < 20_000; i++)
            {
                Assert.True(firsts.Add((ulong)root.Fork("stream" + i).NextInt64()), $"name stream{i} repeats a first output");
                Assert.True(firsts.Add((ulong)root.ForIndex(i).NextInt64()), $"index {i} repeats a first output");
            }

            // Near-identical names (one byte apart, a trailing NUL, different lengths) differ.
            Assert.NotEqual(root.Fork("a").NextInt64(), root.Fork("a\0").NextInt64());
            Assert.NotEqual(root.Fork("ab").NextInt64(), root.Fork("ba").NextInt64());
            Assert.NotEqual(root.Fork("12345678").NextInt64(), root.Fork("123456789").NextInt64());
            Assert.NotEqual(root.ForIndex(0).NextInt64(), root.NextInt64());
        }

        [Fact]
        public void ForkedAndIndexedStreamsAreUncorrelated()
        {
            // Pearson correlation of 100k paired doubles from neighbouring indices: |r| well under 0.01.
            var root = new DeterministicRandom(3);
            var left = root.ForIndex(1);
            var right = root.ForIndex(2);
            const int n = 100_000;
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < n; i++)
            {
                double x = left.NextDouble(), y = right.NextDouble();
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
            }

            double r = ((n * sxy) - (sx * sy)) / Math.Sqrt(((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy)));
            Assert.InRange(r, -0.01, 0.01);
        }

        [Fact]
        public void ForIndexResultsDoNotDependOnThreadCount()
        {
            Determinism.Initialize(123);
            var stream = Determinism.Random("augment");
            double[] Run(int threads)
            {
                var results = new double[2_000];
                Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    var rng = stream.ForIndex(i);
                    results[i] = rng.NextDouble() + rng.Next(1000);
                });
                return results;
            }

            double[] one = Run(1);
            Assert.Equal(one, Run(2));
            Assert.Equal(one, Run(8));
        }

        [Fact]
        public async Task SequentialHandOffBetweenThreadsIsAllowed()
        {
            var random = new DeterministicRandom(5);
            var expected = new DeterministicRandom(5);
            for (int i = 0; i < 20; i++)
            {
                int value = await Task.Run(() => random.Next());
                Assert.Equal(expected.Next(), value);
            }
        }
    }
}

namespace SeedAnalyzers.Runtime.Tests
{
    [Xunit.Collection(GlobalStateCollection.Name)]
    public class SharedStreamTests : GlobalStateTest
    {
        [Xunit.Fact]
        public void SharedStreamContinuesUntilTheSeedIsSetAgain()
        {
            Determinism.Initialize(4);
            int first = Determinism.Shared("Pipeline").Next();
            int second = Determinism.Shared("Pipeline").Next();
            var reference = Determinism.Random("Pipeline");
            Xunit.Assert.Equal(reference.Next(), first);
            Xunit.Assert.Equal(reference.Next(), second);
            Xunit.Assert.Same(Determinism.Shared("Pipeline"), Determinism.Shared("Pipeline"));

            Determinism.Initialize(4);
            Xunit.Assert.Equal(first, Determinism.Shared("Pipeline").Next());
        }

        [Xunit.Fact]
        public void SweepsRestartSharedStreams()
        {
            SeedSweepResult result = SeedSweep.Run(new long[] { 1, 1 }, _ => Determinism.Shared("loop").NextDouble());
            Xunit.Assert.Equal(result.Runs[0].Value, result.Runs[1].Value);
            Xunit.Assert.True(Reproducibility.Verify(() => Determinism.Shared("loop").NextDouble()).Identical);
        }
    }
}
