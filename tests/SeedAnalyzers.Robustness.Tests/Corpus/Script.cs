using System;
using System.Linq;
using System.Threading.Tasks;

// A top-level program: the fixes name streams after Main here.
var rng = new Random();
int seed = Environment.TickCount;
var seeded = new Random(seed);
var values = Enumerable.Range(0, 100).Select(_ => rng.Next(1000)).OrderBy(_ => Random.Shared.Next()).ToArray();
Parallel.For(0, values.Length, i => values[i] += seeded.Next(10));
await Task.Run(() => Console.WriteLine(rng.NextDouble()));
Console.WriteLine(Draw(values));

static int Draw(int[] items) => items[new Random(items.Length.GetHashCode()).Next(items.Length)];
