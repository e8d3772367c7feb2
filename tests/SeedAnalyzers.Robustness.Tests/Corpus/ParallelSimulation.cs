using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.Concurrency
{
    public class ParallelSimulation
    {
        private readonly Random _noise = new Random(7);
        private static readonly Random s_jitter = new Random(11);
        private readonly object _gate = new object();

        public double[] Simulate(int count)
        {
            var results = new double[count];
            Parallel.For(0, count, i =>
            {
                results[i] = _noise.NextDouble() * Step(i);
            });
            return results;
        }

        public void SimulateLocked(double[] data)
        {
            Parallel.For(0, data.Length, i =>
            {
                lock (_gate)
                {
                    data[i] += _noise.NextDouble();
                }
            });
        }

        public async Task<int[]> RunTasksAsync(int workers)
        {
            var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(() => s_jitter.Next(100) + w)).ToArray();
            return await Task.WhenAll(tasks);
        }

        public void ForEachItem(ConcurrentBag<int> bag)
        {
            Parallel.ForEach(Enumerable.Range(0, 64), item => bag.Add(item * Random.Shared.Next(10)));
            Parallel.ForEach(Enumerable.Range(0, 64), (item, state, index) => bag.Add(Draw()));
        }

        public int[] Plinq(int n) => Enumerable.Range(0, n).AsParallel().Select(i => i + _noise.Next(3)).ToArray();

        public void Threads()
        {
            var thread = new Thread(() => Console.WriteLine(s_jitter.NextDouble()));
            thread.Start();
            ThreadPool.QueueUserWorkItem(_ => Console.WriteLine(_noise.Next()));
            using var timer = new Timer(_ => Console.WriteLine(s_jitter.Next()), null, 0, 1000);
            Task.Factory.StartNew(() => _noise.NextDouble());
            thread.Join();
        }

        public async Task ForAsync(double[] data)
        {
            await Parallel.ForAsync(0, data.Length, async (i, ct) =>
            {
                await Task.Yield();
                data[i] = Draw() + _noise.NextDouble();
            });
        }

        private int Draw() => s_jitter.Next(1000);

        private static double Step(int i) => Math.Sqrt(i + 1);
    }
}
