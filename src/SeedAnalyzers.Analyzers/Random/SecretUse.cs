using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Whether an unseeded generator's numbers visibly become a secret or an identifier (SEED001, SEED002). There a
    /// reproducible stream is the wrong fix: its master seed defaults to 0, so every process would mint the same tokens,
    /// salts or ids. The rules still report, say that RandomNumberGenerator is the right tool, and mark the diagnostic
    /// so that no reproducibility fix is offered.
    /// </summary>
    /// <remarks>
    /// <para>The members looked at: the one holding the generator when it is a local or drawn inline; every member of
    /// the type (in this file) that names it when it is a field or property. In them, any of:</para>
    /// <list type="number">
    /// <item>an encoding or identity API the drawn numbers go into, directly or through what a draw wrote (the buffer
    /// NextBytes fills, a variable a draw is declared or assigned to, a foreach over it): Convert.ToBase64String and kin,
    /// Convert.ToHexString, BitConverter.ToString, <c>ToString("x2")</c>, <c>new Guid(...)</c>, a
    /// System.Security.Cryptography type (hashes, HMAC, key derivation, AES). Not an API elsewhere in the member: a
    /// program that prints a hash of its results as a fingerprint mints no secret;</item>
    /// <item>a credential name on the member, the type, the generator, or what a draw is written to (a declared or
    /// assigned variable, the buffer NextBytes fills): password, passphrase, salt (not salt-and-pepper noise), nonce,
    /// otp, csrf, credential, a secret as the last word (clientSecret, not secretNumber), or a key or token qualified
    /// as one (apiKey, accessToken, sessionKey; not keyFrame, tokenizer, a bare token or key, which name data in NLP
    /// and simulation code);</item>
    /// <item>an identifier name (last word id, uuid, guid, identifier) on the member or what a draw is written to,
    /// when the draw is unbounded (Next(), NextInt64(), NextBytes): a bounded draw such as
    /// <c>tokenId = rng.Next(vocabularySize)</c> picks an existing index, it does not mint an identifier.</item>
    /// </list>
    /// <para>Only syntax, only where a rule already reports (a handful of places in a code base): no cost elsewhere.</para>
    /// </remarks>
    internal static class SecretUse
    {
        /// <summary>Diagnostic property set when the numbers feed a secret or identifier: the fixers offer nothing.</summary>
        public const string Property = "Secret";

        private static readonly string[] EncodingMethods =
        {
            "ToBase64String", "ToBase64CharArray", "TryToBase64Chars", "ToHexString", "ToHexStringLower", "TryToHexString", "TryToHexStringLower",
        };

        private static readonly string[] CryptographyTypes =
        {
            "RandomNumberGenerator", "RNGCryptoServiceProvider", "Rfc2898DeriveBytes", "HashAlgorithm", "HMAC", "HMACSHA1", "HMACSHA256",
            "HMACSHA384", "HMACSHA512", "HMACMD5", "SHA1", "SHA256", "SHA384", "SHA512", "MD5", "Aes", "AesGcm", "AesCcm", "ChaCha20Poly1305",
            "KeyDerivation",
        };

        private static readonly HashSet<string> CredentialWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "password", "passwords", "passwd", "pwd", "passphrase", "salt", "salts", "nonce", "nonces", "otp", "csrf", "xsrf",
            "credential", "credentials", "apikey", "apikeys",
        };

        /// <summary>Words that make a following key, token or secret a credential.</summary>
        private static readonly HashSet<string> SecurityQualifiers = new HashSet<string>(StringComparer.Ordinal)
        {
            "api", "access", "auth", "authentication", "authorization", "refresh", "bearer", "session", "csrf", "xsrf", "reset",
            "secret", "private", "public", "encryption", "decryption", "signing", "signature", "crypto", "aes", "hmac", "jwt",
            "oauth", "security", "verification", "confirmation", "activation", "invite", "invitation", "license", "login",
            "client", "shared", "master", "idempotency",
        };

        private static readonly HashSet<string> IdentifierWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "ids", "uuid", "uuids", "guid", "guids", "identifier", "identifiers",
        };

        private static readonly ImmutableDictionary<string, string?> Marked = ImmutableDictionary<string, string?>.Empty.Add(Property, "true");

        /// <summary>True when the fixers must offer nothing for <paramref name="diagnostic"/>.</summary>
        public static bool IsMarked(Diagnostic diagnostic) => diagnostic.Properties.ContainsKey(Property);

        /// <summary><paramref name="properties"/> with the mark added.</summary>
        public static ImmutableDictionary<string, string?> Mark(ImmutableDictionary<string, string?>? properties) =>
            properties is null ? Marked : properties.SetItem(Property, "true");

        /// <summary>
        /// What shows that the numbers of the generator made or read at <paramref name="site"/> become a secret or an
        /// identifier (a name or an API, for the message), or null.
        /// </summary>
        public static string? Evidence(SyntaxNode site, SemanticModel model)
        {
            SyntaxNode value = site;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent is CastExpressionSyntax)
            {
                value = value.Parent;
            }

            SyntaxNode? member = ContainingMember(value);
            if (member is null)
            {
                return null;
            }

            string? evidence = TypeEvidence(value);
            if (evidence != null)
            {
                return evidence;
            }

            if (value.Parent is MemberAccessExpressionSyntax access && access.Expression == value && access.Parent is InvocationExpressionSyntax draw)
            {
                // Drawn inline: new Random().Next(), Random.Shared.NextBytes(buffer).
                return Judge(member, new[] { draw });
            }

            (string? name, bool field) = Receiver(value, model);
            if (name is null)
            {
                // Handed to a call or returned: only the member's name can tell.
                return CredentialName(MemberName(member));
            }

            if (CredentialName(name) is string named)
            {
                return named;
            }

            if (!field)
            {
                return Judge(member, Draws(member, name));
            }

            return value.FirstAncestorOrSelf<TypeDeclarationSyntax>() is TypeDeclarationSyntax type ? FieldEvidence(type, name) : null;
        }

        /// <summary>
        /// What the draws in one member show: a credential or identifier name they are written to, a credential name on
        /// the member, or an encoding, identity or cryptography API their numbers go into (see <see cref="Flow"/>).
        /// </summary>
        private static string? Judge(SyntaxNode member, IReadOnlyList<InvocationExpressionSyntax> draws)
        {
            foreach (InvocationExpressionSyntax draw in draws)
            {
                if (DrawEvidence(draw) is string written)
                {
                    return written;
                }
            }

            return CredentialName(MemberName(member)) ?? (draws.Count > 0 ? Flow(member, draws) : null);
        }

        /// <summary>
        /// An API the drawn numbers visibly go into: one the draw sits in (<c>rng.Next().ToString("x8")</c>,
        /// <c>new Guid(...)</c>), or one given what a draw wrote (the buffer NextBytes filled, a variable declared or
        /// assigned from a draw, or the element variable of a foreach over it). Nothing further: hashing a program's
        /// results to print a fingerprint, as reproducibility checks do, is no secret.
        /// </summary>
        private static string? Flow(SyntaxNode member, IReadOnlyList<InvocationExpressionSyntax> draws)
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (InvocationExpressionSyntax draw in draws)
            {
                for (SyntaxNode? node = draw.Parent; node != null && !(node is StatementSyntax) && !(node is MemberDeclarationSyntax); node = node.Parent)
                {
                    if (Api(node) is string api)
                    {
                        return api;
                    }
                }

                written.UnionWith(WrittenNames(draw));
            }

            if (written.Count == 0)
            {
                return null;
            }

            foreach (SyntaxNode node in Body(member))
            {
                if (node is CommonForEachStatementSyntax loop && loop is ForEachStatementSyntax each && Mentions(loop.Expression, written))
                {
                    written.Add(each.Identifier.ValueText);
                }
            }

            foreach (SyntaxNode node in Body(member))
            {
                if (Api(node) is string api && Mentions(node, written))
                {
                    return api;
                }
            }

            return null;
        }

        private static bool Mentions(SyntaxNode node, HashSet<string> names) =>
            node.DescendantNodesAndSelf().Any(n => n is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText));

        /// <summary>The draws from the generator named <paramref name="name"/> in <paramref name="member"/>.</summary>
        private static List<InvocationExpressionSyntax> Draws(SyntaxNode member, string name)
        {
            var draws = new List<InvocationExpressionSyntax>();
            foreach (SyntaxNode node in Body(member))
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name
                    && identifier.Parent is MemberAccessExpressionSyntax access && access.Expression == identifier
                    && access.Parent is InvocationExpressionSyntax draw)
                {
                    draws.Add(draw);
                }
            }

            return draws;
        }

        private static string? TypeEvidence(SyntaxNode node)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                if (ancestor is BaseTypeDeclarationSyntax type && CredentialName(type.Identifier.ValueText) is string named)
                {
                    return named;
                }
            }

            return null;
        }

        /// <summary>A field or property generator: every member of the type in this file that names it.</summary>
        private static string? FieldEvidence(TypeDeclarationSyntax type, string name)
        {
            var members = new List<SyntaxNode>();
            void Collect(SyntaxToken token)
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is IdentifierNameSyntax
                    && ContainingMember(token.Parent) is SyntaxNode member && !members.Contains(member))
                {
                    members.Add(member);
                }
            }

            if (TextSearch.Search(type, new[] { name }, (object?)null, (token, _) =>
            {
                Collect(token);
                return false;
            }))
            {
                // An identifier spelled with a Unicode escape: the text cannot say where the name is.
                foreach (SyntaxToken token in type.DescendantTokens())
                {
                    Collect(token);
                }
            }

            foreach (SyntaxNode member in members)
            {
                if (Judge(member, Draws(member, name)) is string found)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>A credential or identifier name one draw's numbers are written to.</summary>
        private static string? DrawEvidence(InvocationExpressionSyntax draw)
        {
            bool unbounded = IsUnbounded(draw);
            foreach (string target in WrittenNames(draw))
            {
                if (Written(target, unbounded) is string named)
                {
                    return named;
                }
            }

            return null;
        }

        /// <summary>
        /// What one draw's numbers are written to, in its statement: the buffer NextBytes fills, declared and assigned
        /// variables, the member itself when the statement returns or the member is expression-bodied.
        /// </summary>
        private static IEnumerable<string> WrittenNames(InvocationExpressionSyntax draw)
        {
            foreach (ArgumentSyntax argument in draw.ArgumentList.Arguments)
            {
                if (argument.Expression is IdentifierNameSyntax buffer)
                {
                    yield return buffer.Identifier.ValueText;
                }
            }

            SyntaxNode? statement = draw.FirstAncestorOrSelf<SyntaxNode>(n => n is StatementSyntax || n is MemberDeclarationSyntax);
            if (statement is MemberDeclarationSyntax declaration)
            {
                yield return MemberName(declaration);
                yield break;
            }

            if (statement is null)
            {
                yield break;
            }

            foreach (SyntaxNode node in statement.DescendantNodesAndSelf(n => !(n is AnonymousFunctionExpressionSyntax) || n.Span.Contains(draw.Span)))
            {
                string? target = node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                    AssignmentExpressionSyntax assignment => TargetName(assignment.Left),
                    ReturnStatementSyntax _ when ContainingMember(statement) is SyntaxNode member => MemberName(member),
                    _ => null,
                };
                if (target != null)
                {
                    yield return target;
                }
            }
        }

        private static string? Written(string name, bool unbounded) =>
            CredentialName(name) ?? (unbounded && IsIdentifierName(name) ? "'" + name + "'" : null);

        /// <summary>Next(), NextInt64(), NextBytes(...): numbers over the whole range, the stuff ids are made of.</summary>
        private static bool IsUnbounded(InvocationExpressionSyntax draw)
        {
            string method = draw.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : string.Empty;
            return method == "NextBytes" || ((method == "Next" || method == "NextInt64") && draw.ArgumentList.Arguments.Count == 0);
        }

        /// <summary>The encoding, identity or cryptography API <paramref name="node"/> calls or creates, if any.</summary>
        private static string? Api(SyntaxNode node)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when invocation.Expression is MemberAccessExpressionSyntax call:
                    string method = call.Name.Identifier.ValueText;
                    if (Array.IndexOf(EncodingMethods, method) >= 0)
                    {
                        return method;
                    }

                    if (call.Expression is IdentifierNameSyntax receiver && Array.IndexOf(CryptographyTypes, receiver.Identifier.ValueText) >= 0)
                    {
                        return receiver.Identifier.ValueText;
                    }

                    if (method == "ToString" && call.Expression is IdentifierNameSyntax { Identifier.ValueText: "BitConverter" })
                    {
                        return "BitConverter.ToString";
                    }

                    if (method == "ToString" && invocation.ArgumentList.Arguments.Count == 1
                        && invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax format
                        && format.Token.ValueText.Length > 0 && (format.Token.ValueText[0] == 'x' || format.Token.ValueText[0] == 'X'))
                    {
                        return "ToString(\"" + format.Token.ValueText + "\")";
                    }

                    return null;
                case ObjectCreationExpressionSyntax creation when creation.ArgumentList?.Arguments.Count > 0 && LastName(creation.Type) is string type:
                    return type == "Guid" ? "new Guid(...)" : Array.IndexOf(CryptographyTypes, type) >= 0 ? "new " + type + "(...)" : null;
                default:
                    return null;
            }
        }

        /// <summary>The generator's own name, and whether it is a field or property (looked at across the type).</summary>
        private static (string? Name, bool Field) Receiver(SyntaxNode value, SemanticModel model)
        {
            switch (value.Parent)
            {
                case EqualsValueClauseSyntax equals when equals.Parent is VariableDeclaratorSyntax declarator:
                    return (declarator.Identifier.ValueText, declarator.Parent?.Parent is BaseFieldDeclarationSyntax);
                case EqualsValueClauseSyntax equals when equals.Parent is PropertyDeclarationSyntax property:
                    return (property.Identifier.ValueText, true);
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax property:
                    return (property.Identifier.ValueText, true);
                case AssignmentExpressionSyntax assignment when assignment.Right == value && TargetName(assignment.Left) is string target:
                    ISymbol? symbol = model.GetSymbolInfo(assignment.Left).Symbol;
                    return (target, symbol is IFieldSymbol || symbol is IPropertySymbol);
                default:
                    return (null, false);
            }
        }

        private static string? TargetName(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            ElementAccessExpressionSyntax element => TargetName(element.Expression),
            _ => null,
        };

        /// <summary>
        /// What a member's code is: its nodes; for top-level statements, those of the statements only (not the usings,
        /// where an unused <c>using System.Security.Cryptography;</c> says nothing, nor the types declared below).
        /// </summary>
        private static IEnumerable<SyntaxNode> Body(SyntaxNode member) =>
            member is CompilationUnitSyntax unit
                ? unit.Members.OfType<GlobalStatementSyntax>().SelectMany(statement => statement.DescendantNodes())
                : member.DescendantNodes();

        /// <summary>The method, property, local function, field, ... holding the node; top-level statements: the file.</summary>
        private static SyntaxNode? ContainingMember(SyntaxNode node)
        {
            SyntaxNode? member = node.FirstAncestorOrSelf<SyntaxNode>(n => n is LocalFunctionStatementSyntax
                || (n is MemberDeclarationSyntax && !(n is BaseTypeDeclarationSyntax) && !(n is BaseNamespaceDeclarationSyntax)));
            return member is GlobalStatementSyntax global ? global.Parent : member;
        }

        private static string MemberName(SyntaxNode member) => member switch
        {
            LocalFunctionStatementSyntax local => local.Identifier.ValueText,
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count == 1 => field.Declaration.Variables[0].Identifier.ValueText,
            _ => string.Empty,
        };

        private static string? LastName(TypeSyntax type) => type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>The name, quoted, when one of its words says credential (see the remarks).</summary>
        internal static string? CredentialName(string name)
        {
            List<string> words = Words(name);
            for (int i = 0; i < words.Count; i++)
            {
                string word = words[i];
                bool last = i == words.Count - 1;
                bool qualified = i > 0 && SecurityQualifiers.Contains(words[i - 1]);
                bool credential = word switch
                {
                    "salt" or "salts" => !words.Contains("pepper"),
                    "key" or "keys" or "token" or "tokens" => qualified,
                    "secret" or "secrets" => last || qualified,
                    _ => CredentialWords.Contains(word),
                };
                if (credential)
                {
                    return "'" + name + "'";
                }
            }

            return null;
        }

        /// <summary>True when the name's last word is an identifier word (requestId, NewUuid, id).</summary>
        internal static bool IsIdentifierName(string name)
        {
            List<string> words = Words(name);
            return words.Count > 0 && IdentifierWords.Contains(words[words.Count - 1]);
        }

        /// <summary>
        /// The lower-cased words of an identifier: split at underscores, digits and case changes, an acronym ending
        /// where a capitalized word starts (APIKey: api, key).
        /// </summary>
        internal static List<string> Words(string name)
        {
            var words = new List<string>();
            int start = -1;
            for (int i = 0; i <= name.Length; i++)
            {
                bool boundary = i == name.Length || !char.IsLetter(name[i])
                    || (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))));
                if (boundary && start >= 0)
                {
                    words.Add(name.Substring(start, i - start).ToLowerInvariant());
                    start = -1;
                }

                if (i < name.Length && char.IsLetter(name[i]) && start < 0)
                {
                    start = i;
                }
            }

            return words;
        }
    }
}
