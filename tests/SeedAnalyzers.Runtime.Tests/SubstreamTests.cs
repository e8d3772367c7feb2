using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>Determinism.Random(name) hands out sub-stream k on its k-th call since the seed was set.</summary>
    [Collection(GlobalStateCollection.Name)]
    public class SubstreamTests : GlobalStateTest
    {
        [Fact]
        public void SubstreamsArePinnedAndSubstreamZeroIsTheNamedStreamOfBefore()
        {
            Determinism.Initialize(42);
            int[] Three(DeterministicRandom stream) => new[] { stream.Next(), stream.Next(), stream.Next() };

            // Sub-stream 0: the numbers Random("Trainer.rng") gave before sub-streams existed (StreamTests pins them too).
            Assert.Equal(new[] { 1490378098, 304388837, 351050236 }, Three(Determinism.Random("Trainer.rng")));
            Assert.Equal(Golden.Substream1, Three(Determinism.Random("Trainer.rng")));
            Assert.Equal(Golden.Substream2, Three(Determinism.Random("Trainer.rng")));
        }

        [Fact]
        public void SubstreamKIsTheDocumentedDerivation()
        {
            Determinism.Initialize(42);
            StreamKey name = StreamKey.FromSeed(42).DeriveName("Trainer.rng");
            for (int k = 0; k < 5; k++)
            {
                StreamKey expected = k == 0 ? name : Philox(name, (ulong)k, 0x53425553);
                Assert.Equal(new DeterministicRandom(expected).NextInt64(), Determinism.Random("Trainer.rng").NextInt64());
            }
        }

        [Fact]
        public void EachCallGetsTheNextSubstreamAndSettingTheSeedStartsOver()
        {
            Determinism.Initialize(7);
            long[] first = Enumerable.Range(0, 8).Select(_ => Determinism.Random("Particle.rng").NextInt64()).ToArray();
            Assert.Equal(8, first.Distinct().Count());
            Determinism.Initialize(7);
            Assert.Equal(first, Enumerable.Range(0, 8).Select(_ => Determinism.Random("Particle.rng").NextInt64()));
            Determinism.Initialize(8);
            Assert.NotEqual(first[0], Determinism.Random("Particle.rng").NextInt64());
        }

        [Fact]
        public void SubstreamsNeverCoincideWithIndexedStreamsOrOtherNames()
        {
            Determinism.Initialize(0);
            var firsts = new HashSet<long>();
            for (int i = 0; i < 5_000; i++)
            {
                Assert.True(firsts.Add(Determinism.Random("a").NextInt64()), $"sub-stream {i} of a repeats");
                Assert.True(firsts.Add(Determinism.Random("a", i).NextInt64()), $"index {i} of a repeats");
                Assert.True(firsts.Add(Determinism.Random("b").NextInt64()), $"sub-stream {i} of b repeats");
            }

            // The derivations are different functions, not only different outputs: sub-stream k of a name is not index k.
            StreamKey a = StreamKey.FromSeed(0).DeriveName("a");
            Assert.NotEqual(a.DeriveIndex(1), a.DeriveSubstream(1));
        }

        [Fact]
        public void CountingIsThreadSafeAndEverySubstreamIsHandedOutOnce()
        {
            Determinism.Initialize(3);
            var concurrent = new ConcurrentBag<long>();
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            {
                for (int i = 0; i < 1_000; i++)
                {
                    concurrent.Add(Determinism.Random("per.call").NextInt64());
                }
            });

            Determinism.Initialize(3);
            long[] sequential = Enumerable.Range(0, 8_000).Select(_ => Determinism.Random("per.call").NextInt64()).ToArray();
            Assert.Equal(sequential.OrderBy(x => x), concurrent.OrderBy(x => x));
        }

        [Fact]
        public void TheManifestCountsSubstreamsPerName()
        {
            string path = Path.Combine(Path.GetTempPath(), "seedanalyzers-substreams-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                Determinism.Initialize(1, new DeterminismOptions { ManifestPath = path });
                for (int i = 0; i < 3; i++)
                {
                    Determinism.Random("objects");
                }

                Determinism.Random("objects", 9);
                Determinism.SeedFor("seed.for");
                Determinism.SeedFor("seed.for");
                Determinism.Random("written");

                SeedManifest.StreamRecord objects = Determinism.Manifest.Streams.Single(s => s.Name == "objects");
                Assert.Equal(3, objects.Substreams);
                Assert.True(objects.Indexed);
                Assert.Equal(2, Determinism.Manifest.Streams.Single(s => s.Name == "seed.for").Substreams);

                // A new name rewrites the file, with the counts as they are then.
                SeedManifest loaded = SeedManifest.Load(path);
                Assert.Equal(new[] { ("objects", 3L, true), ("seed.for", 2L, false), ("written", 1L, false) }, loaded.Streams.Select(s => (s.Name, s.Substreams, s.Indexed)));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TheExitWriteRecordsTheFinalCountsAndNeverThrows()
        {
            string directory = Path.Combine(Path.GetTempPath(), "seedanalyzers-exit-" + Guid.NewGuid().ToString("N"));
            string path = Path.Combine(directory, "manifest.json");
            try
            {
                Determinism.Initialize(1, new DeterminismOptions { ManifestPath = path });
                for (int i = 0; i < 5; i++)
                {
                    Determinism.Random("objects");
                }

                Assert.Equal(1, SeedManifest.Load(path).Streams.Single().Substreams);
                Determinism.WriteManifestAtExit();
                Assert.Equal(5, SeedManifest.Load(path).Streams.Single().Substreams);

                // A path that became unwritable is a warning at exit, not an exception in a process that is ending.
                Directory.Delete(directory, recursive: true);
                File.WriteAllText(directory, "a file where the directory was");
                var warnings = new StringWriter();
                Determinism.WarningWriter = warnings;
                Determinism.WriteManifestAtExit();
                Assert.Contains(path, warnings.ToString());
            }
            finally
            {
                File.Delete(directory);
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        [Fact]
        public void SeedForContinuesLikeRandom()
        {
            Determinism.Initialize(42);
            Assert.Equal(1447608671, Determinism.SeedFor("x"));
            int second = Determinism.SeedFor("x");
            Assert.NotEqual(1447608671, second);
            Determinism.Initialize(42);
            Assert.Equal(new[] { 1447608671, second }, new[] { Determinism.SeedFor("x"), Determinism.SeedFor("x") });
        }

        internal static StreamKey Philox(StreamKey parent, ulong label, uint tweak)
        {
            uint c0 = (uint)label, c1 = (uint)(label >> 32), c2 = parent.N0, c3 = parent.N1;
            SeedAnalyzers.Philox.Block(ref c0, ref c1, ref c2, ref c3, parent.K0 ^ tweak, parent.K1 ^ tweak);
            return new StreamKey(c0, c1, c2, c3);
        }

        private static class Golden
        {
            internal static readonly int[] Substream1 = { 1263137510, 1667160703, 1295561559 };
            internal static readonly int[] Substream2 = { 1942799801, 1526905223, 1920770204 };
        }
    }
}
