using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.UnseededRandomAnalyzer, SeedAnalyzers.CodeFixes.UnseededRandomFixer>;

namespace SeedAnalyzers.Tests
{
    public class UnseededRandomFixerTests
    {
        [Fact]
        public Task NamesTheStreamAfterItsReceiverAndAddsTheUsing() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Trainer
            {
                // the generator for weight init
                private readonly Random rng = {|#0:new Random()|}; // trailing comment
                private Random Other { get; } = {|#1:new()|};

                int M()
                {
                    var local = {|#2:new Random()|};
                    Random assigned;
                    assigned = {|#3:new Random()|};
                    return local.Next() + assigned.Next();
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new()"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("new Random()"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("new Random()"),
            },
            """
            using System;
            using SeedAnalyzers;

            class Trainer
            {
                // the generator for weight init
                private readonly Random rng = Determinism.Random("Trainer.rng"); // trailing comment
                private Random Other { get; } = Determinism.Random("Trainer.Other");

                int M()
                {
                    var local = Determinism.Random("Trainer.M.local");
                    Random assigned;
                    assigned = Determinism.Random("Trainer.M.assigned");
                    return local.Next() + assigned.Next();
                }
            }
            """);

        /// <summary>
        /// Each run of a loop body or lambda took a generator of its own: Determinism.Random(name) gives the next
        /// sub-stream each time it runs, so it still does (no per-type shared stream that would merge the sites).
        /// </summary>
        [Fact]
        public Task InLoopsAndLambdasEachRunTakesTheNextSubStream() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Linq;

            namespace Sim
            {
                class Augment
                {
                    double M(int[] items)
                    {
                        double total = 0;
                        for (int i = 0; i < 3; i++)
                        {
                            var r = {|#0:new Random()|};
                            total += r.NextDouble();
                        }

                        return total + items.Sum(x => {|#1:new Random()|}.Next(x));
                    }
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"), VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random()") },
            """
            using System;
            using System.Linq;
            using SeedAnalyzers;

            namespace Sim
            {
                class Augment
                {
                    double M(int[] items)
                    {
                        double total = 0;
                        for (int i = 0; i < 3; i++)
                        {
                            var r = Determinism.Random("Augment.M.r");
                            total += r.NextDouble();
                        }

                        return total + items.Sum(x => Determinism.Random("Augment.M").Next(x));
                    }
                }
            }
            """);

        /// <summary>
        /// Directly in a concurrent body the order of Determinism.Random's calls would be the thread schedule's: the
        /// stream is taken before the region starts and split per index, or taken for each task before it starts.
        /// </summary>
        [Fact]
        public Task InAConcurrentBodyTheStreamIsTakenBeforeTheRegionStarts() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            class Simulation
            {
                void Run(double[] data, int[] items)
                {
                    Parallel.For(0, data.Length, i =>
                    {
                        var rnd = {|#0:new Random()|};
                        data[i] = rnd.NextDouble();
                    });
                    var noisy = items.AsParallel().Select(x => x + {|#1:new Random()|}.Next(3)).ToArray();
                    Task.Run(() => data[0] = {|#2:new Random()|}.NextDouble()).Wait();
                    Parallel.For(0, data.Length, i =>
                    {
                        for (int k = 0; k < 3; k++)
                        {
                            data[i] += {|#3:new Random()|}.NextDouble();
                        }
                    });
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random()"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("new Random()"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("new Random()"),
            },
            """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using SeedAnalyzers;

            class Simulation
            {
                void Run(double[] data, int[] items)
                {
                    var rndWorkers = Determinism.Random("Simulation.Run.rnd");
                    Parallel.For(0, data.Length, i =>
                    {
                        var rnd = rndWorkers.ForIndex(i);
                        data[i] = rnd.NextDouble();
                    });
                    var randomWorkers = Determinism.Random("Simulation.Run");
                    var noisy = items.AsParallel().Select((x, index) => x + randomWorkers.ForIndex(index).Next(3)).ToArray();
                    var randomForTask = Determinism.Random("Simulation.Run");
                    Task.Run(() => data[0] = randomForTask.NextDouble()).Wait();
                    Parallel.For(0, data.Length, i =>
                    {
                        for (int k = 0; k < 3; k++)
                        {
                            data[i] += Determinism.Random("Simulation.Run").NextDouble();
                        }
                    });
                }
            }
            """);

        /// <summary>Top-level statements are the program's one body: their locals keep "Program.local".</summary>
        [Fact]
        public Task TopLevelLocalsAreNamedAfterTheProgram()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;

                    var random = {|#0:new Random()|};
                    Console.WriteLine(random.Next());
                    """,
                FixedCode = """
                    using System;
                    using SeedAnalyzers;

                    var random = Determinism.Random("Program.random");
                    Console.WriteLine(random.Next());
                    """,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            return test.RunAsync();
        }

        [Fact]
        public Task VarLocalAssignedAnotherRandomLaterStillCompiles() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Trainer
            {
                int M(int seed)
                {
                    var rng = {|#0:new Random()|};
                    rng = new Random(seed);
                    return rng.Next();
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()") },
            """
            using System;
            using SeedAnalyzers;

            class Trainer
            {
                int M(int seed)
                {
                    Random rng = Determinism.Random("Trainer.M.rng");
                    rng = new Random(seed);
                    return rng.Next();
                }
            }
            """);

        [Fact]
        public Task ActivatorAndNestedTypes() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using SeedAnalyzers;

            class Outer
            {
                class Inner
                {
                    object M() => {|#0:Activator.CreateInstance<Random>()|};
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("Activator.CreateInstance<Random>()") },
            """
            using System;
            using SeedAnalyzers;

            class Outer
            {
                class Inner
                {
                    object M() => Determinism.Random("Outer.Inner.M");
                }
            }
            """);

        /// <summary>
        /// Without the runtime every generator the type makes gets a seed of its own from one seeded source: one
        /// constant seed for all would make every instance and every call draw the same numbers.
        /// </summary>
        [Fact]
        public Task WithoutTheRuntimeEachGeneratorGetsASeedOfItsOwn() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Trainer
            {
                private readonly Random _a = {|#0:new Random()|};
                private readonly Random _b = {|#1:new Random()|};

                int Step() => {|#2:new Random()|}.Next();
            }
            """,
            $$"""
            using System;

            class Trainer
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private readonly Random _a = new Random(RandomSeeds.Next());
                private readonly Random _b = new Random(RandomSeeds.Next());

                int Step() => new Random(RandomSeeds.Next()).Next();
            {{SeedSource()}}
            }
            """,
            3);

        [Fact]
        public Task FixAllAcrossDocumentsAddsOneUsingPerDocument()
        {
            var test = new VerifyCS.Test();
            test.TestState.Sources.Add("""
                using System;

                class A
                {
                    Random x = {|#0:new Random()|};
                    Random y = {|#1:new Random()|};
                }
                """);
            test.TestState.Sources.Add("""
                using System;

                class B
                {
                    Random z = {|#2:new Random()|};
                }
                """);
            test.FixedState.Sources.Add("""
                using System;
                using SeedAnalyzers;

                class A
                {
                    Random x = Determinism.Random("A.x");
                    Random y = Determinism.Random("A.y");
                }
                """);
            test.FixedState.Sources.Add("""
                using System;
                using SeedAnalyzers;

                class B
                {
                    Random z = Determinism.Random("B.z");
                }
                """);
            for (int i = 0; i < 3; i++)
            {
                test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(i).WithArguments("new Random()"));
            }

            return test.RunAsync();
        }

        /// <summary>A <c>global using SeedAnalyzers;</c> in another file already imports the runtime: no second using.</summary>
        [Fact]
        public Task NoUsingWhenAGlobalUsingElsewhereImportsTheRuntime()
        {
            var test = new VerifyCS.Test();
            test.TestState.Sources.Add("""
                using System;

                class A
                {
                    Random x = {|#0:new Random()|};
                }
                """);
            test.TestState.Sources.Add("global using SeedAnalyzers;\n");
            test.FixedState.Sources.Add("""
                using System;

                class A
                {
                    Random x = Determinism.Random("A.x");
                }
                """);
            test.FixedState.Sources.Add("global using SeedAnalyzers;\n");
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            return test.RunAsync();
        }

        // The tests below were found by the robustness fuzz test (tests/SeedAnalyzers.Robustness.Tests).

        /// <summary>
        /// A Determinism class of the user's own keeps the runtime's qualified (found by the robustness fuzz test), and no
        /// using is added that nothing needs.
        /// </summary>
        [Fact]
        public Task QualifiesTheRuntimeWhenTheUserHasADeterminismClass() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Trainer
            {
                private readonly Random _rng = {|#0:new Random()|};
            }

            static class Determinism
            {
                public static int Seed(string name) => name.Length;
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()") },
            """
            using System;

            class Trainer
            {
                private readonly Random _rng = SeedAnalyzers.Determinism.Random("Trainer._rng");
            }

            static class Determinism
            {
                public static int Seed(string name) => name.Length;
            }
            """);

        /// <summary>The parts of a partial type share one seed constant and one seed source: a second would not compile.</summary>
        [Fact]
        public Task PartsOfAPartialTypeShareOneSeedSource()
        {
            var test = new VerifyCS.Test
            {
                IncludeRuntime = false,
                TestCode = """
                    using System;

                    partial class Dice
                    {
                        private static Random s_rnd = {|#0:new Random()|};
                    }

                    partial class Dice
                    {
                        public int Draw() => {|#1:new Random()|}.Next();
                    }
                    """,
                FixedCode = $$"""
                    using System;

                    partial class Dice
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        private static Random s_rnd = new Random(RandomSeeds.Next());
                    {{SeedSource()}}
                    }

                    partial class Dice
                    {
                        public int Draw() => new Random(RandomSeeds.Next()).Next();
                    }
                    """,
                BatchFixedCode = $$"""
                    using System;

                    partial class Dice
                    {
                        private static Random s_rnd = new Random(RandomSeeds.Next());
                    }

                    partial class Dice
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        public int Draw() => new Random(RandomSeeds.Next()).Next();
                    {{SeedSource()}}
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random()"));
            return test.RunAsync();
        }

        /// <summary>
        /// A property named RandomSeed, here in another part of the type, would clash with the constant (CS0102): the
        /// constant takes the next free name (found by the robustness fuzz test).
        /// </summary>
        [Fact]
        public Task ARandomSeedPropertyInAnotherPartGetsTheConstantANewName() => VerifyWithoutRuntimeAsync(
            """
            using System;

            partial class TrainingOptions
            {
                public int RandomSeed { get; init; } = 42;

                public Random Initializer() => new Random(RandomSeed);
            }

            partial class TrainingOptions
            {
                private readonly Random _shuffle = {|#0:new Random()|};

                public int Shuffle(int[] items, int RandomSeed2)
                {
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = {|#1:new Random()|}.Next(RandomSeed2);
                    }

                    return items[0];
                }
            }
            """,
            $$"""
            using System;

            partial class TrainingOptions
            {
                public int RandomSeed { get; init; } = 42;

                public Random Initializer() => new Random(RandomSeed);
            }

            partial class TrainingOptions
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed3 = 0;
                private readonly Random _shuffle = new Random(RandomSeeds.Next());

                public int Shuffle(int[] items, int RandomSeed2)
                {
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = new Random(RandomSeeds.Next()).Next(RandomSeed2);
                    }

                    return items[0];
                }
            {{SeedSource("RandomSeed3")}}
            }
            """,
            2);

        /// <summary>
        /// An inherited constant of that name is used as it is; an inherited property or method would be hidden, so
        /// the constant is named RandomSeed2 there, and a nested type of that name clashes like a property.
        /// </summary>
        [Fact]
        public Task InheritedSeedConstantIsUsedAndOtherInheritedMembersAreNotHidden() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Seeded
            {
                protected const int RandomSeed = 7;
            }

            class Configured
            {
                protected virtual int RandomSeed => 1;
            }

            class Reuses : Seeded
            {
                private readonly Random _rng = {|#0:new Random()|};
            }

            class Hides : Configured
            {
                private readonly Random _rng = {|#1:new Random()|};
            }

            class Nests
            {
                private readonly Random _rng = {|#2:new Random()|};

                private sealed class RandomSeed
                {
                }
            }
            """,
            $$"""
            using System;

            class Seeded
            {
                protected const int RandomSeed = 7;
            }

            class Configured
            {
                protected virtual int RandomSeed => 1;
            }

            class Reuses : Seeded
            {
                private readonly Random _rng = new Random(RandomSeeds.Next());
            {{SeedSource()}}
            }

            class Hides : Configured
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed2 = 0;
                private readonly Random _rng = new Random(RandomSeeds.Next());
            {{SeedSource("RandomSeed2")}}
            }

            class Nests
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed2 = 0;
                private readonly Random _rng = new Random(RandomSeeds.Next());

                private sealed class RandomSeed
                {
                }
            {{SeedSource("RandomSeed2")}}
            }
            """,
            3);

        /// <summary>A member of the type already named RandomSeeds keeps its name: the seed source takes the next free one.</summary>
        [Fact]
        public Task TheSeedSourceAvoidsANameInUse() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Trainer
            {
                public int[] RandomSeeds { get; } = { 1, 2 };

                private readonly Random _rng = {|#0:new Random()|};
            }
            """,
            $$"""
            using System;

            class Trainer
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                public int[] RandomSeeds { get; } = { 1, 2 };

                private readonly Random _rng = new Random(RandomSeeds2.Next());
            {{SeedSource(name: "RandomSeeds2")}}
            }
            """,
            1);

        /// <summary>A field added to an interface becomes an abstract property, so no constant-seed fix is offered there.</summary>
        [Fact]
        public Task NoSeedConstantInAnInterface()
        {
            const string source = """
                using System;

                interface ISampler
                {
                    static Random Shared = {|#0:new Random()|};
                }
                """;
            var test = new VerifyCS.Test { IncludeRuntime = false, TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            return test.RunAsync();
        }

        /// <summary>
        /// Right after a statement the parser recovered (a local function missing its ')'), the parser ended that
        /// statement on the fixed statement's first token: <c>new</c> stops the parameter list, <c>Determinism</c> would
        /// continue it. No fix there; the well-formed property still gets its fix (found by the robustness fuzz test).
        /// </summary>
        [Fact]
        public Task NoFixInAStatementRightAfterOneThatWasRecovered()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;
                    using System.Collections.Generic;

                    class Picker
                    {
                        public Random Lazy => {|#0:new Random()|};

                        public T Pick<T>(IReadOnlyList<T> items)
                        {
                            static int Index(int count => {|#1:new Random()|}.Next(count);
                            return items[Index(items.Count)];
                        }
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Collections.Generic;
                    using SeedAnalyzers;

                    class Picker
                    {
                        public Random Lazy => Determinism.Random("Picker.Lazy");

                        public T Pick<T>(IReadOnlyList<T> items)
                        {
                            static int Index(int count => new Random().Next(count);
                            return items[Index(items.Count)];
                        }
                    }
                    """,
                CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("new Random()"));
            test.FixedState.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithSpan(11, 39, 11, 51).WithArguments("new Random()"));
            return test.RunAsync();
        }

        /// <summary>Inside a statement the parser had to recover, the fixed text could parse differently: no fix.</summary>
        [Fact]
        public Task NoFixInsideAStatementWithSyntaxErrors()
        {
            const string source = """
                using System;

                class Program
                {
                    static int Index(int[] items)
                    {
                        return items[{|#0:new Random()|}.Next(items.Length) int];
                    }
                }
                """;
            var test = new VerifyCS.Test { TestCode = source, FixedCode = source, CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            return test.RunAsync();
        }

        /// <summary>The nested seed source the fix adds without the runtime, as a member of a top-level type.</summary>
        internal static string SeedSource(string constant = "RandomSeed", string name = "RandomSeeds", string random = "Random") => $$"""

                // A seed of its own for every generator made in this type, in the order they are made (the lock keeps
                // the source intact when they are made on several threads).
                private static class {{name}}
                {
                    private static readonly {{random}} Source = new {{random}}({{constant}});

                    public static int Next()
                    {
                        lock (Source)
                        {
                            return Source.Next();
                        }
                    }
                }
            """;

        /// <summary>The constant-seed fix of <paramref name="count"/> 'new Random()' marked #0, #1, ...</summary>
        private static Task VerifyWithoutRuntimeAsync(string source, string fixedSource, int count)
        {
            var test = new VerifyCS.Test { IncludeRuntime = false, TestCode = source, FixedCode = fixedSource };
            for (int i = 0; i < count; i++)
            {
                test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(i).WithArguments("new Random()"));
            }

            return test.RunAsync();
        }
    }
}
