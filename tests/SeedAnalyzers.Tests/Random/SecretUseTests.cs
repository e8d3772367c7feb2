using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SeedAnalyzers.Analyzers;
using Xunit;
using Verify001 = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.UnseededRandomAnalyzer, SeedAnalyzers.CodeFixes.UnseededRandomFixer>;
using Verify002 = SeedAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<SeedAnalyzers.Analyzers.UnseedableRandomAnalyzer, SeedAnalyzers.CodeFixes.UnseedableRandomFixer>;

namespace SeedAnalyzers.Tests
{
    /// <summary>
    /// Issue 14, point 10: where an unseeded generator's numbers visibly become a secret or an identifier, SEED001 and
    /// SEED002 say that RandomNumberGenerator is the right tool and offer no reproducibility fix (a stream from a master
    /// seed that defaults to 0 would make every process mint the same tokens). Ordinary simulation and ML code, whose
    /// names merely contain such words (keyFrame, tokenizer, tokenId, salt-and-pepper noise, secretNumber), keeps its fix.
    /// </summary>
    public class SecretUseTests
    {
        /// <summary>Every source is its own fixed code: no fix is offered.</summary>
        [Fact]
        public Task SecretsAndIdentifiersGetTheMessageAndNoFix()
        {
            const string source = """
                using System;
                using System.Linq;

                class Accounts
                {
                    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

                    string GenerateAccessToken()
                    {
                        var rng = {|#0:new Random()|};
                        var bytes = new byte[32];
                        rng.NextBytes(bytes);
                        return Convert.ToBase64String(bytes);
                    }

                    static byte[] NewSalt()
                    {
                        var salt = new byte[16];
                        {|#1:new Random()|}.NextBytes(salt);
                        return salt;
                    }

                    string TemporaryPassword()
                    {
                        var rng = {|#2:new Random()|};
                        var password = new string(Enumerable.Range(0, 12).Select(_ => Alphabet[rng.Next(Alphabet.Length)]).ToArray());
                        return password;
                    }

                    int Otp()
                    {
                        int otp = {|#3:new Random()|}.Next(100_000, 1_000_000);
                        return otp;
                    }
                }

                static class IdGenerator
                {
                    private static readonly Random s_random = {|#4:new Random()|};

                    public static string NewId()
                    {
                        var buffer = new byte[8];
                        s_random.NextBytes(buffer);
                        return Convert.ToHexString(buffer);
                    }
                }

                class Requests
                {
                    private readonly Random _random = {|#5:new Random()|};

                    public long NextRequestId() => _random.NextInt64();
                }

                class PasswordGenerator
                {
                    private readonly Random _rng = {|#6:new Random()|};

                    public char Next(string alphabet) => alphabet[_rng.Next(alphabet.Length)];
                }
                """;
            var test = new Verify001.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Secret001(0, "'GenerateAccessToken'"));
            test.ExpectedDiagnostics.Add(Secret001(1, "'salt'"));
            test.ExpectedDiagnostics.Add(Secret001(2, "'password'"));
            test.ExpectedDiagnostics.Add(Secret001(3, "'otp'"));
            test.ExpectedDiagnostics.Add(Secret001(4, "ToHexString"));
            test.ExpectedDiagnostics.Add(Secret001(5, "'NextRequestId'"));
            test.ExpectedDiagnostics.Add(Secret001(6, "'PasswordGenerator'"));
            return test.RunAsync();
        }

        [Fact]
        public Task RandomSharedFeedingSecretsGetsTheMessageAndNoFix()
        {
            const string source = """
                using System;

                class Sessions
                {
                    Guid NewCorrelation()
                    {
                        var bytes = new byte[16];
                        {|#0:Random.Shared|}.NextBytes(bytes);
                        return new Guid(bytes);
                    }

                    string Key()
                    {
                        string apiKey = {|#1:Random.Shared|}.Next().ToString("x8");
                        return apiKey;
                    }

                    string Nonce() => {|#2:Random.Shared|}.Next().ToString();
                }
                """;
            var test = new Verify002.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Secret002(0, "new Guid(...)"));
            test.ExpectedDiagnostics.Add(Secret002(1, "'apiKey'"));
            test.ExpectedDiagnostics.Add(Secret002(2, "'Nonce'"));
            return test.RunAsync();
        }

        /// <summary>Names that contain the words but name data: the ordinary message and the fix.</summary>
        [Fact]
        public Task SimulationAndModelCodeKeepsItsFix() => Verify001.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            class KeyFrameAnimator
            {
                private readonly Random _rng = {|#0:new Random()|};

                public double NextKeyFrame() => _rng.NextDouble();
            }

            class Tokenizer
            {
                public void MaskTokens(int[] tokens, int maskTokenId, int vocabularySize)
                {
                    var rng = {|#1:new Random()|};
                    int i = rng.Next(tokens.Length);
                    int tokenId = rng.Next(vocabularySize);
                    tokens[i] = rng.NextDouble() < 0.8 ? maskTokenId : tokenId;
                }

                public int GenerateTokens(int count) => {|#2:new Random()|}.Next(count);
            }

            class Augment
            {
                public double AddSaltAndPepperNoise(double pixel) => {|#3:new Random()|}.NextDouble() < 0.05 ? 0 : pixel;

                public int GuessingGame()
                {
                    int secretNumber = {|#4:new Random()|}.Next(1, 101);
                    return secretNumber;
                }

                public void Cache(Dictionary<int, double> cache)
                {
                    var key = {|#5:new Random()|}.Next(100);
                    cache[key] = 1.0;
                }
            }
            """,
            new[]
            {
                Verify001.Diagnostic().WithLocation(0).WithArguments("new Random()"),
                Verify001.Diagnostic().WithLocation(1).WithArguments("new Random()"),
                Verify001.Diagnostic().WithLocation(2).WithArguments("new Random()"),
                Verify001.Diagnostic().WithLocation(3).WithArguments("new Random()"),
                Verify001.Diagnostic().WithLocation(4).WithArguments("new Random()"),
                Verify001.Diagnostic().WithLocation(5).WithArguments("new Random()"),
            },
            """
            using System;
            using System.Collections.Generic;
            using SeedAnalyzers;

            class KeyFrameAnimator
            {
                private readonly Random _rng = Determinism.Random("KeyFrameAnimator._rng");

                public double NextKeyFrame() => _rng.NextDouble();
            }

            class Tokenizer
            {
                public void MaskTokens(int[] tokens, int maskTokenId, int vocabularySize)
                {
                    var rng = Determinism.Random("Tokenizer.MaskTokens.rng");
                    int i = rng.Next(tokens.Length);
                    int tokenId = rng.Next(vocabularySize);
                    tokens[i] = rng.NextDouble() < 0.8 ? maskTokenId : tokenId;
                }

                public int GenerateTokens(int count) => Determinism.Random("Tokenizer.GenerateTokens").Next(count);
            }

            class Augment
            {
                public double AddSaltAndPepperNoise(double pixel) => Determinism.Random("Augment.AddSaltAndPepperNoise").NextDouble() < 0.05 ? 0 : pixel;

                public int GuessingGame()
                {
                    int secretNumber = Determinism.Random("Augment.GuessingGame").Next(1, 101);
                    return secretNumber;
                }

                public void Cache(Dictionary<int, double> cache)
                {
                    var key = Determinism.Random("Augment.Cache").Next(100);
                    cache[key] = 1.0;
                }
            }
            """);

        /// <summary>
        /// samples/TorchTraining: a top-level program that prints a SHA-256 fingerprint of its results, with a using of
        /// System.Security.Cryptography, mints no secret from the generator that made its data: only an API the drawn
        /// numbers go into counts, and usings are not code (found by building the samples).
        /// </summary>
        [Fact]
        public Task AFingerprintOfTheResultsIsNoSecret()
        {
            var test = new Verify001.Test
            {
                TestCode = """
                    using System;
                    using System.Linq;
                    using System.Security.Cryptography;

                    var random = {|#0:new Random()|};
                    float[] values = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble()).ToArray();
                    byte[] weights = values.Select(v => v * 2).SelectMany(BitConverter.GetBytes).ToArray();
                    Console.WriteLine($"fingerprint {Convert.ToHexString(SHA256.HashData(weights))}");
                    """,
                FixedCode = """
                    using System;
                    using System.Linq;
                    using System.Security.Cryptography;
                    using SeedAnalyzers;

                    var random = Determinism.Random("Program.random");
                    float[] values = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble()).ToArray();
                    byte[] weights = values.Select(v => v * 2).SelectMany(BitConverter.GetBytes).ToArray();
                    Console.WriteLine($"fingerprint {Convert.ToHexString(SHA256.HashData(weights))}");
                    """,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify001.Diagnostic().WithLocation(0).WithArguments("new Random()"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("APIKey", "api,key")]
        [InlineData("keyFrame", "key,frame")]
        [InlineData("s_sessionToken2", "s,session,token")]
        [InlineData("HTTPRequestId", "http,request,id")]
        [InlineData("_salt_and_pepper", "salt,and,pepper")]
        public void SplitsIdentifiersIntoWords(string name, string words) =>
            Assert.Equal(words.Split(','), SecretUse.Words(name));

        private static DiagnosticResult Secret001(int location, string evidence) =>
            Verify001.Diagnostic(UnseededRandomAnalyzer.SecretRule).WithLocation(location).WithArguments("new Random()", evidence);

        private static DiagnosticResult Secret002(int location, string evidence) =>
            Verify002.Diagnostic(UnseedableRandomAnalyzer.SecretRule).WithLocation(location).WithArguments("'Random.Shared'", evidence);
    }
}
