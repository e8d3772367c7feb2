using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

// A churn classifier: shuffle and split the customers, train SDCA logistic regression, report test accuracy.
// Every run shuffles and trains differently, so the accuracy moves from run to run.
var context = new MLContext();
IDataView customers = context.Data.ShuffleRows(context.Data.LoadFromEnumerable(Customers.Generate(5000)));
DataOperationsCatalog.TrainTestData split = context.Data.TrainTestSplit(customers, testFraction: 0.2);
var pipeline = context.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.MonthlySpend), nameof(Customer.SupportCalls))
    .Append(context.Transforms.NormalizeMinMax("Features"))
    .Append(context.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Customer.Churned), maximumNumberOfIterations: 30));
ITransformer model = pipeline.Fit(split.TrainSet);
CalibratedBinaryClassificationMetrics metrics = context.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(Customer.Churned));
float firstTest = context.Data.CreateEnumerable<Customer>(split.TestSet, reuseRowObject: false).First().Tenure;
Console.WriteLine($"first test customer's tenure {firstTest}, accuracy {metrics.Accuracy:F6}, AUC {metrics.AreaUnderRocCurve:F6}");

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
