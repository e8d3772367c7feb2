using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    /// <summary>Syntax the TorchSharp fixes share.</summary>
    internal static class TorchFixSyntax
    {
        public static LiteralExpressionSyntax StringLiteral(string value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

        public static InvocationExpressionSyntax TorchDeterminismCall(string member, IEnumerable<ArgumentSyntax> arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName("TorchDeterminism"), SyntaxFactory.IdentifierName(member)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }
}
