using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

// usage: SeedAnalyzers.TrainerProbe [--context-seed S] THREADS TRAINER... (THREADS: a number, or "unset" to leave
// NumberOfThreads alone). Prints "processors N", then "TRAINER HASH" per trainer: the first 16 hex digits of SHA-256 over
// the bits of every prediction score, for a model trained by MLContext(seed: S) (default 1) on 4,000 generated rows.
// Equal hashes mean bitwise-equal predictions.
int contextSeed = 1;
if (args.Length > 1 && args[0] == "--context-seed")
{
    contextSeed = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    args = args[2..];
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SeedAnalyzers.TrainerProbe [--context-seed S] THREADS|unset TRAINER... (trainers: " + string.Join(", ", Trainers.Names) + ")");
    return 2;
}

int? threads = args[0] == "unset" ? null : int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);

// What ML.NET sizes its default thread counts by (DOTNET_PROCESSOR_COUNT sets it), so a run shows what it measured.
Console.WriteLine("processors " + Environment.ProcessorCount);
foreach (string name in args.Skip(1))
{
    var context = new MLContext(seed: contextSeed);
    IDataView data = context.Data.LoadFromEnumerable(Rows.Generate(4000));
    ITransformer model = Trainers.Create(context, name, threads).Fit(data);
    Console.WriteLine(name + " " + Rows.HashScores(model.Transform(data)));
}

return 0;

/// <summary>One generated example: 20 features, and labels for binary, regression and multiclass trainers.</summary>
internal sealed class Row
{
    [VectorType(20)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public bool Label { get; set; }

    public float Value { get; set; }

    public uint Class { get; set; }
}

internal static class Rows
{
    /// <summary>Rows from a fixed arithmetic sequence (no generator), so the data never varies.</summary>
    public static IEnumerable<Row> Generate(int count)
    {
        for (int i = 0; i < count; i++)
        {
            float[] features = Enumerable.Range(0, 20).Select(j => (float)Fraction(Math.Sin((i * 20) + j + 1) * 43758.5453)).ToArray();
            float score = (features[0] * 2) - features[1] + (features[2] * features[3]) + (float)(Fraction(Math.Sin(i + 0.5) * 12345.678) * 0.5);
            yield return new Row { Features = features, Label = score > 0.9f, Value = Math.Abs(score), Class = ((uint)(score * 3) % 3) + 1 };
        }
    }

    public static string HashScores(IDataView scored)
    {
        var bytes = new List<byte>();
        if (scored.Schema["Score"].Type is VectorDataViewType)
        {
            foreach (VBuffer<float> scores in scored.GetColumn<VBuffer<float>>("Score"))
            {
                foreach (float score in scores.DenseValues())
                {
                    bytes.AddRange(BitConverter.GetBytes(score));
                }
            }
        }
        else
        {
            foreach (float score in scored.GetColumn<float>("Score"))
            {
                bytes.AddRange(BitConverter.GetBytes(score));
            }
        }

        return Convert.ToHexString(SHA256.HashData(bytes.ToArray()))[..16];
    }

    private static double Fraction(double value) => value - Math.Floor(value);
}

internal static class Trainers
{
    private static readonly Dictionary<string, Func<MLContext, int?, IEstimator<ITransformer>>> s_trainers = new()
    {
        ["SdcaLogisticRegression"] = (ml, t) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = t }),
        ["SdcaNonCalibrated"] = (ml, t) => ml.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options { NumberOfThreads = t }),
        ["Sdca"] = (ml, t) => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { NumberOfThreads = t, LabelColumnName = "Value" }),
        ["SdcaMaximumEntropy"] = (ml, t) => Multiclass(ml, ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = t, LabelColumnName = "ClassKey" })),
        ["SdcaNonCalibratedMulticlass"] = (ml, t) => Multiclass(ml, ml.MulticlassClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedMulticlassTrainer.Options { NumberOfThreads = t, LabelColumnName = "ClassKey" })),
        ["SgdCalibrated"] = (ml, t) => ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options { NumberOfThreads = t }),
        ["SgdNonCalibrated"] = (ml, t) => ml.BinaryClassification.Trainers.SgdNonCalibrated(new SgdNonCalibratedTrainer.Options { NumberOfThreads = t }),
        ["LbfgsLogisticRegression"] = (ml, t) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = t }),
        ["LbfgsMaximumEntropy"] = (ml, t) => Multiclass(ml, ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = t, LabelColumnName = "ClassKey" })),
        ["LbfgsPoissonRegression"] = (ml, t) => ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options { NumberOfThreads = t, LabelColumnName = "Value" }),
        ["KMeans"] = (ml, t) => ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfThreads = t, NumberOfClusters = 4 }),
        ["FastTree"] = (ml, t) => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfThreads = t }),
        ["FastTreeRegression"] = (ml, t) => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { NumberOfThreads = t, LabelColumnName = "Value" }),
        ["FastForest"] = (ml, t) => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options { NumberOfThreads = t }),
        ["Gam"] = (ml, t) => ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options { NumberOfThreads = t, NumberOfIterations = 200 }),
        ["LightGbm"] = (ml, t) => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfThreads = t }),
        ["LightGbmRegression"] = (ml, t) => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { NumberOfThreads = t, LabelColumnName = "Value" }),
        // The overload without options, and what the SEED041/SEED042 fix turns it into (THREADS is ignored): on one
        // processor, where the original trains on one thread too, both must train the same model.
        ["SdcaLogisticRegression.Simple"] = (ml, _) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: 0.1f, maximumNumberOfIterations: 20),
        ["SdcaLogisticRegression.Fixed"] = (ml, _) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { L2Regularization = 0.1f, MaximumNumberOfIterations = 20, NumberOfThreads = 1 }),
        ["SgdCalibrated.Simple"] = (ml, _) => ml.BinaryClassification.Trainers.SgdCalibrated(numberOfIterations: 10, learningRate: 0.05),
        ["SgdCalibrated.Fixed"] = (ml, _) => ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options { NumberOfIterations = 10, LearningRate = 0.05, NumberOfThreads = 1 }),
        ["LbfgsPoissonRegression.Simple"] = (ml, _) => ml.Regression.Trainers.LbfgsPoissonRegression(labelColumnName: "Value", l2Regularization: 0.5f, historySize: 5),
        ["LbfgsPoissonRegression.Fixed"] = (ml, _) => ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options { LabelColumnName = "Value", L2Regularization = 0.5f, HistorySize = 5, NumberOfThreads = 1 }),
        ["KMeans.Simple"] = (ml, _) => ml.Clustering.Trainers.KMeans(numberOfClusters: 3),
        ["KMeans.Fixed"] = (ml, _) => ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfClusters = 3, NumberOfThreads = 1 }),
        // No NumberOfThreads option: trained as they are, to show they repeat whatever the machine.
        ["FieldAwareFactorizationMachine"] = (ml, _) => ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new FieldAwareFactorizationMachineTrainer.Options()),
        ["AveragedPerceptron"] = (ml, _) => ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options()),
        ["LinearSvm"] = (ml, _) => ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options()),
        ["OnlineGradientDescent"] = (ml, _) => ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options { LabelColumnName = "Value" }),
    };

    public static IEnumerable<string> Names => s_trainers.Keys;

    public static IEstimator<ITransformer> Create(MLContext context, string name, int? threads) =>
        s_trainers.TryGetValue(name, out var create)
            ? create(context, threads)
            : throw new ArgumentException($"unknown trainer '{name}'; known: {string.Join(", ", s_trainers.Keys)}", nameof(name));

    private static IEstimator<ITransformer> Multiclass<TTrainer>(MLContext context, TTrainer trainer)
        where TTrainer : IEstimator<ITransformer> =>
        context.Transforms.Conversion.MapValueToKey("ClassKey", "Class").Append(trainer);
}
