using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>Syntax the ML.NET and Math.NET fixes share: an int seed for an object that takes one.</summary>
    internal static class LibraryFixSyntax
    {
        /// <summary>
        /// The title of a fix that seeds the object <paramref name="node"/> creates: from the master seed with the runtime;
        /// without it, from the type's seed source, which hands each object made a seed of its own (one constant would
        /// make every object made in a loop, a lambda or a constructor alike, where each had a seed of its own).
        /// Null when no such fix applies (no type to hold the seed source).
        /// </summary>
        public static string? SeedTitle(SyntaxNode node, bool runtime)
        {
            if (runtime)
            {
                return "Seed with Determinism.SeedFor(\"" + FixSyntax.StreamName(node) + "\")";
            }

            return FixSyntax.ContainingType(node) is null
                ? null
                : "Seed from a per-type seed source (the SeedAnalyzers runtime is not referenced)";
        }

        /// <summary>
        /// The seed <see cref="SeedTitle"/> promised: <c>Determinism.SeedFor("Type.member")</c>, whose k-th call gives the
        /// seed of sub-stream k (so objects created again and again get seeds of their own), or the next seed of the type's
        /// seed source (<c>RandomSeeds.Next()</c>).
        /// </summary>
        public static ExpressionSyntax Seed(FixSession session, SyntaxNode node) =>
            session.Runtime
                ? SyntaxFactory.InvocationExpression(
                    session.DeterminismMember("SeedFor"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.StringLiteral(FixSyntax.StreamName(node))))))
                : session.PerGeneratorSeed(node)!;
    }
}
