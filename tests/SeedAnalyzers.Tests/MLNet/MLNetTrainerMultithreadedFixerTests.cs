using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.MLNetTrainerMultithreadedAnalyzer, SeedAnalyzers.CodeFixes.MLNetTrainerMultithreadedFixer>;

namespace SeedAnalyzers.Tests.MLNet
{
    public class MLNetTrainerMultithreadedFixerTests
    {
        /// <summary>SEED041 at <paramref name="location"/>; <paramref name="options"/>: where the options object is created.</summary>
        private static DiagnosticResult Races(int location, string trainer, int? options = null) =>
            WithOptions(VerifyCS.Diagnostic(MLNetTrainerMultithreadedAnalyzer.RacingRule).WithLocation(location), options).WithArguments(trainer);

        /// <summary>SEED042 at <paramref name="location"/>; <paramref name="options"/>: where the options object is created.</summary>
        private static DiagnosticResult FollowsProcessors(int location, string trainer, int? options = null) =>
            WithOptions(VerifyCS.Diagnostic(MLNetTrainerMultithreadedAnalyzer.ProcessorCountRule).WithLocation(location), options).WithArguments(trainer);

        private static DiagnosticResult WithOptions(DiagnosticResult result, int? options) => options is int index ? result.WithLocation(index) : result;

        [Fact]
        public Task SetsOneThreadInTheOptionsInitializer() => LibraryTest.FixAsync<MLNetTrainerMultithreadedAnalyzer, MLNetTrainerMultithreadedFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = {|#0:ml.Regression.Trainers.Sdca({|#10:new SdcaRegressionTrainer.Options { LabelColumnName = "y" }|})|};
                    var b = {|#1:ml.Clustering.Trainers.KMeans({|#11:new KMeansTrainer.Options { NumberOfThreads = 4, NumberOfClusters = 3 }|})|};
                    var c = {|#2:ml.BinaryClassification.Trainers.LbfgsLogisticRegression({|#12:new LbfgsLogisticRegressionBinaryTrainer.Options()|})|};
                    var d = {|#3:ml.BinaryClassification.Trainers.SgdCalibrated({|#13:new SgdCalibratedTrainer.Options
                    {
                        NumberOfIterations = 5,
                        LearningRate = 0.1,
                    }|})|};
                    var e = {|#4:ml.BinaryClassification.Trainers.SgdNonCalibrated({|#14:new SgdNonCalibratedTrainer.Options
                    {
                        NumberOfIterations = 5
                    }|})|};
                }
            }
            """,
            new[] { Races(0, "Sdca", 10), FollowsProcessors(1, "KMeans", 11), FollowsProcessors(2, "LbfgsLogisticRegression", 12), Races(3, "SgdCalibrated", 13), Races(4, "SgdNonCalibrated", 14) },
            """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { LabelColumnName = "y", NumberOfThreads = 1 });
                    var b = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfThreads = 1, NumberOfClusters = 3 });
                    var c = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options() { NumberOfThreads = 1 });
                    var d = ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options
                    {
                        NumberOfIterations = 5,
                        LearningRate = 0.1,
                        NumberOfThreads = 1,
                    });
                    var e = ml.BinaryClassification.Trainers.SgdNonCalibrated(new SgdNonCalibratedTrainer.Options
                    {
                        NumberOfIterations = 5,
                        NumberOfThreads = 1
                    });
                }
            }
            """);

        [Fact]
        public Task SetsOneThreadWhereTheLocalOptionsAreCreated() => LibraryTest.FixAsync<MLNetTrainerMultithreadedAnalyzer, MLNetTrainerMultithreadedFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                IEstimator<ITransformer> M(MLContext ml)
                {
                    var options = {|#10:new SdcaLogisticRegressionBinaryTrainer.Options { MaximumNumberOfIterations = 10 }|};
                    return {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression(options)|};
                }
            }
            """,
            new[] { Races(0, "SdcaLogisticRegression", 10) },
            """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                IEstimator<ITransformer> M(MLContext ml)
                {
                    var options = new SdcaLogisticRegressionBinaryTrainer.Options { MaximumNumberOfIterations = 10, NumberOfThreads = 1 };
                    return ml.BinaryClassification.Trainers.SdcaLogisticRegression(options);
                }
            }
            """);

        [Fact]
        public Task MovesTheArgumentsOfTheSimpleOverloadIntoOptions() => LibraryTest.FixAsync<MLNetTrainerMultithreadedAnalyzer, MLNetTrainerMultithreadedFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Pipeline
            {
                void M(MLContext ml, string label)
                {
                    var a = {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression()|};
                    var b = {|#1:ml.BinaryClassification.Trainers.SdcaLogisticRegression(label, "Features", l2Regularization: 0.1f, maximumNumberOfIterations: 20)|};
                    var c = {|#2:ml.Regression.Trainers.LbfgsPoissonRegression(historySize: 5, labelColumnName: label)|};
                    var d = {|#3:ml.Clustering.Trainers.KMeans(numberOfClusters: 3)|};
                    var e = {|#4:ml.BinaryClassification.Trainers.SgdCalibrated(learningRate: 0.1)|};
                }
            }
            """,
            new[] { Races(0, "SdcaLogisticRegression"), Races(1, "SdcaLogisticRegression"), FollowsProcessors(2, "LbfgsPoissonRegression"), FollowsProcessors(3, "KMeans"), Races(4, "SgdCalibrated") },
            """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml, string label)
                {
                    var a = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 });
                    var b = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = label, FeatureColumnName = "Features", L2Regularization = 0.1f, MaximumNumberOfIterations = 20, NumberOfThreads = 1 });
                    var c = ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options { HistorySize = 5, LabelColumnName = label, NumberOfThreads = 1 });
                    var d = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfClusters = 3, NumberOfThreads = 1 });
                    var e = ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options { LearningRate = 0.1, NumberOfThreads = 1 });
                }
            }
            """);

        // The loss function of the simple overload is an ISupportSdcaClassificationLoss; the options' LossFunction takes one too.
        [Fact]
        public Task KeepsTheLossFunction() => LibraryTest.FixAsync<MLNetTrainerMultithreadedAnalyzer, MLNetTrainerMultithreadedFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = {|#0:ml.BinaryClassification.Trainers.SdcaNonCalibrated(lossFunction: new HingeLoss())|};
                }
            }
            """,
            new[] { Races(0, "SdcaNonCalibrated") },
            """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = ml.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options { LossFunction = new HingeLoss(), NumberOfThreads = 1 });
                }
            }
            """);

        [Fact]
        public Task NoFixInPartialCode() => LibraryTest.FixAsync<MLNetTrainerMultithreadedAnalyzer, MLNetTrainerMultithreadedFixer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var b = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options {
                    var a = {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression()|};
                }
            }
            """,
            new[] { Races(0, "SdcaLogisticRegression") },
            """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var b = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options {
                    var a = {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression()|};
                }
            }
            """,
            partial: true);
    }
}
