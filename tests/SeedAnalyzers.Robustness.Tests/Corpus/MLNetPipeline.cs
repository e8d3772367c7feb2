using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Corpus.MLNetPipeline
{
    /// <summary>A churn model the way ML.NET tutorials build it: an unseeded context and multithreaded trainers.</summary>
    public sealed class ChurnModel
    {
        private readonly MLContext _context = new MLContext();
        private MLContext _tuning = new(seed: null);

        public ITransformer Train(IEnumerable<Customer> customers)
        {
            IDataView data = _context.Data.ShuffleRows(_context.Data.LoadFromEnumerable(customers));
            DataOperationsCatalog.TrainTestData split = _context.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
            var pipeline = _context.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.Spend))
                .Append(_context.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Customer.Churned), l2Regularization: 0.1f));
            return pipeline.Fit(split.TrainSet);
        }

        public IEstimator<ITransformer> Candidate(int index)
        {
            var sgd = new SgdCalibratedTrainer.Options
            {
                NumberOfIterations = 10,
                LearningRate = 0.05,
            };
            switch (index)
            {
                case 0:
                    return _tuning.BinaryClassification.Trainers.SgdCalibrated(sgd);
                case 1:
                    return _tuning.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 0.5f });
                case 2:
                    return _tuning.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { NumberOfThreads = 4 });
                default:
                    return _tuning.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options { NumberOfThreads = 1 });
            }
        }

        public IReadOnlyList<double> CrossValidate(IDataView data, int folds)
        {
            var scores = new List<double>();
            for (int fold = 0; fold < folds; fold++)
            {
                var context = new MLContext();
                var clusters = context.Clustering.Trainers.KMeans(numberOfClusters: 3).Fit(data);
                scores.Add(context.Clustering.Evaluate(clusters.Transform(data)).AverageDistance);
            }

            var seeded = new MLContext(seed: 42);
            scores.Add(seeded.Data.CreateEnumerable<Customer>(seeded.Data.ShuffleRows(data), reuseRowObject: false).Count());
            return scores;
        }
    }

    public sealed class Customer
    {
        public float Tenure { get; set; }

        public float Spend { get; set; }

        public bool Churned { get; set; }
    }
}
