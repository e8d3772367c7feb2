using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.MLNetTrainerMultithreadedAnalyzer>;

namespace SeedAnalyzers.Tests.MLNet
{
    public class MLNetTrainerMultithreadedAnalyzerTests
    {
        /// <summary>SEED041 at <paramref name="location"/>; <paramref name="options"/>: where the options object is created.</summary>
        private static DiagnosticResult Races(int location, string trainer, int? options = null) =>
            WithOptions(VerifyCS.Diagnostic(MLNetTrainerMultithreadedAnalyzer.RacingRule).WithLocation(location), options).WithArguments(trainer);

        /// <summary>SEED042 at <paramref name="location"/>; <paramref name="options"/>: where the options object is created.</summary>
        private static DiagnosticResult FollowsProcessors(int location, string trainer, int? options = null) =>
            WithOptions(VerifyCS.Diagnostic(MLNetTrainerMultithreadedAnalyzer.ProcessorCountRule).WithLocation(location), options).WithArguments(trainer);

        private static DiagnosticResult WithOptions(DiagnosticResult result, int? options) => options is int index ? result.WithLocation(index) : result;

        [Fact]
        public Task FlagsSdcaAndSgdWithThreadsUnsetOrAboveOne() => LibraryTest.AnalyzeAsync<MLNetTrainerMultithreadedAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression()|};
                    var b = {|#1:ml.BinaryClassification.Trainers.SdcaNonCalibrated(labelColumnName: "y")|};
                    var c = {|#2:ml.Regression.Trainers.Sdca({|#12:new SdcaRegressionTrainer.Options { LabelColumnName = "y" }|})|};
                    var d = {|#3:ml.MulticlassClassification.Trainers.SdcaMaximumEntropy({|#13:new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 4 }|})|};
                    var e = {|#4:ml.MulticlassClassification.Trainers.SdcaNonCalibrated()|};
                    var f = {|#5:ml.BinaryClassification.Trainers.SgdCalibrated({|#15:new SgdCalibratedTrainer.Options { NumberOfThreads = null }|})|};
                    var g = {|#6:ml.BinaryClassification.Trainers.SgdNonCalibrated()|};
                    var h = {|#7:StandardTrainersCatalog.SdcaLogisticRegression(ml.BinaryClassification.Trainers)|};
                }
            }
            """,
            Races(0, "SdcaLogisticRegression"), Races(1, "SdcaNonCalibrated"), Races(2, "Sdca", 12), Races(3, "SdcaMaximumEntropy", 13),
            Races(4, "SdcaNonCalibrated"), Races(5, "SgdCalibrated", 15), Races(6, "SgdNonCalibrated"), Races(7, "SdcaLogisticRegression"));

        [Fact]
        public Task FlagsLbfgsWithThreadsUnsetAndKMeansUnsetOrAboveOne() => LibraryTest.AnalyzeAsync<MLNetTrainerMultithreadedAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = {|#0:ml.BinaryClassification.Trainers.LbfgsLogisticRegression()|};
                    var b = {|#1:ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy({|#11:new LbfgsMaximumEntropyMulticlassTrainer.Options()|})|};
                    var c = {|#2:ml.Regression.Trainers.LbfgsPoissonRegression(historySize: 5)|};
                    var d = {|#3:ml.Clustering.Trainers.KMeans(numberOfClusters: 3)|};
                    var e = {|#4:ml.Clustering.Trainers.KMeans({|#14:new KMeansTrainer.Options { NumberOfThreads = 2 }|})|};

                    // A fixed count makes L-BFGS the same on every machine.
                    var fixedCount = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 4 });
                }
            }
            """,
            FollowsProcessors(0, "LbfgsLogisticRegression"), FollowsProcessors(1, "LbfgsMaximumEntropy", 11), FollowsProcessors(2, "LbfgsPoissonRegression"),
            FollowsProcessors(3, "KMeans"), FollowsProcessors(4, "KMeans", 14));

        [Fact]
        public Task FollowsTheOptionsIntoALocal() => LibraryTest.AnalyzeAsync<MLNetTrainerMultithreadedAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void Unset(MLContext ml)
                {
                    var options = {|#10:new SdcaLogisticRegressionBinaryTrainer.Options { MaximumNumberOfIterations = 10 }|};
                    var trainer = {|#0:ml.BinaryClassification.Trainers.SdcaLogisticRegression(options)|};
                }

                void SetLater(MLContext ml)
                {
                    var options = new SdcaLogisticRegressionBinaryTrainer.Options();
                    options.NumberOfThreads = 1;
                    var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(options);
                }

                void Reassigned(MLContext ml, SdcaLogisticRegressionBinaryTrainer.Options other)
                {
                    var options = new SdcaLogisticRegressionBinaryTrainer.Options();
                    options = other;
                    var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(options);
                }
            }
            """,
            Races(0, "SdcaLogisticRegression", 10));

        [Fact]
        public Task IgnoresOneThreadOptionsFromElsewhereAndOtherTrainers() => LibraryTest.AnalyzeAsync<MLNetTrainerMultithreadedAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;
            using Microsoft.ML.Trainers.FastTree;
            using Microsoft.ML.Trainers.LightGbm;

            class Pipeline
            {
                private readonly SgdCalibratedTrainer.Options _sgd = new SgdCalibratedTrainer.Options();

                void M(MLContext ml, SdcaRegressionTrainer.Options fromCaller, int threads)
                {
                    var a = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 });
                    var b = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfThreads = 1 });
                    var c = ml.Regression.Trainers.Sdca(fromCaller);
                    var d = ml.BinaryClassification.Trainers.SgdCalibrated(_sgd);
                    var e = ml.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options { NumberOfThreads = threads });

                    // Measured to repeat whatever the thread count (tests/SeedAnalyzers.Libraries.Tests).
                    var f = ml.BinaryClassification.Trainers.FastTree();
                    var g = ml.BinaryClassification.Trainers.FastForest();
                    var h = ml.BinaryClassification.Trainers.LightGbm();
                    var i = ml.BinaryClassification.Trainers.AveragedPerceptron();
                    var j = ml.BinaryClassification.Trainers.LinearSvm();
                    var k = ml.Regression.Trainers.OnlineGradientDescent();
                    var l = ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new[] { "Features" });
                }
            }
            """);

        [Fact]
        public Task SilentWithoutMLNet() => VerifyCS.VerifyAnalyzerAsync("""
            class Trainers
            {
                public object SdcaLogisticRegression() => new object();
            }

            class Pipeline
            {
                object M(Trainers trainers) => trainers.SdcaLogisticRegression();
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrashOrReport() => LibraryTest.AnalyzePartialAsync<MLNetTrainerMultithreadedAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using Microsoft.ML.Trainers;

            class Pipeline
            {
                void M(MLContext ml)
                {
                    var a = ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                    var b = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = });
                    var c = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfThreads = 1
                    var d = {|#0:ml.BinaryClassification.Trainers.SgdCalibrated()|};
                }
            }
            """, Races(0, "SgdCalibrated"));
    }
}
