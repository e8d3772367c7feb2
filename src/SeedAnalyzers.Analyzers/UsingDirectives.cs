using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The alias directives of a compilation that name one of a few types. A rule that skips code whose text never
    /// names a type (a text search is far cheaper than binding) reads these once per compilation: an alias lets code
    /// use the type without writing its name.
    /// </summary>
    internal static class UsingDirectives
    {
        /// <summary>
        /// The aliases whose target mentions one of <paramref name="typeNames"/>. Every file's directives are read,
        /// global or not, at the top level and in namespaces: an alias found in one file is treated as usable in all,
        /// which can only make a search find more.
        /// </summary>
        public static List<string> Aliases(Compilation compilation, IReadOnlyCollection<string> typeNames, CancellationToken cancellationToken)
        {
            var aliases = new List<string>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
                {
                    Visit(unit.Usings, typeNames, aliases);
                    VisitNamespaces(unit.Members, typeNames, aliases);
                }
            }

            return aliases;
        }

        private static void VisitNamespaces(SyntaxList<MemberDeclarationSyntax> members, IReadOnlyCollection<string> typeNames, List<string> aliases)
        {
            foreach (MemberDeclarationSyntax member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    Visit(ns.Usings, typeNames, aliases);
                    VisitNamespaces(ns.Members, typeNames, aliases);
                }
            }
        }

        private static void Visit(SyntaxList<UsingDirectiveSyntax> usings, IReadOnlyCollection<string> typeNames, List<string> aliases)
        {
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.Alias != null && Mentions(directive, typeNames))
                {
                    aliases.Add(directive.Alias.Name.Identifier.ValueText);
                }
            }
        }

        private static bool Mentions(UsingDirectiveSyntax directive, IReadOnlyCollection<string> typeNames)
        {
            foreach (SyntaxToken token in directive.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && !(token.Parent?.Parent is NameEqualsSyntax))
                {
                    foreach (string name in typeNames)
                    {
                        if (token.ValueText == name)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
