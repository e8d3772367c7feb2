using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SeedAnalyzers.Analyzers;

namespace SeedAnalyzers.CodeFixes
{
    public sealed partial class TorchEntryPointFixer
    {
        /// <summary>One edit of the entry point, found and checked before a fix is offered.</summary>
        private sealed class EntryPointPlan
        {
            private readonly Document _document;
            private readonly string _kind;
            private readonly SyntaxNode? _existingInitialize;
            private readonly SyntaxNode? _cpuSeedStatement;
            private readonly ExpressionSyntax? _seed;
            private readonly SyntaxNode _first;
            private readonly INamedTypeSymbol? _torchDeterminism;
            private readonly bool _returnsValue;

            private EntryPointPlan(Document document, string kind, INamedTypeSymbol? torchDeterminism, SyntaxNode first, SyntaxNode? existingInitialize, SyntaxNode? cpuSeedStatement, ExpressionSyntax? seed, bool returnsValue = false)
            {
                _returnsValue = returnsValue;
                _torchDeterminism = torchDeterminism;
                _document = document;
                _kind = kind;
                _first = first;
                _existingInitialize = existingInitialize;
                _cpuSeedStatement = cpuSeedStatement;
                _seed = seed;
            }

            public string Title => _kind == TorchEntryPointAnalyzer.CudaSeedFix
                ? "Seed every CUDA device with torch.cuda.manual_seed_all"
                : _existingInitialize != null
                    ? "Move TorchDeterminism.Initialize to the start of the entry point"
                    : "Call TorchDeterminism.Initialize first in the entry point";

            public static async Task<EntryPointPlan?> CreateAsync(Solution solution, ProjectId projectId, string kind, CancellationToken cancellationToken)
            {
                Project? project = solution.GetProject(projectId);
                Compilation? compilation = project is null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                TorchSymbols? symbols = compilation is null ? null : KnownSymbols.Get(compilation).Torch;
                IMethodSymbol? entry = compilation?.GetEntryPoint(cancellationToken);
                if (symbols is null || entry is null || project is null)
                {
                    return null;
                }

                if (kind == TorchEntryPointAnalyzer.InitializeFix && symbols.TorchDeterminism is null)
                {
                    // TorchDeterminism lives in SeedAnalyzers.TorchSharp; without it there is nothing to call.
                    return null;
                }

                foreach (SyntaxReference reference in entry.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                    Document? document = project.GetDocument(declaration.SyntaxTree);
                    if (declaration is MethodDeclarationSyntax { ExpressionBody: not null } expressionBodied)
                    {
                        // static void Main() => Train(); becomes a block that calls Initialize first.
                        return document is null || kind != TorchEntryPointAnalyzer.InitializeFix || expressionBodied.ContainsDiagnostics
                            ? null
                            : new EntryPointPlan(document, kind, symbols.TorchDeterminism, expressionBodied, null, null, null, ReturnsValue(entry));
                    }

                    List<SyntaxNode>? statements = TorchEntryPoint.TopLevelStatements(declaration, out _)?.OfType<StatementSyntax>().Cast<SyntaxNode>().ToList();
                    if (document is null || statements is null || statements.Count == 0)
                    {
                        continue;
                    }

                    // Code being typed: the inserted statement could re-parse with the broken one (found by fuzzing, a
                    // recovered local named TorchDeterminism); no fix until the entry point parses.
                    if (statements.Any(statement => statement.ContainsDiagnostics))
                    {
                        return null;
                    }

                    SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (model is null)
                    {
                        return null;
                    }

                    SyntaxNode? initialize = null;
                    SyntaxNode? cpuSeed = null;
                    ExpressionSyntax? seed = null;
                    foreach (SyntaxNode statement in statements)
                    {
                        InvocationExpressionSyntax? call = DirectCall(statement);
                        if (call is null || !(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method))
                        {
                            continue;
                        }

                        if (initialize is null && statement is ExpressionStatementSyntax && symbols.IsTorchDeterminismInitialize(method))
                        {
                            initialize = statement;
                        }
                        else if (cpuSeed is null && symbols.IsCpuManualSeed(method) && call.ArgumentList.Arguments.Count == 1)
                        {
                            cpuSeed = statement;
                            seed = call.ArgumentList.Arguments[0].Expression;
                        }
                    }

                    if (kind == TorchEntryPointAnalyzer.CudaSeedFix)
                    {
                        // The seed expression is written twice, so only when evaluating it twice is harmless.
                        return cpuSeed != null && seed != null && IsRepeatable(seed)
                            ? new EntryPointPlan(document, kind, symbols.TorchDeterminism, statements[0], null, cpuSeed, seed)
                            : null;
                    }

                    if (initialize != null && initialize == statements[0])
                    {
                        return null;
                    }

                    // Moving a call that names locals above their declarations would not compile: no fix then.
                    if ((initialize != null && ReferencesLocals(initialize, model, cancellationToken))
                        || (initialize is null && cpuSeed is ExpressionStatementSyntax && seed != null && ReferencesLocals(seed, model, cancellationToken)))
                    {
                        return null;
                    }

                    // A manual_seed whose value is used (var g = torch.manual_seed(1)) stays; Initialize goes first.
                    bool replaceSeed = initialize is null && cpuSeed is ExpressionStatementSyntax;
                    return new EntryPointPlan(document, kind, symbols.TorchDeterminism, statements[0], initialize, replaceSeed ? cpuSeed : null, replaceSeed ? seed : null);
                }

                return null;
            }

            public async Task<Document> ApplyAsync(CancellationToken cancellationToken)
            {
                DocumentEditor editor = await DocumentEditor.CreateAsync(_document, cancellationToken).ConfigureAwait(false);
                SyntaxTrivia endOfLine = FixSyntax.EndOfLine(editor.OriginalRoot);
                if (_kind == TorchEntryPointAnalyzer.CudaSeedFix)
                {
                    StatementSyntax seedAll = SyntaxFactory.ParseStatement("TorchSharp.torch.cuda.manual_seed_all(" + _seed!.WithoutTrivia().ToFullString() + ");")
                        .WithTrailingTrivia(endOfLine)
                        .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
                    InsertAfter(editor, _cpuSeedStatement!, seedAll);
                    return editor.GetChangedDocument();
                }

                StatementSyntax initialize = _existingInitialize != null
                    ? ((StatementSyntax)_existingInitialize).WithoutLeadingTrivia()
                    : SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            FixSyntax.ImportedTypeExpression(editor.Generator, _torchDeterminism!),
                            SyntaxFactory.IdentifierName("Initialize")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                            SyntaxFactory.NameColon("seed"),
                            default,
                            _seed?.WithoutTrivia() ?? SyntaxFactory.ParseExpression(DefaultSeedText))))));
                initialize = initialize.WithTrailingTrivia(endOfLine).WithAdditionalAnnotations(Formatter.Annotation);
                if (_first is MethodDeclarationSyntax { ExpressionBody: ArrowExpressionClauseSyntax arrow } method)
                {
                    ExpressionSyntax body = arrow.Expression.WithoutTrivia();
                    StatementSyntax rest = _returnsValue ? SyntaxFactory.ReturnStatement(body) : SyntaxFactory.ExpressionStatement(body);
                    MethodDeclarationSyntax withBlock = method
                        .WithParameterList(method.ParameterList.WithTrailingTrivia(endOfLine))
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(SyntaxFactory.Block(initialize, rest.WithTrailingTrivia(endOfLine)).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    editor.ReplaceNode(method, withBlock);
                    return editor.GetChangedDocument();
                }


                if (_existingInitialize != null)
                {
                    Remove(editor, _existingInitialize);
                }

                if (_cpuSeedStatement != null && _cpuSeedStatement == _first)
                {
                    Replace(editor, _first, initialize.WithLeadingTrivia(_first.GetLeadingTrivia()));
                }
                else
                {
                    if (_cpuSeedStatement != null)
                    {
                        Remove(editor, _cpuSeedStatement);
                    }

                    InsertBefore(editor, _first, initialize);
                }

                return editor.GetChangedDocument();
            }

            /// <summary>
            /// Whether the entry point's expression body is its result (<c>int Main() => Run();</c>, a Task returned or an
            /// async <c>Task&lt;int&gt;</c>), so the block returns it, rather than a statement (void, async Task).
            /// </summary>
            private static bool ReturnsValue(IMethodSymbol entry) =>
                !entry.ReturnsVoid && !(entry.IsAsync && entry.ReturnType is INamedTypeSymbol { IsGenericType: false });

            /// <summary>Top-level statements live in GlobalStatementSyntax members; edits are made on those.</summary>
            private static SyntaxNode Container(SyntaxNode statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

            private static SyntaxNode Wrap(SyntaxNode anchor, StatementSyntax statement) =>
                anchor.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

            private static void InsertBefore(DocumentEditor editor, SyntaxNode anchor, StatementSyntax statement) =>
                FixSyntax.InsertStatementBefore(editor, (StatementSyntax)anchor, statement);

            private static void InsertAfter(DocumentEditor editor, SyntaxNode anchor, StatementSyntax statement) =>
                editor.InsertAfter(Container(anchor), Wrap(anchor, statement));

            private static void Replace(DocumentEditor editor, SyntaxNode anchor, StatementSyntax statement) =>
                editor.ReplaceNode(Container(anchor), Wrap(anchor, statement));

            private static void Remove(DocumentEditor editor, SyntaxNode statement) =>
                editor.RemoveNode(Container(statement), SyntaxRemoveOptions.KeepNoTrivia);

            /// <summary>The call an expression statement or a single-variable declaration makes directly.</summary>
            private static InvocationExpressionSyntax? DirectCall(SyntaxNode statement) => statement switch
            {
                ExpressionStatementSyntax expression => expression.Expression as InvocationExpressionSyntax,
                LocalDeclarationStatementSyntax local when local.Declaration.Variables.Count == 1 =>
                    local.Declaration.Variables[0].Initializer?.Value as InvocationExpressionSyntax,
                _ => null,
            };

            private static bool ReferencesLocals(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            {
                foreach (IdentifierNameSyntax name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    ISymbol? symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                    if (symbol is ILocalSymbol || symbol is IRangeVariableSymbol)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsRepeatable(ExpressionSyntax seed) => seed switch
            {
                LiteralExpressionSyntax _ => true,
                IdentifierNameSyntax _ => true,
                MemberAccessExpressionSyntax member => member.Expression is IdentifierNameSyntax || member.Expression is MemberAccessExpressionSyntax,
                CastExpressionSyntax cast => IsRepeatable(cast.Expression),
                PrefixUnaryExpressionSyntax unary => IsRepeatable(unary.Operand),
                _ => false,
            };
        }
    }
}
