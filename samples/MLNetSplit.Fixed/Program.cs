using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SeedAnalyzers;

// MLNetSplit after `dotnet format analyzers --diagnostics SEED040 SEED041 SEED042 --severity info`, plus one line:
// the master seed. Every run shuffles and trains alike and prints the same accuracy; SEED=7 dotnet run picks another seed.
Determinism.Initialize(Determinism.DefaultSeed);

var context = new MLContext(seed: Determinism.SeedFor("Program.context"));
IDataView customers = context.Data.ShuffleRows(context.Data.LoadFromEnumerable(Customers.Generate(5000)));
DataOperationsCatalog.TrainTestData split = context.Data.TrainTestSplit(customers, testFraction: 0.2);
var pipeline = context.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.MonthlySpend), nameof(Customer.SupportCalls))
    .Append(context.Transforms.NormalizeMinMax("Features"))
    .Append(context.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = nameof(Customer.Churned), MaximumNumberOfIterations = 30, NumberOfThreads = 1 }));
ITransformer model = pipeline.Fit(split.TrainSet);
CalibratedBinaryClassificationMetrics metrics = context.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(Customer.Churned));
float firstTest = context.Data.CreateEnumerable<Customer>(split.TestSet, reuseRowObject: false).First().Tenure;
Console.WriteLine($"seed {Determinism.MasterSeed}: first test customer's tenure {firstTest}, accuracy {metrics.Accuracy:F6}, AUC {metrics.AreaUnderRocCurve:F6}");

/// <summary>One customer: usage figures and whether they left.</summary>
internal sealed class Customer
{
    public float Tenure { get; set; }

    public float MonthlySpend { get; set; }

    public float SupportCalls { get; set; }

    public bool Churned { get; set; }
}

internal static class Customers
{
    /// <summary>Customers from a fixed arithmetic pattern, so only the pipeline's randomness varies.</summary>
    public static Customer[] Generate(int count) => Enumerable.Range(0, count).Select(i =>
    {
        float tenure = i * 37 % 72;
        float spend = 20 + (i * 53 % 100);
        float calls = i * 11 % 9;
        bool churned = (calls * 8) + spend - (tenure * 1.5f) + (i * 29 % 40) > 70;
        return new Customer { Tenure = tenure, MonthlySpend = spend, SupportCalls = calls, Churned = churned };
    }).ToArray();
}
