using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using SeedAnalyzers.Analyzers;
using SeedAnalyzers.CodeFixes;
using SeedAnalyzers.Tests.Verifiers;
using TorchSharp;
using Xunit;

namespace SeedAnalyzers.TorchSharp.Tests
{
    /// <summary>
    /// The torch fixes' promise, checked by running their output against the real libtorch: the fixed program repeats,
    /// and what drew new numbers (each reseed, each start of a parallel loop) still does.
    /// </summary>
    [Trait("Category", "Native")]
    [Collection(TorchProcessState.Name)]
    public sealed class TorchFixedCodeTests
    {
        private static readonly string[] Torch = { typeof(torch).Assembly.Location, typeof(TorchDeterminism).Assembly.Location };

        /// <summary>A program whose model and data draw from a torch generator the entry point never seeds.</summary>
        private const string Unseeded = """
            using System;
            using System.Linq;
            using TorchSharp;

            public static class Program
            {
                public static float[] Train()
                {
                    var model = torch.nn.Linear(4, 1);
                    var x = torch.randn(8, 4);
                    return model.forward(x).data<float>().ToArray();
                }

                public static void Main() => Console.WriteLine(string.Join(",", Train()));
            }
            """;

        [LibTorchFact]
        public async Task TheEntryPointFixMakesTheProgramRepeat()
        {
            LibTorch.Require();
            FixedProgram program = await FixedProgram.CreateAsync<TorchEntryPointAnalyzer, TorchEntryPointFixer>(
                Unseeded, runtime: true, Torch, "TorchDeterminism.Initialize(seed: 42);");
            Assembly loaded = program.Load();

            string first = RunMain(loaded), second = RunMain(loaded);
            Assert.Equal(first, second);
            Assert.NotEqual(first, string.Join(",", FixedProgram.Call<float[]>(loaded, "Program", "Train")) + Environment.NewLine);
        }

        /// <summary>An episode per call, each reseeding torch from the clock: each episode must still differ.</summary>
        private const string Reseeding = """
            using System;
            using System.Linq;
            using TorchSharp;

            public static class Program
            {
                public static float Episode()
                {
                    torch.seed();
                    return torch.rand(1).item<float>();
                }

                public static float[] Episodes() => Enumerable.Range(0, 8).Select(_ => Episode()).ToArray();

                public static void Main() => Console.WriteLine(string.Join(",", Episodes()));
            }
            """;

        [LibTorchFact]
        public async Task ReseedingStillGivesEachEpisodeNewNumbersAndTheMasterSeedRepeatsThem()
        {
            LibTorch.Require();
            FixedProgram program = await FixedProgram.CreateAsync<TorchClockReseedAnalyzer, TorchClockReseedFixer>(
                Reseeding, runtime: true, Torch, "TorchDeterminism.Reseed(\"Program.Episode\")");
            Assembly loaded = program.Load();

            TorchDeterminism.Initialize(7);
            float[] episodes = FixedProgram.Call<float[]>(loaded, "Program", "Episodes");
            Assert.Equal(8, episodes.Distinct().Count());
            TorchDeterminism.Initialize(7);
            Assert.Equal(episodes, FixedProgram.Call<float[]>(loaded, "Program", "Episodes"));
        }

        /// <summary>Noise drawn by parallel workers from torch's global generator, once per epoch.</summary>
        private const string ParallelNoise = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using TorchSharp;

            public static class Program
            {
                public static float[][] Epoch(int threads)
                {
                    var noise = new float[16][];
                    Parallel.For(0, noise.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    {
                        noise[i] = torch.rand(4).data<float>().ToArray();
                    });
                    return noise;
                }

                public static void Main() => Console.WriteLine(Epoch(4).Length);
            }
            """;

        [LibTorchFact]
        public async Task ParallelWorkersDrawPerIndexIndependentOfThreadsAndEachEpochDiffers()
        {
            LibTorch.Require();
            FixedProgram program = await FixedProgram.CreateAsync<GeneratorUsedAcrossThreadsAnalyzer, GeneratorUsedAcrossThreadsTorchFixer>(
                ParallelNoise, runtime: true, Torch, "TorchDeterminism.Generator(generatorWorkers, i)");
            Assembly loaded = program.Load();

            TorchDeterminism.Initialize(7);
            float[][] one = FixedProgram.Call<float[][]>(loaded, "Program", "Epoch", 1);
            float[][] next = FixedProgram.Call<float[][]>(loaded, "Program", "Epoch", 8);
            TorchDeterminism.Initialize(7);
            float[][] eight = FixedProgram.Call<float[][]>(loaded, "Program", "Epoch", 8);
            for (int i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i], eight[i]);
                Assert.NotEqual(one[i], next[i]);
            }

            Assert.Equal(one.Length, one.Select(noise => noise[0]).Distinct().Count());
        }

        private static string RunMain(Assembly program)
        {
            TextWriter original = Console.Out;
            using var output = new StringWriter();
            Console.SetOut(output);
            try
            {
                program.GetType("Program", throwOnError: true)!.GetMethod("Main")!.Invoke(null, null);
            }
            finally
            {
                Console.SetOut(original);
            }

            return output.ToString();
        }
    }
}
