using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.MLContextUnseededAnalyzer>;

namespace SeedAnalyzers.Tests.MLNet
{
    public class MLContextUnseededAnalyzerTests
    {
        [Fact]
        public Task FlagsContextsWithoutASeed() => LibraryTest.AnalyzeAsync<MLContextUnseededAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Trainer
            {
                private readonly MLContext _context = {|#0:new MLContext()|};
                private MLContext _other = {|#1:new()|};

                void M()
                {
                    var a = {|#2:new MLContext(seed: null)|};
                    var b = {|#3:new MLContext(null)|};
                    var c = {|#4:new Microsoft.ML.MLContext(default)|};
                    var d = {|#5:new MLContext(seed: (int?)null)|};
                    Train(a, b, c, d);
                }

                static void Train(params MLContext[] contexts)
                {
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new()"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new MLContext(seed: null)"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("new MLContext(null)"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("new Microsoft.ML.MLContext(default)"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("new MLContext(seed: (int?)null)"));

        [Fact]
        public Task IgnoresSeededContextsAndSeedsItCannotJudge() => LibraryTest.AnalyzeAsync<MLContextUnseededAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;
            using SeedAnalyzers;

            class Trainer
            {
                private readonly MLContext _fixed = new MLContext(seed: 1);
                private readonly MLContext _derived = new MLContext(Determinism.SeedFor("Trainer._derived"));

                MLContext FromOptions(int? seed) => new MLContext(seed);
            }
            """);

        // A context that only loads a model and data and predicts draws nothing from its randomness.
        [Fact]
        public Task IgnoresALocalContextThatOnlyLoadsAndPredicts() => LibraryTest.AnalyzeAsync<MLContextUnseededAnalyzer>(LibraryReferences.MLNet, """
            using System.Linq;
            using Microsoft.ML;

            class Scorer
            {
                float[] Score(string modelPath, string dataPath)
                {
                    var context = new MLContext();
                    ITransformer model = context.Model.Load(modelPath, out DataViewSchema schema);
                    IDataView data = context.Data.LoadFromTextFile<Row>(dataPath, hasHeader: true);
                    var engine = context.Model.CreatePredictionEngine<Row, Prediction>(model);
                    return context.Data.CreateEnumerable<Row>(data, reuseRowObject: false).Select(row => engine.Predict(row).Score).ToArray();
                }

                void NeverUsed()
                {
                    var context = new MLContext();
                }

                IDataView Shuffled(string dataPath)
                {
                    var context = {|#0:new MLContext()|};
                    return context.Data.ShuffleRows(context.Data.LoadFromTextFile<Row>(dataPath));
                }

                ITransformer HandedOn(string modelPath)
                {
                    var context = {|#1:new MLContext()|};
                    return Load(context, modelPath);
                }

                ITransformer Trains(IDataView data)
                {
                    var context = {|#2:new MLContext()|};
                    return context.Clustering.Trainers.KMeans(numberOfClusters: 2).Fit(data);
                }

                static ITransformer Load(MLContext context, string path) => context.Model.Load(path, out _);
            }

            class Row
            {
                public float X { get; set; }
            }

            class Prediction
            {
                public float Score { get; set; }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("new MLContext()"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("new MLContext()"));

        [Fact]
        public Task SilentWithoutMLNet() => VerifyCS.VerifyAnalyzerAsync("""
            class MLContext
            {
                public MLContext(int? seed = null) { }
            }

            class Trainer
            {
                private readonly MLContext _context = new MLContext();
            }
            """);

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrashOrReport() => LibraryTest.AnalyzePartialAsync<MLContextUnseededAnalyzer>(LibraryReferences.MLNet, """
            using Microsoft.ML;

            class Trainer
            {
                void M()
                {
                    var a = new MLContext(
                    var b = new MLContext(seed:
                    var c = new MLContext(seed: nul);
                    var d = {|#0:new MLContext()|};
                    d.Data.ShuffleRows(null);
                }
            }
            """, VerifyCS.Diagnostic().WithLocation(0).WithArguments("new MLContext()"));
    }
}
