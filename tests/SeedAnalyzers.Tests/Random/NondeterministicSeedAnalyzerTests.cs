using System.Threading.Tasks;
using Xunit;
using VerifyCS = SeedAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SeedAnalyzers.Analyzers.NondeterministicSeedAnalyzer>;

namespace SeedAnalyzers.Tests
{
    public class NondeterministicSeedAnalyzerTests
    {
        [Fact]
        public Task FlagsEachSourceAtTheSourceExpression() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.Security.Cryptography;

            class Seeds
            {
                void M(object o, string s)
                {
                    var r1 = new Random({|#0:Environment.TickCount|});
                    var r2 = new Random((int){|#1:Environment.TickCount64|});
                    var r3 = new Random((int){|#2:DateTime.Now.Ticks|});
                    var r4 = new Random({|#3:DateTimeOffset.UtcNow.Millisecond|});
                    var r5 = new Random((int){|#4:Stopwatch.GetTimestamp()|});
                    var r6 = new Random({|#5:Guid.NewGuid().GetHashCode()|});
                    var r7 = new Random({|#6:s.GetHashCode()|});
                    var r8 = new Random({|#7:o.GetHashCode()|});
                    var r9 = new Random({|#8:HashCode.Combine(1, 2)|});
                    var r10 = new Random({|#9:Environment.ProcessId|});
                    var r11 = new Random({|#10:RandomNumberGenerator.GetInt32(1000)|});
                    var r12 = new Random({|#11:Random.Shared.Next()|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount64", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.Now.Ticks", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTimeOffset.UtcNow.Millisecond", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("Stopwatch.GetTimestamp()", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("s.GetHashCode()", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("o.GetHashCode()", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(8).WithArguments("HashCode.Combine(1, 2)", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(9).WithArguments("Environment.ProcessId", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(10).WithArguments("RandomNumberGenerator.GetInt32(1000)", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(11).WithArguments("Random.Shared.Next()", "new Random(...)", ""));

        // The rule reads only blocks whose text spells a generator creation; these are every spelling it must not miss.
        [Fact]
        public Task EverySpellingOfTheCreationIsFound() => new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    global using Rng = System.Random;
                    """,
                    """
                    using System;
                    using R = System.Random;
                    using SeedAnalyzers;

                    class Seeds
                    {
                        private Random _field;
                        private DeterministicRandom _det;

                        void M()
                        {
                            var a = new R({|#0:Environment.TickCount|});
                            var b = new Rng({|#1:Environment.TickCount|});
                            var c = new System.Random({|#2:Environment.TickCount|});
                            var d = new global::System.Random({|#3:Environment.TickCount|});
                            _field = new({|#4:Environment.TickCount|});
                            _field = new
                                ({|#5:Environment.TickCount|});
                            _det = new /* seeded */ ({|#6:Environment.TickCount|});
                            var e = new R\u0061ndom({|#7:Environment.TickCount|});
                        }
                    }
                    """,
                },
            },
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(5).WithArguments("Environment.TickCount", "new Random(...)", ""),
                VerifyCS.Diagnostic().WithLocation(6).WithArguments("Environment.TickCount", "new DeterministicRandom(...)", ""),
                VerifyCS.Diagnostic().WithLocation(7).WithArguments("Environment.TickCount", "new Random(...)", ""),
            },
        }.RunAsync();

        [Fact]
        public Task FollowsLocalsArithmeticAndCastsAndNamesThePath() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using SeedAnalyzers;

            class Seeds
            {
                void M(int offset)
                {
                    long seed = {|#10:DateTime.UtcNow.Ticks|};
                    int mixed = (int)(seed % 100_000) + offset * 31;
                    var rng = new Random({|#0:mixed|});

                    var det = new DeterministicRandom({|#1:Environment.TickCount|} ^ 0x5bd1e995);
                    int fromTime = 0;
                    fromTime = {|#12:Environment.TickCount|};
                    Determinism.Initialize({|#2:fromTime|});
                }
            }
            """,
            // A source in another statement is reported on the seed argument, with the source as the additional location.
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", " through 'seed' -> 'mixed'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new DeterministicRandom(...)", ""),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(12).WithArguments("Environment.TickCount", "Determinism.Initialize(...)", " through 'fromTime'"));

        [Fact]
        public Task IgnoresDeterministicSeeds() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using SeedAnalyzers;

            record Config(int Seed);

            class Seeds
            {
                private const int Seed = 42;

                void M(int seedArgument, Config config, string s)
                {
                    const int local = 7;
                    var a = new Random(Seed);
                    var b = new Random(local * 3 + 1);
                    var c = new Random(seedArgument);
                    var d = new Random(config.Seed);
                    var e = new Random(config.GetHashCode());
                    var f = new DeterministicRandom(Determinism.SeedFor("Seeds.f"));
                    Determinism.Initialize(Determinism.DefaultSeed);
                    var g = new Random(s.Length);
                    var h = new Random(42.GetHashCode());
                    long ticks = DateTime.Now.Ticks;
                    var i = new Random(Seed);
                }
            }
            """);

        [Fact]
        public Task EditorconfigAddsAProjectsOwnSources()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;

                    namespace App
                    {
                        static class Clock { public static long Now => 0; }
                        static class Ids { public static int Next() => 1; public static int Fixed() => 2; }

                        class Seeds
                        {
                            void M()
                            {
                                var a = new Random((int){|#0:Clock.Now|});
                                int id = {|#11:Ids.Next()|};
                                var b = new Random({|#1:id|});
                                var c = new Random(Ids.Fixed());
                            }
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nseedanalyzers.SEED003.additional_sources = App.Clock.Now, App.Ids.Next\n"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Clock.Now", "new Random(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithLocation(11).WithArguments("Ids.Next()", "new Random(...)", " through 'id'"));
            return test.RunAsync();
        }

        // A project's own sources set in a global config (is_global) or for one file only: whether any file sets them is
        // asked once per distinct option set, so the file that sets them must be found after one that does not, and a
        // global value must count; the forward trace (a source handed to the compilation's own code) follows them too.
        [Fact]
        public Task ConfiguredSourcesCountFromOneFileOrTheGlobalConfig()
        {
            const string dice = """
                using System;

                namespace App
                {
                    static class Clock { public static long Now => 0; }

                    class Dice
                    {
                        private readonly Random _random;

                        public Dice(int seed) { _random = new Random(seed); }
                    }
                }
                """;
            var oneFile = new VerifyCS.Test
            {
                TestState =
                {
                    Sources =
                    {
                        ("/0/Quiet.cs", dice + "\nnamespace App { class Quiet { Dice Make() => new Dice((int)Clock.Now); } }\n"),
                        ("/0/Loud.cs", "namespace App { class Loud { Dice Make() => new Dice((int){|#0:Clock.Now|}); } }\n"),
                    },
                    AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n\n[Loud.cs]\nseedanalyzers.SEED003.additional_sources = App.Clock.Now\n") },
                },
            };
            oneFile.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Clock.Now", "new Random(...)", " through 'Dice(seed)'"));

            var global = new VerifyCS.Test
            {
                TestState =
                {
                    Sources = { dice + "\nnamespace App { class Loud { Dice Make() => new Dice((int){|#0:Clock.Now|}); } }\n" },
                    AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\nseedanalyzers.SEED003.additional_sources = App.Clock.Now\n") },
                },
            };
            global.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Clock.Now", "new Random(...)", " through 'Dice(seed)'"));
            return Task.WhenAll(oneFile.RunAsync(), global.RunAsync());
        }

        // Issue 15's first example: the clock seed travels through a constructor chain.
        [Fact]
        public Task FollowsConstructorChains() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Dice
            {
                private readonly Random _random;

                public Dice() : this({|#0:Environment.TickCount|}) { }

                public Dice(int seed) { _random = new Random(seed); }
            }

            class Splitter
            {
                private readonly Random _rng;

                public Splitter(double fraction) : this(fraction, {|#1:DateTime.Now.Millisecond|}) { }

                public Splitter(double fraction, int seed)
                {
                    Fraction = fraction;
                    int mixed = seed * 31;
                    _rng = new Random(mixed);
                }

                public double Fraction { get; }
            }

            class Agent
            {
                protected Agent(int seed) { Rng = new Random(seed); }

                protected Random Rng { get; }
            }

            class Bot : Agent
            {
                public Bot() : base({|#2:Guid.NewGuid().GetHashCode()|}) { }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'Dice(seed)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.Now.Millisecond", "new Random(...)", " through 'Splitter(seed)' -> 'mixed'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", " through 'Agent(seed)'"));

        [Fact]
        public Task FollowsArgumentsIntoMethodsAndTheFieldsTheySet() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using SeedAnalyzers;

            class Simulation
            {
                private readonly int _seed;

                public Simulation(int seed) { _seed = seed; }

                public Random Make() => new Random(_seed);
            }

            class Program
            {
                static void Setup(int seed) => Configure(seed + 1);

                static void Configure(int seed) => Determinism.Initialize(seed);

                static void Main()
                {
                    var simulation = new Simulation({|#0:Environment.TickCount|});
                    long ticks = {|#1:DateTime.UtcNow.Ticks|};
                    var other = new Simulation((int)ticks);
                    Setup({|#2:Environment.ProcessId|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'Simulation(seed)' -> '_seed'"),
            // A source in another statement is reported at the source too, the path naming the local it passes.
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", " through 'ticks' -> 'Simulation(seed)' -> '_seed'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.ProcessId", "Determinism.Initialize(...)", " through 'Setup(seed)' -> 'Configure(seed)'"));

        // The forward trace's shortcuts (issue 15's cost): it starts from the source, and parameters are judged by type
        // before anything is bound. Each shape here must still be found, every time.
        [Fact]
        public Task ForwardTraceKeepsEveryShapeItsShortcutsCouldDrop() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Sim
            {
                private static readonly long Start = {|#5:DateTime.Now.Ticks|};
                private Random _random = new Random(1);

                public void FromTime(DateTime at) { _random = new Random(at.Millisecond); }

                public void FromBox(object seed) { _random = new Random((int)seed); }

                public void FromAny<T>(T seed) where T : struct { _random = new Random(Convert.ToInt32(seed)); }

                public void FromSeeds(uint[] state) { var twister = new Twister(state); }

                public void FromInt(int seed) { _random = new Random(seed); }

                public void Log(string text) { }

                void M()
                {
                    FromTime({|#0:DateTime.Now|});
                    FromBox({|#1:Environment.TickCount|});
                    FromAny({|#2:Environment.TickCount|});
                    FromSeeds(new uint[] { (uint){|#7:Environment.TickCount|} });
                    DateTime now = {|#3:DateTime.Now|};
                    int first = now.Millisecond;
                    int second = first * 7;
                    FromInt(second);
                    FromInt(second);
                    FromInt((int)Start);
                    int quiet = 42;
                    int stillQuiet = quiet + 1;
                    FromInt(stillQuiet);
                    FromInt(stillQuiet);
                    Log(DateTime.Now.ToString());
                }

                void N()
                {
                    FromInt((int)Start);
                }
            }

            class Twister
            {
                public Twister(uint[] seeds) { }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", "new Random(...)", " through 'FromTime(at)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new Random(...)", " through 'FromBox(seed)'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.TickCount", "new Random(...)", " through 'FromAny(seed)'"),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("Environment.TickCount", "new Twister(...)", " through 'FromSeeds(state)'"),
            // One report per source, at the source, however many calls it reaches.
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTime.Now", "new Random(...)", " through 'now' -> 'first' -> 'second' -> 'FromInt(seed)'"),
            // A field initialized from a source: reported at the initializer, where the trace starts and the fix goes.
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through 'Start' -> 'FromInt(seed)'"));

        // The forward trace starts at the source (issue 15's cost: sources are few, calls many), so it follows whatever holds
        // the source on the way to a call: a local assigned later, a field of the type set in one method and handed on in
        // another (reported at the source, the member being analyzed), an array the callee reads by element. The same
        // shapes with a constant, or a clock that only times or logs, stay silent.
        [Fact]
        public Task SourcesAreFollowedFromWhatHoldsThem() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Sim
            {
                private Random _random = new Random(1);
                private long _started;
                private long _fixed;
                private DateTime _logged;

                public void FromInt(int seed) { _random = new Random(seed); }

                public void FromArray(long[] state) { _random = new Random((int)state[0]); }

                public void Log(DateTime at) { Console.WriteLine(at); }

                public void Start()
                {
                    _started = {|#1:DateTime.Now.Ticks|};
                    _fixed = 42;
                    _logged = DateTime.Now;
                    long later;
                    later = {|#0:Environment.TickCount64|};
                    FromInt((int)later);
                    FromArray(new[] { {|#2:DateTime.UtcNow.Ticks|} });
                    FromArray(new[] { 7L });
                    long constant;
                    constant = 5;
                    FromInt((int)constant);
                    Log(DateTime.Now);
                }

                public void Restart()
                {
                    FromInt((int)_started);
                    FromInt((int)_fixed);
                    Log(_logged);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount64", "new Random(...)", " through 'later' -> 'FromInt(seed)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through '_started' -> 'FromInt(seed)'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.UtcNow.Ticks", "new Random(...)", " through 'FromArray(state)'"));

        // Seed bytes packed from the clock and a GUID (BitConverter.GetBytes, Buffer.BlockCopy into the seed array) by a
        // private helper whose return value seeds a generator of the project's own when the caller gives none: the bytes
        // are followed through the copy and the return to the helper's callers. Negatives: bytes copied from a constant
        // array, a private helper returning the clock for a log line, a public helper (callers anywhere, not followed).
        [Fact]
        public Task SeedBytesCopiedAndReturnedAreFollowed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class HashGenerator
            {
                private byte[] _state = new byte[0];

                public HashGenerator() : this(null) { }

                public HashGenerator(byte[] seed)
                {
                    if (seed == null)
                    {
                        seed = MakeSeed();
                    }

                    Reseed(seed);
                    Reseed(FixedSeed());
                    Console.WriteLine(Stamp());
                    Reseed(PublicSeed());
                }

                public void Reseed(byte[] seed) { _state = seed; }

                private byte[] MakeSeed()
                {
                    byte[] time = BitConverter.GetBytes({|#0:DateTime.UtcNow.Ticks|});
                    byte[] id = {|#1:Guid.NewGuid().ToByteArray()|};
                    byte[] seed = new byte[time.Length + id.Length];
                    Buffer.BlockCopy(time, 0, seed, 0, time.Length);
                    Array.Copy(id, 0, seed, time.Length, id.Length);
                    return seed;
                }

                private byte[] FixedSeed()
                {
                    byte[] bytes = { 1, 2, 3, 4 };
                    byte[] seed = new byte[4];
                    Buffer.BlockCopy(bytes, 0, seed, 0, 4);
                    return seed;
                }

                private long Stamp() => DateTime.UtcNow.Ticks;

                public byte[] PublicSeed() => BitConverter.GetBytes(DateTime.Now.Ticks);

                // A helper's return depends on its argument: the clock handed to it for a log line does not make the
                // seed it computes for another caller a clock seed.
                private static byte[] Widen(long value) => BitConverter.GetBytes(value * 31);

                public void Log() => Console.WriteLine(Widen(DateTime.Now.Ticks).Length);

                public void FromConstant() => Reseed(Widen(42));
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("DateTime.UtcNow.Ticks", "HashGenerator.Reseed(...)", " through 'time' -> 'seed' -> 'MakeSeed()' -> 'seed'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Guid.NewGuid().ToByteArray()", "HashGenerator.Reseed(...)", " through 'id' -> 'seed' -> 'MakeSeed()' -> 'seed'"));

        // A parameter the body itself fills from the clock when the caller gives none: Encog's MultiplyWithCarry
        // (seeds = new long[] { Environment.TickCount }; then seeds[0] handed to a generator), and the common
        // "if (seed == 0) seed = Environment.TickCount". A parameter only reassigned from itself stays silent.
        [Fact]
        public Task ParametersTheBodyFillsFromASourceAreFollowed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Lcg
            {
                private readonly Random _random;

                public Lcg(long seed) { _random = new Random((int)seed); }
            }

            class MultiplyWithCarry
            {
                public MultiplyWithCarry(long[] seeds, long[] data)
                {
                    if (seeds == null || seeds.Length == 0)
                    {
                        seeds = new long[] { {|#0:Environment.TickCount|} };
                    }

                    var rnd = new Lcg(seeds[0]);
                    var other = new Lcg(data[0]);
                }
            }

            class Sim
            {
                private Random _random = new Random(1);

                public Sim(int seed)
                {
                    if (seed == 0)
                    {
                        seed = {|#11:Environment.TickCount|};
                    }

                    _random = new Random({|#1:seed|});
                }

                public void Reset(int seed)
                {
                    if (seed < 0)
                    {
                        seed = -seed;
                    }

                    _random = new Random(seed);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'seeds' -> 'Lcg(seed)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithLocation(11).WithArguments("Environment.TickCount", "new Random(...)", " through 'seed'"));

        // Issue 15's third example: a static field seeded from the clock, incremented per thread.
        [Fact]
        public Task FollowsFieldsWhoseEveryAssignmentIsKnown() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            static class ThreadRandom
            {
                private static int _seed = {|#10:Environment.TickCount|};

                private static readonly ThreadLocal<Random> Local = new ThreadLocal<Random>(() => new Random({|#0:Interlocked.Increment(ref _seed)|}));
            }

            class Population
            {
                private int _seed;
                private Random _rng;

                private int Seed { get; } = {|#12:Guid.NewGuid().GetHashCode()|};

                public Population()
                {
                    _seed = (int){|#11:DateTime.Now.Ticks|};
                }

                public void Reset()
                {
                    _rng = new Random({|#1:_seed|});
                    _rng = new Random({|#2:Seed|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("Environment.TickCount", "new Random(...)", " through '_seed'"),
            VerifyCS.Diagnostic().WithLocation(1).WithLocation(11).WithArguments("DateTime.Now.Ticks", "new Random(...)", " through '_seed'"),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(12).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", " through 'Seed'"));

        [Fact]
        public Task FollowsReturnsAndValueFunctions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Seeds
            {
                private static int NewSeed() => {|#10:Environment.TickCount|};

                void M()
                {
                    var a = new Random({|#0:NewSeed()|});
                    var b = new Random(Math.Abs({|#1:Guid.NewGuid().GetHashCode()|}));
                    DateTime now = {|#12:DateTime.Now|};
                    var c = new Random({|#2:now.Millisecond|});
                    var d = new Random(Convert.ToInt32({|#3:DateTime.Now.Ticks|} % 1000));
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("Environment.TickCount", "new Random(...)", " through 'NewSeed()'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", ""),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(12).WithArguments("DateTime.Now", "new Random(...)", " through 'now'"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTime.Now.Ticks", "new Random(...)", ""));

        // Issue 15: every new path has negatives (constant seeds down the same shapes, ThreadLocal from a constant base,
        // locks, clocks used for timestamps and timeouts, members a consumer may set).
        [Fact]
        public Task IgnoresConstantSeedsAndClocksThatAreNotSeeds() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class Dice
            {
                private readonly Random _random;

                public Dice() : this(42) { }

                public Dice(int seed) { _random = new Random(seed); }
            }

            static class ThreadRandom
            {
                private static int _seed = 1234;

                private static readonly ThreadLocal<Random> Local = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));
            }

            class Job
            {
                private readonly object _gate = new object();
                private readonly Random _rng = new Random(7);
                private DateTime _created;
                private int _deadline;

                public Job(DateTime created, int timeoutMs)
                {
                    _created = created;
                    _deadline = Environment.TickCount + timeoutMs;
                }

                public bool Expired() => Environment.TickCount > _deadline;

                public void Touch()
                {
                    lock (_gate)
                    {
                        _created = DateTime.Now;
                    }
                }

                public TimeSpan Age => DateTime.Now - _created;
            }

            class Options
            {
                // Public and settable: the consumer may set it before use, so the default is not followed.
                public int Seed = Environment.TickCount;

                public Random Make() => new Random(Seed);
            }

            class Program
            {
                static void Log(DateTime when, string message) => Console.WriteLine($"{when:O} {message}");

                static void Wait(int deadline)
                {
                    while (Environment.TickCount < deadline)
                    {
                        Thread.Sleep(1);
                    }
                }

                static void Main()
                {
                    var dice = new Dice(7);
                    var job = new Job(DateTime.Now, 5000);
                    Log(DateTime.UtcNow, "start");
                    Wait(Environment.TickCount + 1000);
                    int start = Environment.TickCount;
                    Log(DateTime.Now, (Environment.TickCount - start).ToString());
                }
            }
            """);

        // A hash taken inside a GetHashCode override is that override's result: the forward trace does not start there,
        // even where the override hands it to a helper whose parameter is named as a seed. The same call in an ordinary
        // method is followed, and a seed inside the override is still traced back from the seed.
        [Fact]
        public Task HashCodesTakenInsideGetHashCodeOverridesAreNotFollowedForward() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Key
            {
                private readonly string _name = "k";
                private readonly object _tag = new object();

                public override bool Equals(object obj) => obj is Key other && other._name == _name;

                public override int GetHashCode()
                {
                    int hash = 17;
                    hash = hash * 31 + _name.GetHashCode();
                    hash = Mix(hash, _tag.GetHashCode());
                    return Mix(hash, HashCode.Combine(_name, _tag)) + new Random({|#1:_name.GetHashCode()|}).Next(2);
                }

                public int Draw() => Mix(0, {|#0:_name.GetHashCode()|});

                private static int Mix(int hash, int seed) => new Random(seed).Next() ^ hash;
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("_name.GetHashCode()", "new Random(...)", " through 'Mix(seed)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("_name.GetHashCode()", "new Random(...)", ""));

        [Fact]
        public Task FlagsMLNetSeeds()
        {
            var test = new VerifyCS.Test
            {
                IncludeMLNet = true,
                TestCode = """
                    using System;
                    using Microsoft.ML;
                    using Microsoft.ML.Trainers.FastTree;

                    class Training
                    {
                        void M(IDataView data)
                        {
                            var ml = new MLContext(seed: {|#0:Environment.TickCount|});
                            var split = ml.Data.TrainTestSplit(data, 0.2, seed: {|#1:DateTime.Now.Millisecond|});
                            var shuffled = ml.Data.ShuffleRows(data, seed: {|#2:Guid.NewGuid().GetHashCode()|});
                            var pipeline = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { Seed = {|#3:Environment.TickCount|} });
                            var results = ml.BinaryClassification.CrossValidate(data, pipeline, seed: {|#4:Environment.TickCount|});
                            var options = new FastTreeRegressionTrainer.Options();
                            options.Seed = (int){|#5:DateTime.UtcNow.Ticks|};

                            var fixedContext = new MLContext(seed: 1);
                            var fixedSplit = ml.Data.TrainTestSplit(data, 0.2, seed: 7);
                            var defaulted = ml.Data.TrainTestSplit(data);
                            var fixedOptions = new FastTreeBinaryTrainer.Options { Seed = 3 };
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new MLContext(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.Now.Millisecond", "DataOperationsCatalog.TrainTestSplit(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(2).WithArguments("Guid.NewGuid().GetHashCode()", "DataOperationsCatalog.ShuffleRows(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(3).WithArguments("Environment.TickCount", "TreeOptions.Seed", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(4).WithArguments("Environment.TickCount", "BinaryClassificationCatalog.CrossValidate(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(5).WithArguments("DateTime.UtcNow.Ticks", "TreeOptions.Seed", ""));
            return test.RunAsync();
        }

        [Fact]
        public Task FlagsMathNetSeeds()
        {
            var test = new VerifyCS.Test
            {
                IncludeMathNet = true,
                TestCode = """
                    using System;
                    using MathNet.Numerics.Random;

                    class Sampling
                    {
                        private readonly int _seed;

                        public Sampling() : this({|#3:Environment.TickCount|}) { }

                        public Sampling(int seed) { _seed = seed; }

                        void M()
                        {
                            var a = new MersenneTwister({|#0:Environment.TickCount|});
                            var b = new Xorshift({|#1:RandomSeed.Robust()|});
                            var c = new SystemRandomSource({|#2:DateTime.Now.Millisecond|}, threadSafe: true);
                            var d = new MersenneTwister(_seed);
                            var e = new MersenneTwister(42);
                            var f = new Mcg59(a.Next());
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new MersenneTwister(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("RandomSeed.Robust()", "new Xorshift(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.Now.Millisecond", "new SystemRandomSource(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(3).WithArguments("Environment.TickCount", "new MersenneTwister(...)", " through 'Sampling(seed)' -> '_seed'"));
            return test.RunAsync();
        }

        [Fact]
        public Task PartialCodeAcrossMembersDoesNotCrash() => VerifyCS.VerifyPartialCodeAsync("""
            using System;
            using System.Threading;

            class Dice
            {
                private static int _seed = Environment.
                public Dice() : this(Environment.TickCount { }
                public Dice(int seed) { _random = new Random(seed }
                public Dice(string name) : this(DateTime.Now.Millisecond, ) { }
                void M() => new Random(Interlocked.Increment(ref _seed));
                void N() => Setup({|#0:Environment.TickCount|});
                void Setup(int seed) => new Random(seed
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'Setup(seed)'"));

        // Encog's generators: public MersenneTwisterGenerateRandom() : this((uint)Environment.TickCount).
        [Fact]
        public Task ParametersAndLibraryMembersNamedAsSeedsAreSinks()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;
                    using Lib;

                    class MersenneTwister
                    {
                        private readonly uint[] _state = new uint[624];

                        public MersenneTwister() : this((uint){|#0:Environment.TickCount|}) { }

                        public MersenneTwister(uint seed) { _state[0] = seed; }
                    }

                    class MultiplyWithCarry
                    {
                        public MultiplyWithCarry() : this(new long[] { {|#3:Environment.TickCount|} }, 64) { }

                        public MultiplyWithCarry(long[] seeds, int r) { }
                    }

                    class Program
                    {
                        public int Seed { get; set; }

                        void M()
                        {
                            var sampler = new Sampler({|#1:Environment.TickCount|});
                            Sampler.Seed = {|#2:DateTime.Now.Millisecond|};
                            Seed = Environment.TickCount;
                            var fixedSampler = new Sampler(42);
                            var timed = new Sampler(1, timeoutMs: Environment.TickCount);
                        }
                    }
                    """,
            };
            AddLibrary(test, "namespace Lib { public class Sampler { public Sampler(int randomSeed, int timeoutMs = 0) { } public static int Seed { get; set; } } }");
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "MersenneTwister(seed)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount", "new Sampler(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.Now.Millisecond", "Sampler.Seed", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(3).WithArguments("Environment.TickCount", "MultiplyWithCarry(seeds)", ""));
            return test.RunAsync();
        }

        // The source callbacks look at the type of the value first (an int, a long, a DateTime or DateTimeOffset, a Guid, a
        // Random, an array, nothing): one source of each kind, each handed to the compilation's own constructor.
        [Fact]
        public Task SourcesOfEveryValueTypeAreFollowedForward() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.Security.Cryptography;

            class Sim
            {
                private readonly Random _random;

                public Sim(long seed) { _random = new Random((int)seed); }
            }

            class Clock
            {
                public static int GetTimestamp() => 7;
                public int Now => 3;
            }

            class Program
            {
                void M(string name, Clock clock)
                {
                    var hash = new HashCode();
                    hash.Add(name);
                    new Sim({|#0:Environment.TickCount|});
                    new Sim({|#1:Environment.TickCount64|});
                    new Sim({|#2:DateTime.Today.Ticks|});
                    new Sim({|#3:DateTimeOffset.UtcNow.Ticks|});
                    new Sim({|#4:Random.Shared.Next()|});
                    new Sim({|#5:Guid.NewGuid().GetHashCode()|});
                    new Sim({|#6:hash.ToHashCode()|});
                    new Sim({|#7:Stopwatch.GetTimestamp()|});
                    new Sim(BitConverter.ToInt64({|#8:RandomNumberGenerator.GetBytes(8)|}, 0));
                    new Sim({|#9:Environment.ProcessId|});
                    new Sim(Clock.GetTimestamp());
                    new Sim(clock.Now);
                    new Sim(name.Length);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Environment.TickCount", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Environment.TickCount64", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("DateTime.Today.Ticks", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("DateTimeOffset.UtcNow.Ticks", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("Random.Shared.Next()", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("Guid.NewGuid().GetHashCode()", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(6).WithArguments("hash.ToHashCode()", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(7).WithArguments("Stopwatch.GetTimestamp()", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(8).WithArguments("RandomNumberGenerator.GetBytes(8)", "new Random(...)", " through 'Sim(seed)'"),
            VerifyCS.Diagnostic().WithLocation(9).WithArguments("Environment.ProcessId", "new Random(...)", " through 'Sim(seed)'"));

        // Math.NET compiled from its own sources: RandomSeed is the compilation's own type, so its calls are sources even
        // though calls into the compilation's own code are otherwise skipped by the call callback.
        [Fact]
        public Task SourcesDeclaredInTheCompilationItselfAreFollowed() => VerifyCS.VerifyAnalyzerAsync("""
            namespace MathNet.Numerics.Random
            {
                using System;

                public static class RandomSeed
                {
                    public static int Robust() => Guid.NewGuid().GetHashCode();
                }

                public class Mcg31m1
                {
                    private readonly Random _random;

                    public Mcg31m1() : this({|#0:RandomSeed.Robust()|}) { }

                    public Mcg31m1(int seed) { _random = new Random(seed); }
                }

                public class Fixed
                {
                    public Fixed() : this(Mcg.Default()) { }

                    public Fixed(int seed) { new Random(seed); }
                }

                public static class Mcg
                {
                    public static int Default() => 42;
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("RandomSeed.Robust()", "new Random(...)", " through 'Mcg31m1(seed)'"));

        // A library call's arguments are read by their values' types before the parameters' names: a number, or numbers
        // in an array, held in a local or written in place, reaches a seed; a literal, a string and a timeout do not.
        [Fact]
        public Task LibraryCallSeedsAreTracedWhateverTheValueShape()
        {
            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System;
                    using Lib;

                    class Program
                    {
                        void M()
                        {
                            long ticks = {|#10:DateTime.UtcNow.Ticks|};
                            Pool.Reseed({|#0:ticks|});
                            Pool.ReseedMany(new[] { {|#1:DateTime.Now.Ticks|} });
                            Pool.Reseed((uint){|#2:Environment.TickCount|});
                            Pool.Reseed(42);
                            Pool.Reseed((uint)42);
                            Pool.Wait(Environment.TickCount);
                            Pool.Tag(DateTime.Now.ToString());
                        }
                    }
                    """,
            };
            AddLibrary(test, "namespace Lib { public static class Pool { public static void Reseed(long seed) { } public static void ReseedMany(long[] seeds) { } public static void Wait(int timeoutMs) { } public static void Tag(string label) { } } }");
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithLocation(10).WithArguments("DateTime.UtcNow.Ticks", "Pool.Reseed(...)", " through 'ticks'"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(1).WithArguments("DateTime.Now.Ticks", "Pool.ReseedMany(...)", ""));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(2).WithArguments("Environment.TickCount", "Pool.Reseed(...)", ""));
            return test.RunAsync();
        }

        /// <summary>A referenced project "Lib" holding <paramref name="source"/>: its members are a library's to the test code.</summary>
        private static void AddLibrary(VerifyCS.Test test, string source)
        {
            var library = new Microsoft.CodeAnalysis.Testing.ProjectState("Lib", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/Lib/Lib", "cs")
            {
                Sources = { source },
            };
            test.TestState.AdditionalProjects.Add("Lib", library);
            test.TestState.AdditionalProjectReferences.Add("Lib");
        }

        [Fact]
        public Task PartialCodeWhileTypingDoesNotCrash() => VerifyCS.VerifyPartialCodeAsync("""
            using System;

            class Seeds
            {
                void M()
                {
                    var a = new Random(Environment.TickCount
                    int seed = DateTime.Now.
                    var b = new Random(seed);
                    var c = new Random(Environment.);
                }
            }
            """);
    }
}
