using System.IO;
using System.Linq;
using Microsoft.ML;
using Xunit;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>
    /// Why SEED040 leaves alone a context that only loads a model and data and predicts: the predictions of a loaded model
    /// are the same under contexts with different seeds and without one.
    /// </summary>
    public sealed class InferenceContextTests
    {
        [Fact]
        public void PredictionsOfALoadedModelDoNotDependOnTheContextsSeed()
        {
            var trainer = new MLContext(seed: 1);
            Row[] rows = Enumerable.Range(0, 500).Select(i => new Row { X = i % 17 / 17f, Y = i % 5 / 5f, Label = (i % 17) + (i % 5) > 10 }).ToArray();
            ITransformer model = trainer.Transforms.Concatenate("Features", nameof(Row.X), nameof(Row.Y))
                .Append(trainer.BinaryClassification.Trainers.SdcaLogisticRegression(new Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }))
                .Fit(trainer.Data.LoadFromEnumerable(rows));
            using var saved = new MemoryStream();
            trainer.Model.Save(model, null, saved);

            float[] Predict(MLContext context)
            {
                saved.Position = 0;
                ITransformer loaded = context.Model.Load(saved, out _);
                var engine = context.Model.CreatePredictionEngine<Row, Prediction>(loaded);
                return rows.Select(row => engine.Predict(row).Score).ToArray();
            }

            float[] seeded = Predict(new MLContext(seed: 2));
            Assert.Equal(seeded, Predict(new MLContext(seed: 3)));
            Assert.Equal(seeded, Predict(new MLContext()));
        }

        private sealed class Row
        {
            public float X { get; set; }

            public float Y { get; set; }

            public bool Label { get; set; }
        }

        private sealed class Prediction
        {
            public float Score { get; set; }
        }
    }
}
