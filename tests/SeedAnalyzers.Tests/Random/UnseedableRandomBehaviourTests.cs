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
    /// The SEED002 fix's promise, checked by running its output: draws still continue from call to call and across
    /// objects as Random.Shared's did, concurrent draws still work (Random.Shared is thread-safe, so must its
    /// replacement be), and a program run twice prints the same.
    /// </summary>
    [Collection(RunsFixedCode.Name)]
    public class UnseedableRandomBehaviourTests
    {
        private const string Sample = """
            using System;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Jitter
            {
                private readonly Random _rng = Random.Shared;

                public int Stored() => _rng.Next(1_000_000);

                public static int Inline() => Random.Shared.Next(1_000_000);

                public static int[] Shuffled() => Enumerable.Range(0, 20).OrderBy(_ => Random.Shared.Next()).ToArray();

                /// <summary>Retry jitter drawn by concurrent requests: the sum of the draws does not depend on who drew which.</summary>
                public static long Concurrent(int calls)
                {
                    long sum = 0;
                    Parallel.For(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => Interlocked.Add(ref sum, Random.Shared.Next(10)));
                    return sum;
                }

                public static void Main()
                {
                    Console.WriteLine(string.Join(",", Enumerable.Range(0, 8).Select(_ => new Jitter().Stored())));
                    Console.WriteLine(string.Join(",", Enumerable.Range(0, 8).Select(_ => Inline())));
                    Console.WriteLine(string.Join(",", Shuffled()));
                    Console.WriteLine(Concurrent(200_000));
                }
            }
            """;

        [Fact]
        public async Task DrawsContinueConcurrentDrawsWorkAndRunsRepeat()
        {
            FixedProgram program = await FixedProgram.CreateAsync<UnseedableRandomAnalyzer, UnseedableRandomFixer>(
                Sample, runtime: true, "Determinism.Shared(\"Jitter._rng\")", "Determinism.Shared(\"Jitter\").Next(1_000_000)");
            Assembly loaded = program.Load();
            object Create() => System.Activator.CreateInstance(loaded.GetType("Jitter", throwOnError: true)!)!;
            int Stored(object jitter) => (int)jitter.GetType().GetMethod("Stored")!.Invoke(jitter, null)!;

            Determinism.Initialize(3);
            int[] stored = Enumerable.Range(0, 8).Select(_ => Stored(Create())).ToArray();
            int[] inline = Enumerable.Range(0, 8).Select(_ => FixedProgram.Call<int>(loaded, "Jitter", "Inline")).ToArray();
            int[] shuffled = FixedProgram.Call<int[]>(loaded, "Jitter", "Shuffled");
            Assert.Equal(8, stored.Distinct().Count());
            Assert.Equal(8, inline.Distinct().Count());
            Assert.NotEqual(shuffled, FixedProgram.Call<int[]>(loaded, "Jitter", "Shuffled"));
            Assert.Equal(Enumerable.Range(0, 20), shuffled.OrderBy(x => x));

            // What threw under load before issue 14 (2,703 times in 200,000 calls) must work.
            long sum = FixedProgram.Call<long>(loaded, "Jitter", "Concurrent", 200_000);
            Assert.InRange(sum, 800_000, 1_000_000);

            Determinism.Initialize(3);
            Assert.Equal(stored, Enumerable.Range(0, 8).Select(_ => Stored(Create())).ToArray());

            program.AssertTwoProcessesAgree(seedDecides: false);
        }
    }
}
