using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// A syntactic index that keeps the entry-point scan cheap: the simple names of the calls that may seed torch
    /// (level 0: <c>manual_seed</c>, <c>manual_seed_all</c>, <c>Initialize</c> and configured methods), and of the
    /// source methods that make such a call directly (level 1) or through a level-1 method (level 2). Only files
    /// whose text holds a name of the level below are parsed for the next level, so a compilation that never
    /// mentions <c>manual_seed</c> or <c>TorchDeterminism</c> costs one text search per file. A name spelled with a
    /// Unicode escape is not found (the call is then not followed).
    /// </summary>
    internal sealed class SeedingNames
    {
        private readonly List<HashSet<string>> _levels;

        private SeedingNames(List<HashSet<string>> levels)
        {
            _levels = levels;
        }

        /// <summary>True when a call named <paramref name="name"/> may reach a seeding call within <paramref name="calls"/> further calls.</summary>
        public bool CanReach(string name, int calls)
        {
            for (int level = 0; level <= calls && level < _levels.Count; level++)
            {
                if (_levels[level].Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        public static SeedingNames Build(Compilation compilation, ImmutableHashSet<string> configured, CancellationToken cancellationToken)
        {
            var level0 = new HashSet<string>(StringComparer.Ordinal) { "manual_seed", "manual_seed_all", "Initialize" };
            // What the text of a file must hold for its calls to be level-0 calls.
            var markers = new List<string> { "manual_seed", "TorchDeterminism" };
            foreach (string method in configured)
            {
                string simple = method.Substring(method.LastIndexOf('.') + 1);
                level0.Add(simple);
                markers.Add(simple);
            }

            var levels = new List<HashSet<string>> { level0 };
            for (int level = 1; level <= 2; level++)
            {
                HashSet<string> previous = levels[level - 1];
                var next = new HashSet<string>(StringComparer.Ordinal);
                string[] words = level == 1 ? Union(markers, previous) : ToArray(previous);
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var found = new Callers(previous, level == 1 ? markers : null);
                    SyntaxNode root = tree.GetRoot(cancellationToken);
                    if (TextSearch.Search(root, words, found, static (token, callers) => callers.Add(token)))
                    {
                        // An identifier spelled with a Unicode escape: the text cannot say where names are.
                        found = new Callers(previous, null);
                        foreach (SyntaxNode node in root.DescendantNodes())
                        {
                            if (node is InvocationExpressionSyntax invocation)
                            {
                                found.AddCall(invocation);
                            }
                        }
                    }

                    if (found.MarkerSeen)
                    {
                        next.UnionWith(found.Names);
                    }
                }

                levels.Add(next);
                if (next.Count == 0)
                {
                    break;
                }
            }

            return new SeedingNames(levels);
        }

        private static string[] Union(List<string> first, HashSet<string> second)
        {
            var all = new HashSet<string>(first, StringComparer.Ordinal);
            all.UnionWith(second);
            return ToArray(all);
        }

        private static string[] ToArray(HashSet<string> names)
        {
            var array = new string[names.Count];
            names.CopyTo(array);
            return array;
        }

        /// <summary>
        /// The methods of one tree that call one of a level's names, found from where the text spells the names
        /// (a text search and a token lookup each, instead of a walk of every node of the tree).
        /// </summary>
        private sealed class Callers
        {
            private readonly HashSet<string> _called;
            private readonly List<string>? _markers;

            public Callers(HashSet<string> called, List<string>? markers)
            {
                _called = called;
                _markers = markers;
                MarkerSeen = markers is null;
            }

            public HashSet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal);

            /// <summary>Whether the tree's text holds a marker (always, past the first level).</summary>
            public bool MarkerSeen { get; private set; }

            /// <summary>Never stops the search.</summary>
            public bool Add(SyntaxToken token)
            {
                if (!MarkerSeen && _markers != null && token.IsKind(SyntaxKind.IdentifierToken) && _markers.Contains(token.ValueText))
                {
                    MarkerSeen = true;
                }

                // The name of a call: f(), x.f(), x?.f(), f<T>().
                SyntaxNode? name = token.Parent;
                if (name is SimpleNameSyntax
                    && (name.Parent is MemberAccessExpressionSyntax member && member.Name == name
                        || name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name))
                {
                    name = name.Parent;
                }

                if (name?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == name)
                {
                    AddCall(invocation);
                }

                return false;
            }

            public void AddCall(InvocationExpressionSyntax invocation)
            {
                if (SimpleName(invocation) is string called
                    && _called.Contains(called)
                    && invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is MethodDeclarationSyntax caller)
                {
                    Names.Add(caller.Identifier.ValueText);
                }
            }
        }

        public static string? SimpleName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
