using System.Collections.Generic;
using System.Linq;

namespace SeedAnalyzers.Libraries.Tests
{
    /// <summary>What a trainer's measurements showed (docs/rules/SEED041.md, SEED042.md).</summary>
    public enum Measured
    {
        /// <summary>Different predictions from run to run on several threads; the same on one (SEED041).</summary>
        Races,

        /// <summary>Repeats on one machine; with NumberOfThreads unset, follows the processor count (SEED042).</summary>
        DefaultFollowsProcessorCount,

        /// <summary>Repeats on one machine; unless NumberOfThreads is 1, follows the processor count (SEED042).</summary>
        FollowsProcessorCount,

        /// <summary>The same predictions whatever the threads and processors (not reported).</summary>
        Repeats,
    }

    /// <summary>
    /// Every ML.NET trainer measured: its name in tests/SeedAnalyzers.TrainerProbe, the catalog call a user writes (the
    /// overload without options), what the measurements are expected to show about threads, and whether its model changes
    /// with the MLContext's seed (what SEED040 is about).
    /// </summary>
    public static class TrainerTable
    {
        public static readonly (string Name, string Call, Measured Expected, bool DrawsFromContext)[] All =
        {
            ("SdcaLogisticRegression", "ml.BinaryClassification.Trainers.SdcaLogisticRegression()", Measured.Races, true),
            ("SdcaNonCalibrated", "ml.BinaryClassification.Trainers.SdcaNonCalibrated()", Measured.Races, true),
            ("Sdca", "ml.Regression.Trainers.Sdca()", Measured.Races, true),
            ("SdcaMaximumEntropy", "ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()", Measured.Races, true),
            ("SdcaNonCalibratedMulticlass", "ml.MulticlassClassification.Trainers.SdcaNonCalibrated()", Measured.Races, true),
            ("SgdCalibrated", "ml.BinaryClassification.Trainers.SgdCalibrated()", Measured.Races, true),
            ("SgdNonCalibrated", "ml.BinaryClassification.Trainers.SgdNonCalibrated()", Measured.Races, true),
            ("LbfgsLogisticRegression", "ml.BinaryClassification.Trainers.LbfgsLogisticRegression()", Measured.DefaultFollowsProcessorCount, false),
            ("LbfgsMaximumEntropy", "ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()", Measured.DefaultFollowsProcessorCount, false),
            ("LbfgsPoissonRegression", "ml.Regression.Trainers.LbfgsPoissonRegression()", Measured.DefaultFollowsProcessorCount, false),
            ("KMeans", "ml.Clustering.Trainers.KMeans()", Measured.FollowsProcessorCount, true),
            ("FastTree", "ml.BinaryClassification.Trainers.FastTree()", Measured.Repeats, false),
            ("FastTreeRegression", "ml.Regression.Trainers.FastTree()", Measured.Repeats, false),
            ("FastForest", "ml.BinaryClassification.Trainers.FastForest()", Measured.Repeats, false),
            ("Gam", "ml.BinaryClassification.Trainers.Gam()", Measured.Repeats, false),
            ("LightGbm", "ml.BinaryClassification.Trainers.LightGbm()", Measured.Repeats, false),
            ("LightGbmRegression", "ml.Regression.Trainers.LightGbm()", Measured.Repeats, false),
            ("FieldAwareFactorizationMachine", "ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new[] { \"Features\" })", Measured.Repeats, true),
            ("AveragedPerceptron", "ml.BinaryClassification.Trainers.AveragedPerceptron()", Measured.Repeats, false),
            ("LinearSvm", "ml.BinaryClassification.Trainers.LinearSvm()", Measured.Repeats, false),
            ("OnlineGradientDescent", "ml.Regression.Trainers.OnlineGradientDescent()", Measured.Repeats, false),
        };

        /// <summary>Trainers whose overload without options the probe also trains as the SEED041/SEED042 fix rewrites it.</summary>
        public static readonly string[] SimpleOverloads = { "SdcaLogisticRegression", "SgdCalibrated", "LbfgsPoissonRegression", "KMeans" };

        public static IEnumerable<object[]> Every => Names(Measured.Races, Measured.DefaultFollowsProcessorCount, Measured.FollowsProcessorCount, Measured.Repeats);

        public static IEnumerable<object[]> Racing => Names(Measured.Races);

        public static IEnumerable<object[]> FollowingProcessorCount => Names(Measured.DefaultFollowsProcessorCount, Measured.FollowsProcessorCount);

        public static IEnumerable<object[]> FollowingProcessorCountByDefault => Names(Measured.DefaultFollowsProcessorCount);

        public static IEnumerable<object[]> FollowingProcessorCountOnSeveralThreads => Names(Measured.FollowsProcessorCount);

        public static IEnumerable<object[]> Repeating => Names(Measured.Repeats);

        public static IEnumerable<object[]> DrawingFromTheContext => All.Where(trainer => trainer.DrawsFromContext).Select(trainer => new object[] { trainer.Name });

        public static IEnumerable<object[]> IgnoringTheContext => All.Where(trainer => !trainer.DrawsFromContext).Select(trainer => new object[] { trainer.Name });

        private static IEnumerable<object[]> Names(params Measured[] expected) =>
            All.Where(trainer => expected.Contains(trainer.Expected)).Select(trainer => new object[] { trainer.Name });
    }
}
