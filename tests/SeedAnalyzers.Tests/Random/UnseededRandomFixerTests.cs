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
                    var local = Determinism.Random("Trainer.local");
                    Random assigned;
                    assigned = Determinism.Random("Trainer.assigned");
                    return local.Next() + assigned.Next();
                }
            }
            """);

        [Fact]
        public Task InLoopsAndLambdasDrawsFromTheTypesSharedStream() => VerifyCS.VerifyCodeFixAsync("""
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
                            var r = Determinism.Shared("Augment");
                            total += r.NextDouble();
                        }

                        return total + items.Sum(x => Determinism.Shared("Augment").Next(x));
                    }
                }
            }
            """);

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
                    Random rng = Determinism.Random("Trainer.rng");
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

        [Fact]
        public Task WithoutTheRuntimeSeedsWithANamedConstant() => VerifyWithoutRuntimeAsync(
            """
            using System;

            class Trainer
            {
                private readonly Random _a = {|#0:new Random()|};
                private readonly Random _b = {|#1:new Random()|};
            }
            """,
            """
            using System;

            class Trainer
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed = 0;
                private readonly Random _a = new Random(RandomSeed);
                private readonly Random _b = new Random(RandomSeed);
            }
            """,
            2);

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

        /// <summary>The parts of a partial type share one seed constant: a second one would not compile.</summary>
        [Fact]
        public Task PartsOfAPartialTypeShareOneSeedConstant()
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
                FixedCode = """
                    using System;

                    partial class Dice
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        private static Random s_rnd = new Random(RandomSeed);
                    }

                    partial class Dice
                    {
                        public int Draw() => new Random(RandomSeed).Next();
                    }
                    """,
                BatchFixedCode = """
                    using System;

                    partial class Dice
                    {
                        private static Random s_rnd = new Random(RandomSeed);
                    }

                    partial class Dice
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        public int Draw() => new Random(RandomSeed).Next();
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
            """
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
                private readonly Random _shuffle = new Random(RandomSeed3);

                public int Shuffle(int[] items, int RandomSeed2)
                {
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = new Random(RandomSeed3).Next(RandomSeed2);
                    }

                    return items[0];
                }
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
                private readonly Random _rng = new Random(RandomSeed);
            }

            class Hides : Configured
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed2 = 0;
                private readonly Random _rng = new Random(RandomSeed2);
            }

            class Nests
            {
                // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                private const int RandomSeed2 = 0;
                private readonly Random _rng = new Random(RandomSeed2);

                private sealed class RandomSeed
                {
                }
            }
            """,
            3);

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
