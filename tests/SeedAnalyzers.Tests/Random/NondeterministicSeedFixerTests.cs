using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.NondeterministicSeedAnalyzer, SeedAnalyzers.CodeFixes.NondeterministicSeedFixer>;

namespace SeedAnalyzers.Tests
{
    public class NondeterministicSeedFixerTests
    {
        [Fact]
        public Task ReplacesTheSourceWithADerivedSeed() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Trainer
            {
                Random M()
                {
                    long seed = {|#0:DateTime.Now.Ticks|};
                    var shuffler = new Random({|#4:(int)seed|});
                    var named = new Random((int)({|#3:DateTime.UtcNow.Ticks|} % 1000));
                    return new Random({|#1:Environment.TickCount|} ^ {|#2:Environment.ProcessId|});
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(4).WithLocation(0).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through 'seed'"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.ProcessId", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", ""),
            },
            """
            using System;
            using SeedAnalyzers;

            class Trainer
            {
                Random M()
                {
                    long seed = Determinism.SeedFor("Trainer.seed");
                    var shuffler = new Random((int)seed);
                    var named = new DeterministicRandom(Determinism.SeedFor("Trainer.named"));
                    return new DeterministicRandom(Determinism.SeedFor("Trainer.M"));
                }
            }
            """);

        [Fact]
        public Task InitializeGetsTheDefaultSeed() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using SeedAnalyzers;

            class Program
            {
                static void Main()
                {
                    Determinism.Initialize({|#0:Environment.TickCount|});
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "Determinism.Initialize(...)", "") },
            """
            using System;
            using SeedAnalyzers;

            class Program
            {
                static void Main()
                {
                    Determinism.Initialize(Determinism.DefaultSeed);
                }
            }
            """);

        // The fix rewrites the source wherever the trace found it: a constructor initializer, a field initializer, a local.
        [Fact]
        public Task RewritesSourcesFoundAcrossMembers() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;

            class Dice
            {
                private static int _seed = {|#10:Environment.TickCount|};
                private static readonly ThreadLocal<Random> Local = new ThreadLocal<Random>(() => new Random({|#1:Interlocked.Increment(ref _seed)|}));
                private readonly Random _random;

                public Dice() : this({|#0:Environment.TickCount|}) { }

                public Dice(int seed) { _random = new Random(seed); }

                public static Dice Roll()
                {
                    long ticks = {|#2:DateTime.UtcNow.Ticks|};
                    return new Dice((int)ticks);
                }
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'Dice(seed)'"),
                VerifyCS.Diagnostic().WithLocation(1).WithLocation(10).WithArguments("Environment.TickCount", "new Random(...)", " through '_seed'"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", " through 'ticks' -> 'Dice(seed)'"),
            },
            """
            using System;
            using System.Threading;
            using SeedAnalyzers;

            class Dice
            {
                private static int _seed = Determinism.SeedFor("Dice._seed");
                private static readonly ThreadLocal<Random> Local = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));
                private readonly Random _random;

                public Dice() : this(Determinism.SeedFor("Dice.Dice")) { }

                public Dice(int seed) { _random = new Random(seed); }

                public static Dice Roll()
                {
                    long ticks = Determinism.SeedFor("Dice.ticks");
                    return new Dice((int)ticks);
                }
            }
            """);

        // A parameter the body fills from the clock when the caller gives none: the fallback becomes a derived seed, and
        // the caller's seed still wins when one is given.
        [Fact]
        public Task RewritesTheFallbackOfAParameterTheBodyFills() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Sim
            {
                private readonly Random _random;

                public Sim(int seed)
                {
                    if (seed == 0)
                    {
                        seed = {|#10:Environment.TickCount|};
                    }

                    _random = new Random({|#0:seed|});
                }
            }
            """,
            new[] { VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("Environment.TickCount", "new Random(...)", " through 'seed'") },
            """
            using System;
            using SeedAnalyzers;

            class Sim
            {
                private readonly Random _random;

                public Sim(int seed)
                {
                    if (seed == 0)
                    {
                        seed = Determinism.SeedFor("Sim.seed");
                    }

                    _random = new Random(seed);
                }
            }
            """);

        // Sources the forward trace finds where they are stored: a local assigned later, a field set in one method and
        // handed on in another. Each is reported and rewritten at the source, named after what holds it.
        [Fact]
        public Task RewritesSourcesFollowedFromWhatHoldsThem() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Sim
            {
                private Random _random = new Random(1);
                private long _started;

                public void FromInt(int seed) { _random = new Random(seed); }

                public void Start()
                {
                    _started = {|#1:DateTime.Now.Ticks|};
                    long later;
                    later = {|#0:Environment.TickCount64|};
                    FromInt((int)later);
                }

                public void Restart() => FromInt((int)_started);
            }
            """,
            new[]
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount64", "new Random(...)", " through 'later' -> 'FromInt(seed)'"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through '_started' -> 'FromInt(seed)'"),
            },
            """
            using System;
            using SeedAnalyzers;

            class Sim
            {
                private Random _random = new Random(1);
                private long _started;

                public void FromInt(int seed) { _random = new Random(seed); }

                public void Start()
                {
                    _started = Determinism.SeedFor("Sim._started");
                    long later;
                    later = Determinism.SeedFor("Sim.later");
                    FromInt((int)later);
                }

                public void Restart() => FromInt((int)_started);
            }
            """);

        [Fact]
        public Task FixesMLNetSeeds()
        {
            var test = new VerifyCS.Test
            {
                IncludeMLNet = true,
                TestCode = """
                    using System;
                    using Microsoft.ML;

                    class Training
                    {
                        MLContext M() => new MLContext(seed: {|#0:Environment.TickCount|});
                    }
                    """,
                FixedCode = """
                    using System;
                    using Microsoft.ML;
                    using SeedAnalyzers;

                    class Training
                    {
                        MLContext M() => new MLContext(seed: Determinism.SeedFor("Training.M"));
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new MLContext(...)", ""));
            return test.RunAsync();
        }

        [Fact]
        public Task WithoutTheRuntimeEachRunGetsASeedOfItsOwn()
        {
            // Each call of M made a generator with a seed of its own; one constant would make them all draw alike.
            var test = new VerifyCS.Test
            {
                IncludeRuntime = false,
                TestCode = """
                    using System;

                    class Trainer
                    {
                        Random M() => new Random({|#0:Guid.NewGuid().GetHashCode()|});
                    }
                    """,
                FixedCode = $$"""
                    using System;

                    class Trainer
                    {
                        // Fixed seed. Reference the SeedAnalyzers runtime to derive seeds from a master seed (SEED).
                        private const int RandomSeed = 0;
                        Random M() => new Random(RandomSeeds.Next());
                    {{UnseededRandomFixerTests.SeedSource()}}
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", ""));
            return test.RunAsync();
        }
    }
}
