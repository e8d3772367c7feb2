using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The ML.NET (Microsoft.ML 6.x) symbols the ML.NET rules need: a view of <see cref="KnownSymbols"/>, null there
    /// when Microsoft.ML is not referenced (the rules then stay silent).
    /// </summary>
    internal sealed class MLNetSymbols
    {
        /// <summary>The trainers measured as not reproducible with threads (tests/SeedAnalyzers.Libraries.Tests), by catalog method name.</summary>
        private static readonly Dictionary<string, (string MetadataName, TrainerThreading Threading)[]> s_trainersByMethod =
            new Dictionary<string, (string, TrainerThreading)[]>(System.StringComparer.Ordinal)
            {
                ["SdcaLogisticRegression"] = new[] { ("Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer", TrainerThreading.Races) },
                ["SdcaNonCalibrated"] = new[]
                {
                    ("Microsoft.ML.Trainers.SdcaNonCalibratedBinaryTrainer", TrainerThreading.Races),
                    ("Microsoft.ML.Trainers.SdcaNonCalibratedMulticlassTrainer", TrainerThreading.Races),
                },
                ["Sdca"] = new[] { ("Microsoft.ML.Trainers.SdcaRegressionTrainer", TrainerThreading.Races) },
                ["SdcaMaximumEntropy"] = new[] { ("Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer", TrainerThreading.Races) },
                ["SgdCalibrated"] = new[] { ("Microsoft.ML.Trainers.SgdCalibratedTrainer", TrainerThreading.Races) },
                ["SgdNonCalibrated"] = new[] { ("Microsoft.ML.Trainers.SgdNonCalibratedTrainer", TrainerThreading.Races) },
                ["LbfgsLogisticRegression"] = new[] { ("Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer", TrainerThreading.DefaultFollowsProcessorCount) },
                ["LbfgsMaximumEntropy"] = new[] { ("Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer", TrainerThreading.DefaultFollowsProcessorCount) },
                ["LbfgsPoissonRegression"] = new[] { ("Microsoft.ML.Trainers.LbfgsPoissonRegressionTrainer", TrainerThreading.DefaultFollowsProcessorCount) },
                ["KMeans"] = new[] { ("Microsoft.ML.Trainers.KMeansTrainer", TrainerThreading.FollowsProcessorCount) },
            };

        private readonly Dictionary<INamedTypeSymbol, TrainerThreading> _trainers = new Dictionary<INamedTypeSymbol, TrainerThreading>(SymbolEqualityComparer.Default);

        private MLNetSymbols(KnownSymbols known, INamedTypeSymbol mlContext)
        {
            MLContext = mlContext;
            foreach (KeyValuePair<string, (string MetadataName, TrainerThreading Threading)[]> method in s_trainersByMethod)
            {
                foreach ((string metadataName, TrainerThreading threading) in method.Value)
                {
                    if (known.Type(metadataName) is INamedTypeSymbol trainer)
                    {
                        _trainers[trainer] = threading;
                    }
                }
            }
        }

        public INamedTypeSymbol MLContext { get; }

        /// <summary>Null when Microsoft.ML is not referenced, and when the compilation is ML.NET itself.</summary>
        internal static MLNetSymbols? TryCreate(KnownSymbols known)
        {
            INamedTypeSymbol? mlContext = known.Type("Microsoft.ML.MLContext");
            return mlContext is null || SymbolEqualityComparer.Default.Equals(mlContext.ContainingAssembly, known.Compilation.Assembly)
                ? null
                : new MLNetSymbols(known, mlContext);
        }

        /// <summary>True when <paramref name="name"/> is the name of a catalog method that creates a listed trainer.</summary>
        public static bool IsTrainerMethodName(string name) => s_trainersByMethod.ContainsKey(name);

        /// <summary>How the trainer <paramref name="method"/> returns trains on threads, when it is a listed trainer.</summary>
        public bool TryGetThreading(IMethodSymbol method, out TrainerThreading threading)
        {
            threading = default;
            return method.ReturnType is INamedTypeSymbol trainer && _trainers.TryGetValue(trainer, out threading);
        }

        /// <summary>
        /// The NumberOfThreads field or property of an ML.NET trainer options type (declared on one of its bases), or null
        /// when <paramref name="type"/> has none.
        /// </summary>
        public static ISymbol? NumberOfThreadsMember(ITypeSymbol? type)
        {
            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers("NumberOfThreads"))
                {
                    if (member is IFieldSymbol || member is IPropertySymbol)
                    {
                        return member;
                    }
                }
            }

            return null;
        }
    }
}
