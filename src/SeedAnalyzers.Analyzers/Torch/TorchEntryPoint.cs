using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// What the program's entry point (Main or the top-level statements) does to torch's global state before
    /// anything else runs: seed the CPU generator, seed the CUDA generators, establish GPU determinism. Only
    /// unconditional top-level statements count (expression statements and local declarations, in order), and
    /// calls into methods of the same compilation are followed two levels deep, so a <c>Setup()</c> helper that
    /// calls <c>TorchDeterminism.Initialize</c> is understood.
    /// </summary>
    internal sealed partial class TorchEntryPoint
    {
        private const int MaxDepth = 2;

        /// <summary>No judgement possible (no entry point yet, as while typing): the rules stay silent.</summary>
        public static readonly TorchEntryPoint Unknown = new TorchEntryPoint(EntryKind.Unknown);

        /// <summary>A library: silent unless <see cref="OptionNames.TorchAnalyzeLibraries"/> is set.</summary>
        public static readonly TorchEntryPoint Library = new TorchEntryPoint(EntryKind.Library);

        private TorchEntryPoint(EntryKind kind)
        {
            Kind = kind;
        }

        public EntryKind Kind { get; }

        /// <summary>The tree and span of the entry point's body (top-level statements: the whole file).</summary>
        public SyntaxTree? Tree { get; private set; }

        public TextSpan BodySpan { get; private set; }

        /// <summary>Start of the first top-level statement that seeds the CPU generator; -1 when none does.</summary>
        public int CpuSeedStart { get; private set; } = -1;

        /// <summary>Start of the first top-level statement that seeds the CUDA generators; -1 when none does.</summary>
        public int CudaSeedStart { get; private set; } = -1;

        /// <summary>Start of the first top-level statement that establishes GPU determinism; -1 when none does.</summary>
        public int DeterminismStart { get; private set; } = -1;

        public bool SeedsCpu => CpuSeedStart >= 0;

        public bool SeedsCuda => CudaSeedStart >= 0;

        public bool EstablishesDeterminism => DeterminismStart >= 0;

        /// <summary>
        /// True when <paramref name="node"/> sits in the entry point's own body, is not inside a lambda or local
        /// function, and starts before <paramref name="statementStart"/>: it runs before that statement.
        /// </summary>
        public bool RunsBefore(SyntaxNode node, int statementStart)
        {
            if (statementStart < 0 || node.SyntaxTree != Tree || !BodySpan.Contains(node.SpanStart) || node.SpanStart >= statementStart)
            {
                return false;
            }

            for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
            {
                switch (current.Kind())
                {
                    case SyntaxKind.ParenthesizedLambdaExpression:
                    case SyntaxKind.SimpleLambdaExpression:
                    case SyntaxKind.AnonymousMethodExpression:
                    case SyntaxKind.LocalFunctionStatement:
                        return false;
                    case SyntaxKind.MethodDeclaration:
                    case SyntaxKind.CompilationUnit:
                        return true;
                }
            }

            return true;
        }

        public static TorchEntryPoint Compute(Compilation compilation, TorchSymbols symbols, AnalyzerOptionsReader options, CancellationToken cancellationToken)
        {
            if (!TorchEntryPointAnalyzer.IsExecutable(compilation.Options.OutputKind))
            {
                return Library;
            }

            IMethodSymbol? entry = compilation.GetEntryPoint(cancellationToken);
            if (entry is null)
            {
                return Unknown;
            }

            foreach (SyntaxReference reference in entry.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                if (!(declaration.SyntaxTree.Options is CSharpParseOptions))
                {
                    continue;
                }

                var result = new TorchEntryPoint(EntryKind.Executable) { Tree = declaration.SyntaxTree, _compilation = compilation, _symbols = symbols };
                IEnumerable<SyntaxNode>? statements = TopLevelStatements(declaration, out TextSpan body);
                if (statements is null)
                {
                    return Unknown;
                }

                result.BodySpan = body;
                result._statements = ImmutableArray.CreateRange(statements);
                ImmutableHashSet<string> configured = options.TorchSeedingMethods(declaration.SyntaxTree);
                var scanner = new Scanner(compilation, symbols, configured, SeedingNames.Build(compilation, configured, cancellationToken), cancellationToken);
                foreach (SyntaxNode statement in statements)
                {
                    Effect effect = scanner.Scan(statement, 0);
                    if ((effect & Effect.Cpu) != 0 && result.CpuSeedStart < 0)
                    {
                        result.CpuSeedStart = statement.SpanStart;
                    }

                    if ((effect & Effect.Cuda) != 0 && result.CudaSeedStart < 0)
                    {
                        result.CudaSeedStart = statement.SpanStart;
                    }

                    if ((effect & Effect.Determinism) != 0 && result.DeterminismStart < 0)
                    {
                        result.DeterminismStart = statement.SpanStart;
                    }

                    // Everything is known once all three are found: the rest of Main is not bound.
                    if (result.SeedsCpu && result.SeedsCuda && result.EstablishesDeterminism)
                    {
                        break;
                    }
                }

                return result;
            }

            return Unknown;
        }

        /// <summary>The statements of Main, or the global statements of a top-level program.</summary>
        internal static IEnumerable<SyntaxNode>? TopLevelStatements(SyntaxNode declaration, out TextSpan body)
        {
            switch (declaration)
            {
                case MethodDeclarationSyntax method when method.Body != null:
                    body = method.Body.Span;
                    return method.Body.Statements;
                case MethodDeclarationSyntax method when method.ExpressionBody != null:
                    body = method.ExpressionBody.Span;
                    return new SyntaxNode[] { method.ExpressionBody.Expression };
                case CompilationUnitSyntax unit:
                    body = unit.FullSpan;
                    return GlobalStatements(unit);
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                    body = unit.FullSpan;
                    return GlobalStatements(unit);
                default:
                    body = default;
                    return null;
            }
        }

        private static IEnumerable<SyntaxNode> GlobalStatements(CompilationUnitSyntax unit)
        {
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                if (member is GlobalStatementSyntax global)
                {
                    yield return global.Statement;
                }
            }
        }

        internal enum EntryKind
        {
            Unknown,
            Library,
            Executable,
        }
    }
}
