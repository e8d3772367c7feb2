using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The operations of other members of the compilation, for a rule that follows a value or a call out of the member it
    /// analyzes (SEED003, SEED010): a method's body and a node's operation, from whichever file declares them. Lives for
    /// one callback; the models it asks for are cached by the driver.
    /// </summary>
    internal sealed class SourceBodies
    {
        private readonly Compilation _compilation;
        private readonly SemanticModel? _own;
        private readonly CancellationToken _cancellationToken;
        private Dictionary<SyntaxTree, SemanticModel?>? _models;

        public SourceBodies(Compilation compilation, SemanticModel? own, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _own = own;
            _cancellationToken = cancellationToken;
        }

        public CancellationToken CancellationToken => _cancellationToken;

        /// <summary>The compilation whose bodies these are.</summary>
        public Compilation Compilation => _compilation;

        /// <summary>True when <paramref name="symbol"/> is declared in the compilation being analyzed (not in metadata).</summary>
        public bool IsInSource(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

        /// <summary>The operation of a method's, constructor's or local function's body, or null (abstract, extern, metadata).</summary>
        public IOperation? Body(IMethodSymbol method)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.IsExtern || method.IsAbstract || !IsInSource(method))
            {
                return null;
            }

            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                SyntaxNode syntax = reference.GetSyntax(_cancellationToken);
                if (syntax is BaseMethodDeclarationSyntax || syntax is LocalFunctionStatementSyntax)
                {
                    if (Operation(syntax) is IOperation body)
                    {
                        return body;
                    }
                }
            }

            return null;
        }

        /// <summary>The operation of <paramref name="node"/>, bound through the model of its file.</summary>
        public IOperation? Operation(SyntaxNode node) => Model(node.SyntaxTree)?.GetOperation(node, _cancellationToken);

        public SemanticModel? Model(SyntaxTree tree)
        {
            if (_own != null && _own.SyntaxTree == tree)
            {
                return _own;
            }

            _models ??= new Dictionary<SyntaxTree, SemanticModel?>();
            if (!_models.TryGetValue(tree, out SemanticModel? model))
            {
#pragma warning disable RS1030 // Only for the few members a followed value or call leads to; the driver caches the model.
                model = _compilation.ContainsSyntaxTree(tree) ? _compilation.GetSemanticModel(tree) : null;
#pragma warning restore RS1030
                _models.Add(tree, model);
            }

            return model;
        }

        /// <summary>
        /// Every mention of a field or property in the declarations of its type (all partial parts, nested types
        /// included) as an operation, reads and writes alike; a private member or one set only there is mentioned
        /// nowhere else.
        /// </summary>
        public IEnumerable<IMemberReferenceOperation> References(ISymbol member)
        {
            foreach (SyntaxNode node in Mentions(member))
            {
                if (Operation(node) is IMemberReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Member.OriginalDefinition, member.OriginalDefinition))
                {
                    yield return reference;
                }
            }
        }

        /// <summary>Every call of a method in the declarations of its type (all partial parts, nested types included).</summary>
        public IEnumerable<IInvocationOperation> Calls(IMethodSymbol method)
        {
            foreach (SyntaxNode node in Mentions(method))
            {
                if (node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node
                    && Operation(invocation) is IInvocationOperation call
                    && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    yield return call;
                }
            }
        }

        /// <summary>The names (<c>x</c>, or <c>a.x</c> whole) in the member's type that spell its name.</summary>
        private IEnumerable<SyntaxNode> Mentions(ISymbol member)
        {
            foreach (SyntaxReference declaration in member.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (SyntaxToken token in declaration.GetSyntax(_cancellationToken).DescendantTokens())
                {
                    if (token.ValueText == member.Name && token.Parent is IdentifierNameSyntax name)
                    {
                        yield return name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (SyntaxNode)name;
                    }
                }
            }
        }

        /// <summary>The top of the operation tree <paramref name="operation"/> belongs to (a body or an initializer).</summary>
        public static IOperation Root(IOperation operation)
        {
            IOperation current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }
    }
}
