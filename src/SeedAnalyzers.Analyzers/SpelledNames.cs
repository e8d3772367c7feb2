using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The member name a reference or call spells in the source. Rules with a callback for every call or property
    /// reject most of them on this name before asking for the symbol: a symbol asked for the first time is built for
    /// the asker, and the syntax already holds the name.
    /// </summary>
    internal static class SpelledNames
    {
        /// <summary>
        /// The name a member reference (<c>Random.Shared</c>, <c>Shared</c>, <c>x?.Shared</c>) or a call's callee
        /// (<c>list.Shuffle()</c>, <c>Shuffle&lt;int&gt;(x)</c>) spells, escapes decoded; null for other shapes (implicit
        /// references, query clauses), which the caller must judge by the symbol.
        /// </summary>
        public static string? Of(SyntaxNode syntax)
        {
            if (syntax is InvocationExpressionSyntax invocation)
            {
                syntax = invocation.Expression;
            }

            SimpleNameSyntax? name = syntax switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                SimpleNameSyntax simple => simple,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            };
            return name?.Identifier.ValueText;
        }

        /// <summary>False only when the syntax spells a name other than <paramref name="name"/>.</summary>
        public static bool MaySpell(SyntaxNode syntax, string name)
        {
            string? spelled = Of(syntax);
            return spelled is null || spelled == name;
        }
    }
}
