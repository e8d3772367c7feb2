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
    /// overload without options), and what the measurements are expected to show.
    /// </summary>
    public static class TrainerTable
    {
        public static readonly (string Name, string Call, Measured Expected)[] All =
        {
            ("SdcaLogisticRegression", "ml.BinaryClassification.Trainers.SdcaLogisticRegression()", Measured.Races),
            ("SdcaNonCalibrated", "ml.BinaryClassification.Trainers.SdcaNonCalibrated()", Measured.Races),
            ("Sdca", "ml.Regression.Trainers.Sdca()", Measured.Races),
            ("SdcaMaximumEntropy", "ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()", Measured.Races),
            ("SdcaNonCalibratedMulticlass", "ml.MulticlassClassification.Trainers.SdcaNonCalibrated()", Measured.Races),
            ("SgdCalibrated", "ml.BinaryClassification.Trainers.SgdCalibrated()", Measured.Races),
            ("SgdNonCalibrated", "ml.BinaryClassification.Trainers.SgdNonCalibrated()", Measured.Races),
            ("LbfgsLogisticRegression", "ml.BinaryClassification.Trainers.LbfgsLogisticRegression()", Measured.DefaultFollowsProcessorCount),
            ("LbfgsMaximumEntropy", "ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()", Measured.DefaultFollowsProcessorCount),
            ("LbfgsPoissonRegression", "ml.Regression.Trainers.LbfgsPoissonRegression()", Measured.DefaultFollowsProcessorCount),
            ("KMeans", "ml.Clustering.Trainers.KMeans()", Measured.FollowsProcessorCount),
            ("FastTree", "ml.BinaryClassification.Trainers.FastTree()", Measured.Repeats),
            ("FastTreeRegression", "ml.Regression.Trainers.FastTree()", Measured.Repeats),
            ("FastForest", "ml.BinaryClassification.Trainers.FastForest()", Measured.Repeats),
            ("Gam", "ml.BinaryClassification.Trainers.Gam()", Measured.Repeats),
            ("LightGbm", "ml.BinaryClassification.Trainers.LightGbm()", Measured.Repeats),
            ("LightGbmRegression", "ml.Regression.Trainers.LightGbm()", Measured.Repeats),
            ("FieldAwareFactorizationMachine", "ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new[] { \"Features\" })", Measured.Repeats),
            ("AveragedPerceptron", "ml.BinaryClassification.Trainers.AveragedPerceptron()", Measured.Repeats),
            ("LinearSvm", "ml.BinaryClassification.Trainers.LinearSvm()", Measured.Repeats),
            ("OnlineGradientDescent", "ml.Regression.Trainers.OnlineGradientDescent()", Measured.Repeats),
        };

        /// <summary>Trainers whose overload without options the probe also trains as the SEED041/SEED042 fix rewrites it.</summary>
        public static readonly string[] SimpleOverloads = { "SdcaLogisticRegression", "SgdCalibrated", "LbfgsPoissonRegression", "KMeans" };

        public static IEnumerable<object[]> Every => Names(Measured.Races, Measured.DefaultFollowsProcessorCount, Measured.FollowsProcessorCount, Measured.Repeats);

        public static IEnumerable<object[]> Racing => Names(Measured.Races);

        public static IEnumerable<object[]> FollowingProcessorCount => Names(Measured.DefaultFollowsProcessorCount, Measured.FollowsProcessorCount);

        public static IEnumerable<object[]> FollowingProcessorCountByDefault => Names(Measured.DefaultFollowsProcessorCount);

        public static IEnumerable<object[]> FollowingProcessorCountOnSeveralThreads => Names(Measured.FollowsProcessorCount);

        public static IEnumerable<object[]> Repeating => Names(Measured.Repeats);

        private static IEnumerable<object[]> Names(params Measured[] expected) =>
            All.Where(trainer => expected.Contains(trainer.Expected)).Select(trainer => new object[] { trainer.Name });
    }
}
