using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// The SEED003 fix's promise, checked by running its output: a seed made per object or per call from the clock or a
    /// GUID is still one of its own for each object and call, a program run twice prints the same, and the master seed
    /// decides it. A constant would have made every object alike.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class NondeterministicSeedBehaviourTests
    {
        /// <summary>The constructor chain, and a per-call seed from a GUID.</summary>
        private const string Sample = """
            using System;
            using System.Linq;

            public sealed class Dice
            {
                private readonly Random _random;

                public Dice() : this(Environment.TickCount) { }

                public Dice(int seed) { _random = new Random(seed); }

                public int Roll() => _random.Next(1_000_000);
            }

            public static class Trainer
            {
                public static double Step()
                {
                    var rng = new Random(Guid.NewGuid().GetHashCode());
                    return rng.NextDouble();
                }
            }

            public static class Sample
            {
                public static int[] Rolls() => Enumerable.Range(0, 8).Select(_ => new Dice().Roll()).ToArray();

                public static double[] Steps() => Enumerable.Range(0, 16).Select(_ => Trainer.Step()).ToArray();

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Rolls()));
                    Console.WriteLine(string.Join(",", Steps()));
                }
            }
            """;

        [Fact]
        public async Task EachObjectAndCallKeepsASeedOfItsOwnAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<NondeterministicSeedAnalyzer, NondeterministicSeedFixer>(
                Sample, runtime: true, ": this(Determinism.SeedFor(\"Dice.Dice\"))", "new DeterministicRandom(Determinism.SeedFor(");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            int[] rolls = FixedProgram.Call<int[]>(loaded, "Sample", "Rolls");
            double[] steps = FixedProgram.Call<double[]>(loaded, "Sample", "Steps");
            Assert.Equal(8, rolls.Distinct().Count());
            Assert.Equal(16, steps.Distinct().Count());

            Determinism.Initialize(5);
            Assert.Equal(rolls, FixedProgram.Call<int[]>(loaded, "Sample", "Rolls"));
            Assert.Equal(steps, FixedProgram.Call<double[]>(loaded, "Sample", "Steps"));

            program.AssertTwoProcessesAgree(seedDecides: true);
        }

        /// <summary>A parameter the body fills from the clock when the caller gives none (SEED003's parameter following).</summary>
        private const string FallbackSample = """
            using System;
            using System.Linq;

            public sealed class Sim
            {
                private readonly Random _random;

                public Sim(int seed)
                {
                    if (seed == 0)
                    {
                        seed = Environment.TickCount;
                    }

                    _random = new Random(seed);
                }

                public int Roll() => _random.Next(1_000_000);
            }

            public static class Sample
            {
                public static int[] Fallbacks() => Enumerable.Range(0, 8).Select(_ => new Sim(0).Roll()).ToArray();

                public static int[] Given() => new[] { new Sim(5).Roll(), new Sim(6).Roll() };

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Fallbacks()));
                    Console.WriteLine(string.Join(",", Given()));
                }
            }
            """;

        [Fact]
        public async Task AFilledParameterStillDiffersPerObjectAndTheCallersSeedStillDecides()
        {
            FixedProgram program = await FixedProgram.CreateAsync<NondeterministicSeedAnalyzer, NondeterministicSeedFixer>(
                FallbackSample, runtime: true, "seed = Determinism.SeedFor(\"Sim.seed\");");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            int[] fallbacks = FixedProgram.Call<int[]>(loaded, "Sample", "Fallbacks");
            int[] given = FixedProgram.Call<int[]>(loaded, "Sample", "Given");
            Assert.Equal(8, fallbacks.Distinct().Count());
            Assert.NotEqual(given[0], given[1]);

            Determinism.Initialize(5);
            Assert.Equal(fallbacks, FixedProgram.Call<int[]>(loaded, "Sample", "Fallbacks"));

            // The caller's seed is the caller's: the master seed does not touch it.
            Determinism.Initialize(9);
            Assert.Equal(given, FixedProgram.Call<int[]>(loaded, "Sample", "Given"));
            Assert.NotEqual(fallbacks, FixedProgram.Call<int[]>(loaded, "Sample", "Fallbacks"));

            program.AssertTwoProcessesAgree(seedDecides: true);
        }

        /// <summary>
        /// Sources the forward trace finds where they are stored (reported and fixed at the source): a field set from the
        /// clock in one method and handed on in another, and clock bytes copied into seed bytes by a private helper whose
        /// return value seeds a generator of the project's own.
        /// </summary>
        private const string StoredSample = """
            using System;
            using System.Linq;

            public sealed class Sim
            {
                private Random _random = new Random(1);
                private long _started;

                public void FromInt(int seed) { _random = new Random(seed); }

                public void Start() { _started = DateTime.Now.Ticks; }

                public int Restart()
                {
                    FromInt((int)_started);
                    return _random.Next(1_000_000);
                }
            }

            public sealed class Bytes
            {
                public Bytes() { Reseed(MakeSeed()); }

                public int First { get; private set; }

                public void Reseed(byte[] seed) { First = new Random(BitConverter.ToInt32(seed, 0)).Next(1_000_000); }

                private byte[] MakeSeed()
                {
                    byte[] time = BitConverter.GetBytes(DateTime.UtcNow.Ticks);
                    byte[] seed = new byte[time.Length];
                    Buffer.BlockCopy(time, 0, seed, 0, time.Length);
                    return seed;
                }
            }

            public static class Sample
            {
                public static int[] Restarts() => Enumerable.Range(0, 8).Select(_ => { var sim = new Sim(); sim.Start(); return sim.Restart(); }).ToArray();

                public static int[] ByteSeeds() => Enumerable.Range(0, 8).Select(_ => new Bytes().First).ToArray();

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Restarts()));
                    Console.WriteLine(string.Join(",", ByteSeeds()));
                }
            }
            """;

        [Fact]
        public async Task SourcesFollowedFromWhatHoldsThemStillDifferPerCallAndTheMasterSeedDecides()
        {
            FixedProgram program = await FixedProgram.CreateAsync<NondeterministicSeedAnalyzer, NondeterministicSeedFixer>(
                StoredSample, runtime: true, "_started = Determinism.SeedFor(\"Sim._started\");", "BitConverter.GetBytes(Determinism.SeedFor(");
            Assembly loaded = program.Load();

            Determinism.Initialize(5);
            int[] restarts = FixedProgram.Call<int[]>(loaded, "Sample", "Restarts");
            int[] bytes = FixedProgram.Call<int[]>(loaded, "Sample", "ByteSeeds");
            Assert.Equal(8, restarts.Distinct().Count());
            Assert.Equal(8, bytes.Distinct().Count());

            Determinism.Initialize(5);
            Assert.Equal(restarts, FixedProgram.Call<int[]>(loaded, "Sample", "Restarts"));
            Assert.Equal(bytes, FixedProgram.Call<int[]>(loaded, "Sample", "ByteSeeds"));

            Determinism.Initialize(9);
            Assert.NotEqual(restarts, FixedProgram.Call<int[]>(loaded, "Sample", "Restarts"));
            Assert.NotEqual(bytes, FixedProgram.Call<int[]>(loaded, "Sample", "ByteSeeds"));

            program.AssertTwoProcessesAgree(seedDecides: true);
        }

        [Fact]
        public async Task WithoutTheRuntimeEachObjectAndCallKeepsASeedOfItsOwnAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<NondeterministicSeedAnalyzer, NondeterministicSeedFixer>(
                Sample, runtime: false, ": this(RandomSeeds.Next())", "new Random(RandomSeeds.Next())");
            Assembly loaded = program.Load();

            int[] rolls = FixedProgram.Call<int[]>(loaded, "Sample", "Rolls");
            double[] steps = FixedProgram.Call<double[]>(loaded, "Sample", "Steps");
            Assert.Equal(8, rolls.Distinct().Count());
            Assert.Equal(16, steps.Distinct().Count());
            Assert.Empty(rolls.Intersect(FixedProgram.Call<int[]>(loaded, "Sample", "Rolls")));

            program.AssertTwoProcessesAgree(seedDecides: false);
        }
    }
}
