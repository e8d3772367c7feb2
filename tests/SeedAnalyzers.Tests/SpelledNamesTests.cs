using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SeedAnalyzers.Analyzers;
using Xunit;

namespace SeedAnalyzers.Tests
{
    /// <summary>The name prefilter of the per-call and per-property callbacks (SEED001, SEED002): a wrong "no" would hide a finding.</summary>
    public class SpelledNamesTests
    {
        [Theory]
        [InlineData("Random.Shared", "Shared")]
        [InlineData("System.Random.Shared", "Shared")]
        [InlineData("Shared", "Shared")]
        [InlineData("@Shared", "Shared")]
        [InlineData("Sh\\u0061red", "Shared")]
        [InlineData("x?.Shared", "Shared")]
        [InlineData("list.Shuffle()", "Shuffle")]
        [InlineData("Enumerable.Shuffle<int>(list)", "Shuffle")]
        [InlineData("Shuffle(list)", "Shuffle")]
        [InlineData("items?.OrderBy(x => x)", "OrderBy")]
        [InlineData("Activator.CreateInstance<Random>()", "CreateInstance")]
        [InlineData("global::System.Activator.CreateInstance(typeof(Random))", "CreateInstance")]
        public void ReadsTheNameEverySpellingGives(string expression, string name)
        {
            ExpressionSyntax parsed = SyntaxFactory.ParseExpression(expression);
            ExpressionSyntax reference = parsed is ConditionalAccessExpressionSyntax conditional ? conditional.WhenNotNull : parsed;

            Assert.Equal(name, SpelledNames.Of(reference));
            Assert.True(SpelledNames.MaySpell(reference, name));
            Assert.False(SpelledNames.MaySpell(reference, name + "X"));
        }

        [Theory]
        [InlineData("values[0]")]
        [InlineData("GetFunc()()")]
        public void LeavesOtherShapesToTheSymbol(string expression)
        {
            ExpressionSyntax parsed = SyntaxFactory.ParseExpression(expression);

            Assert.Null(SpelledNames.Of(parsed));
            Assert.True(SpelledNames.MaySpell(parsed, "Shared"));
        }
    }
}
