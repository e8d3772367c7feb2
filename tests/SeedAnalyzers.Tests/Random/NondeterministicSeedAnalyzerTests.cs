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
