using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>Syntax the ML.NET and Math.NET fixes share.</summary>
    internal static class LibraryFixSyntax
    {
        /// <summary><c>Determinism.SeedFor("name")</c>: the seed of the name's next sub-stream.</summary>
        public static ExpressionSyntax SeedFor(FixSession session, string name) =>
            SyntaxFactory.InvocationExpression(
                session.DeterminismMember("SeedFor"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.StringLiteral(name)))));
    }
}
