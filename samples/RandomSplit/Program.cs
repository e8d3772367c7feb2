using System;
using System.Linq;

// A training-data split, a little augmentation and a one-feature classifier, written the usual way.
// Run it twice: the split, the augmentation and so the accuracy change every time.
Sample[] rows = Enumerable.Range(0, 2000).Select(i => new Sample(i % 97 / 97.0, (i % 97 > 60) ^ (i * 7919 % 10 == 0))).ToArray();
var pipeline = new Pipeline();
(Sample[] train, Sample[] test) = pipeline.Split(rows, trainFraction: 0.8);
Sample[] augmented = pipeline.Augment(train);
double threshold = pipeline.FitThreshold(augmented);
double accuracy = test.Count(s => (s.Feature > threshold) == s.Label) / (double)test.Length;
Console.WriteLine($"train {train.Length}, test {test.Length}, threshold {threshold:F4}, accuracy {accuracy:P2}");

/// <summary>One labelled example with one feature.</summary>
internal readonly record struct Sample(double Feature, bool Label);

internal sealed class Pipeline
{
    private readonly Random _init = new Random();

    /// <summary>Shuffles and splits the rows.</summary>
    public (Sample[] Train, Sample[] Test) Split(Sample[] rows, double trainFraction)
    {
        Sample[] shuffled = rows.OrderBy(_ => Guid.NewGuid()).ToArray();
        int trainCount = (int)(shuffled.Length * trainFraction);
        return (shuffled[..trainCount], shuffled[trainCount..]);
    }

    /// <summary>Adds jittered copies of some rows.</summary>
    public Sample[] Augment(Sample[] rows)
    {
        var noise = new Random(Environment.TickCount);
        var extra = new Sample[rows.Length / 2];
        for (int i = 0; i < extra.Length; i++)
        {
            Sample source = rows[Random.Shared.Next(rows.Length)];
            extra[i] = source with { Feature = source.Feature + ((noise.NextDouble() - 0.5) * 0.02) };
        }

        return rows.Concat(extra).ToArray();
    }

    /// <summary>Searches thresholds from a random start, keeping the best on the training rows.</summary>
    public double FitThreshold(Sample[] rows)
    {
        var search = new Random(42);
        double best = _init.NextDouble(), bestScore = Score(rows, best);
        for (int step = 0; step < 200; step++)
        {
            double candidate = Math.Clamp(best + ((search.NextDouble() - 0.5) * 0.1), 0, 1);
            double score = Score(rows, candidate);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best;
    }

    private static double Score(Sample[] rows, double threshold) =>
        rows.Count(s => (s.Feature > threshold) == s.Label) / (double)rows.Length;
}
