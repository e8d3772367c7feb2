using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace SeedAnalyzers.Runtime.Tests
{
    /// <summary>
    /// The premise of SEED010, checked: a System.Random shared by threads really does corrupt. Bounded and
    /// deterministic in its verdict: up to 20 rounds, each with a fresh seeded instance and 2 x cores threads (at
    /// least 4) released together by a barrier for 3M draws each; the test passes at the first round after which
    /// the generator returns only zeros (about 1 round in 2 on a 2-core machine), and fails, with the count, if
    /// none does.
    /// </summary>
    public class SystemRandomContentionTests
    {
        [Fact]
        public void SharedSystemRandomCollapsesToZeros()
        {
            int rounds = 0;
            for (; rounds < 20; rounds++)
            {
                var shared = new Random(1);
                int threads = Math.Max(4, Environment.ProcessorCount * 2);
                using var start = new Barrier(threads);
                Thread[] workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
                {
                    start.SignalAndWait();
                    for (int i = 0; i < 3_000_000; i++)
                    {
                        shared.Next();
                    }
                })).ToArray();
                foreach (Thread worker in workers)
                {
                    worker.Start();
                }

                foreach (Thread worker in workers)
                {
                    worker.Join();
                }

                if (Enumerable.Range(0, 1000).All(_ => shared.Next() == 0))
                {
                    return;
                }
            }

            Assert.Fail($"no corruption observed in {rounds} rounds of concurrent draws");
        }

        [Fact]
        public void TheSameDrawsOnOneThreadNeverReturnOnlyZeros()
        {
            var alone = new Random(1);
            for (int i = 0; i < 4_000_000; i++)
            {
                alone.Next();
            }

            Assert.Contains(Enumerable.Range(0, 1000).Select(_ => alone.Next()), value => value != 0);
        }
    }
}
