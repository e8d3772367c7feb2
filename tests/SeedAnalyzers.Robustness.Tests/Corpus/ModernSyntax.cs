using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using R = System.Random;

namespace Corpus.Modern;

public record Particle(double X, double Y)
{
    public static Particle Spawn() => new(Random.Shared.NextDouble(), Random.Shared.NextDouble());
}

public sealed class Swarm(int size)
{
    private readonly R _rng = new();
    private readonly global::System.Random _other = new global::System.Random();
    private readonly List<Particle> _particles = Enumerable.Range(0, size).Select(_ => Particle.Spawn()).ToList();

    public Random Generator { get; } = new Random();

    public Random Lazy => field ??= new Random();

    public IEnumerable<Particle> Step()
    {
        foreach (var particle in _particles)
        {
            yield return particle with { X = particle.X + _rng.NextDouble() - 0.5 };
        }
    }

    public string Describe(object value) => value switch
    {
        int n when n > new Random().Next(10) => "large",
        Random r => r.Next().ToString(),
        _ => "other",
    };

    public int[] Collection() => [_other.Next(), Generator.Next(), .. _particles.Select(p => (int)p.X)];

    public async Task<double> LaterAsync() => await Task.Run(() => _rng.NextDouble());

    public T Pick<T>(IReadOnlyList<T> items)
    {
        static int Index(int count) => new Random().Next(count);
        return items[Index(items.Count)];
    }

    public Func<int> Factory() => static () => new Random(Environment.TickCount).Next();
}

public partial class Dice
{
    private static Random s_rnd = new Random();

    public static int Roll() => s_rnd.Next(1, 7);
}

public partial class Dice
{
    public static int RollTwice() => Roll() + new Random(DateTime.Now.Second).Next(1, 7);

    public class Nested
    {
        public int Draw() => new Random().Next();
    }
}

public class TunedRandom : Random
{
    public TunedRandom() : base(Environment.TickCount)
    {
    }

    public override double NextDouble() => base.NextDouble() * 0.5;
}

public static class RandomExtensions
{
    public static T Choice<T>(this Random random, IList<T> items) => items[random.Next(items.Count)];

    public static T Choice<T>(this IList<T> items) => items.Choice(new Random());
}

public struct Jitter
{
    private Random _random;

    public Jitter(int seed) => _random = new Random(seed);

    public double Next() => (_random ??= new Random()).NextDouble();
}

public interface ISampler
{
    double Sample() => Random.Shared.NextDouble();
}
