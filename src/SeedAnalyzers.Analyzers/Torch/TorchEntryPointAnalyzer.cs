using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// The TorchSharp rules that depend on what the entry point does first: SEED020 (random operation while torch
    /// is never seeded), SEED022 (CUDA used, but only the CPU generator is seeded) and SEED031 (CUDA used without
    /// GPU determinism, or determinism options relaxed without a reason). Each use is reported where it is, from
    /// its own operation callback, so the diagnostics are live in the IDE; the entry point is examined once per
    /// compilation, on first need.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TorchEntryPointAnalyzer : DiagnosticAnalyzer
    {
        private const string Seed020Description =
            "TorchSharp draws random tensors, initial weights and dropout masks from torch's global generator, which is seeded from the clock unless the program seeds it. "
            + "In an executable, call TorchDeterminism.Initialize(seed: ...) (or torch.manual_seed) as the first statement of Main or of the top-level statements, or pass an explicit generator: argument. "
            + "Library projects are not analyzed unless seedanalyzers.torch.analyze_libraries = true.";

        public static readonly DiagnosticDescriptor UnseededRule = Rules.Create(
            RuleIdentifiers.TorchUnseededRandomOperation,
            "TorchSharp random operation while torch is never seeded",
            "'{0}' draws from torch's global generator, and the entry point never seeds torch, so every run differs; call TorchDeterminism.Initialize(seed: ...) first in the entry point",
            DiagnosticSeverity.Warning,
            Seed020Description);

        public static readonly DiagnosticDescriptor BeforeSeedRule = Rules.Create(
            RuleIdentifiers.TorchUnseededRandomOperation,
            "TorchSharp random operation while torch is never seeded",
            "'{0}' draws from torch's global generator before the entry point seeds torch; seed torch first",
            DiagnosticSeverity.Warning,
            Seed020Description);

        public static readonly DiagnosticDescriptor CudaNotSeededRule = Rules.Create(
            RuleIdentifiers.TorchCudaNotSeeded,
            "CUDA is used but only the CPU generator is seeded",
            "'{0}' uses CUDA, but the entry point seeds torch only with manual_seed, which in TorchSharp seeds the CPU generator alone; also call torch.cuda.manual_seed_all, or use TorchDeterminism.Initialize",
            DiagnosticSeverity.Warning,
            "Unlike PyTorch's, TorchSharp's torch.manual_seed and torch.random.manual_seed seed only the CPU generator. Random operations on a CUDA device draw from the CUDA generators, which stay seeded from the clock until torch.cuda.manual_seed_all is called.");

        public static readonly DiagnosticDescriptor LibraryCallsRule = Rules.Create(
            RuleIdentifiers.TorchUnseededRandomOperation,
            "TorchSharp random operation while torch is never seeded",
            "'{0}' runs TorchSharp code of a referenced library ({1}), and the entry point never seeds torch, so every run differs; call TorchDeterminism.Initialize(seed: ...) first in the entry point",
            DiagnosticSeverity.Warning,
            Seed020Description);

        public static readonly DiagnosticDescriptor UnseededInLibraryRule = Rules.Create(
            RuleIdentifiers.TorchUnseededRandomOperation,
            "TorchSharp random operation while torch is never seeded",
            "'{0}' draws from torch's global generator, which this library leaves to the program that uses it; that program must seed torch first in its entry point (TorchDeterminism.Initialize(seed: ...)), or pass a generator: argument here",
            DiagnosticSeverity.Warning,
            Seed020Description);

        private const string Seed031Description =
            "On a GPU, cuDNN may pick nondeterministic or benchmarked algorithms, TF32 changes precision, and cuBLAS needs CUBLAS_WORKSPACE_CONFIG before CUDA initializes. "
            + "TorchSharp has no cudnn.deterministic or use_deterministic_algorithms; TorchDeterminism.Initialize sets each item through libtorch and records it. "
            + "Relaxing an item in TorchDeterminismOptions is allowed for a speed run, with a RelaxationReason that goes into the seed manifest.";

        public static readonly DiagnosticDescriptor GpuNotDeterministicRule = Rules.Create(
            RuleIdentifiers.TorchGpuDeterminismNotEstablished,
            "GPU determinism is not established",
            "'{0}' uses CUDA, but the entry point does not establish GPU determinism (deterministic cuDNN, benchmark off, deterministic algorithms, TF32 off, cuBLAS workspace); call TorchDeterminism.Initialize(seed: ...) first in the entry point",
            DiagnosticSeverity.Warning,
            Seed031Description);

        public static readonly DiagnosticDescriptor CudaBeforeDeterminismRule = Rules.Create(
            RuleIdentifiers.TorchGpuDeterminismNotEstablished,
            "GPU determinism is not established",
            "'{0}' uses CUDA before the entry point calls TorchDeterminism.Initialize; cuBLAS reads its workspace setting when CUDA initializes, so initialize first",
            DiagnosticSeverity.Warning,
            Seed031Description);

        public static readonly DiagnosticDescriptor CudaReachedBeforeDeterminismRule = Rules.Create(
            RuleIdentifiers.TorchGpuDeterminismNotEstablished,
            "GPU determinism is not established",
            "'{0}' reaches '{1}', which uses CUDA before the entry point calls TorchDeterminism.Initialize; cuBLAS reads its workspace setting when CUDA initializes, so initialize first",
            DiagnosticSeverity.Warning,
            Seed031Description);

        public static readonly DiagnosticDescriptor GpuInLibraryRule = Rules.Create(
            RuleIdentifiers.TorchGpuDeterminismNotEstablished,
            "GPU determinism is not established",
            "'{0}' uses CUDA, and GPU determinism is left to the program that uses this library; that program must call TorchDeterminism.Initialize(seed: ...) first in its entry point",
            DiagnosticSeverity.Warning,
            Seed031Description);

        public static readonly DiagnosticDescriptor RelaxedWithoutReasonRule = Rules.Create(
            RuleIdentifiers.TorchGpuDeterminismNotEstablished,
            "GPU determinism is not established",
            "'{0}' turns a determinism item off without a RelaxationReason; say why in RelaxationReason (it goes into the seed manifest) or keep the default",
            DiagnosticSeverity.Warning,
            Seed031Description);

        /// <summary>Diagnostic property naming the entry-point fix: <see cref="InitializeFix"/> or <see cref="CudaSeedFix"/>.</summary>
        public const string FixProperty = "fix";

        public const string InitializeFix = "initialize";

        public const string CudaSeedFix = "cudaSeed";

        private static readonly ImmutableDictionary<string, string?> InitializeProperties =
            ImmutableDictionary<string, string?>.Empty.Add(FixProperty, InitializeFix);

        private static readonly ImmutableDictionary<string, string?> CudaSeedProperties =
            ImmutableDictionary<string, string?>.Empty.Add(FixProperty, CudaSeedFix);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(UnseededRule, BeforeSeedRule, LibraryCallsRule, UnseededInLibraryRule, CudaNotSeededRule, GpuNotDeterministicRule, CudaBeforeDeterminismRule, CudaReachedBeforeDeterminismRule, GpuInLibraryRule, RelaxedWithoutReasonRule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Rules.GeneratedCode);
            context.RegisterCompilationStartAction(start =>
            {
                TorchSymbols? symbols = KnownSymbols.Get(start.Compilation).Torch;
                if (symbols is null)
                {
                    return;
                }

                // A library is judged only when some file opts in: otherwise no callback runs for its torch uses.
                var options = new AnalyzerOptionsReader(start.Options);
                if (IsExecutable(start.Compilation.Options.OutputKind) || options.AnyFileAnalyzesTorchLibraries(start.Compilation))
                {
                    var entryPoint = new TorchEntryPointCache(start.Compilation, symbols, options);
                    start.RegisterOperationAction(operation => AnalyzeInvocation(operation, symbols, entryPoint, options), OperationKind.Invocation);
                    start.RegisterOperationAction(operation => AnalyzeCreation(operation, symbols, entryPoint, options), OperationKind.ObjectCreation);
                    start.RegisterOperationAction(operation => AnalyzeMemberReference(operation, symbols, entryPoint, options), OperationKind.FieldReference, OperationKind.PropertyReference);
                }

                if (symbols.TorchDeterminismOptions != null)
                {
                    start.RegisterOperationAction(operation => AnalyzeOptionAssignment(operation, symbols), OperationKind.SimpleAssignment);
                }
            });
        }

        internal static bool IsExecutable(OutputKind kind) =>
            kind == OutputKind.ConsoleApplication || kind == OutputKind.WindowsApplication || kind == OutputKind.WindowsRuntimeApplication;

        private static void AnalyzeInvocation(OperationAnalysisContext context, TorchSymbols symbols, TorchEntryPointCache entryPoint, AnalyzerOptionsReader options)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            if (!symbols.IsTorchSharp(invocation.TargetMethod))
            {
                ReportEntryPointCall(context, entryPoint, invocation.Syntax);
                return;
            }

            if (TorchRandomOperations.IsRandom(invocation, symbols))
            {
                ReportRandom(context, entryPoint, invocation.Syntax, options);
            }

            if (symbols.IsCudaUse(invocation) || HasCudaArgument(invocation.Arguments, symbols))
            {
                ReportCuda(context, entryPoint, invocation.Syntax, options);
            }
            else if (symbols.TouchesCuda(invocation.TargetMethod))
            {
                // torch.cuda.is_available() decides nothing about determinism by itself, but it initializes CUDA.
                TorchEntryPoint point = entryPoint.Get(context.CancellationToken);
                if (point.Kind == TorchEntryPoint.EntryKind.Executable && point.RunsBefore(invocation.Syntax, point.DeterminismStart))
                {
                    context.ReportDiagnostic(Diagnostic.Create(CudaBeforeDeterminismRule, invocation.Syntax.GetLocation(), InitializeProperties, Display(invocation.Syntax)));
                }
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, TorchSymbols symbols, TorchEntryPointCache entryPoint, AnalyzerOptionsReader options)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!(creation.Constructor is IMethodSymbol constructor) || creation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            if (!symbols.IsTorchSharp(constructor))
            {
                ReportEntryPointCall(context, entryPoint, creation.Syntax);
            }
            else if (HasCudaArgument(creation.Arguments, symbols))
            {
                ReportCuda(context, entryPoint, creation.Syntax, options);
            }
        }

        private static void AnalyzeMemberReference(OperationAnalysisContext context, TorchSymbols symbols, TorchEntryPointCache entryPoint, AnalyzerOptionsReader options)
        {
            if (symbols.IsCudaUse(context.Operation) && !context.Operation.Syntax.ContainsDiagnostics)
            {
                ReportCuda(context, entryPoint, context.Operation.Syntax, options);
            }
        }

        private static bool HasCudaArgument(ImmutableArray<IArgumentOperation> arguments, TorchSymbols symbols)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Value.Kind == OperationKind.Literal && symbols.IsCudaUse(argument))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A call in the entry point that runs a referenced library's TorchSharp code while nothing seeds torch (reported
        /// once, at the first such call, naming the library calls), or that reaches a helper touching CUDA before
        /// Initialize. Other calls cost a comparison of trees and spans.
        /// </summary>
        private static void ReportEntryPointCall(OperationAnalysisContext context, TorchEntryPointCache cache, SyntaxNode syntax)
        {
            TorchEntryPoint entryPoint = cache.Get(context.CancellationToken);
            if (entryPoint.Kind != TorchEntryPoint.EntryKind.Executable || syntax.SyntaxTree != entryPoint.Tree || !entryPoint.BodySpan.Contains(syntax.Span))
            {
                return;
            }

            TorchEntryPoint.Reached reached = entryPoint.Reach(context.CancellationToken);
            if (reached.LibrarySite == syntax && !reached.SeededThroughLibrary)
            {
                context.ReportDiagnostic(Diagnostic.Create(LibraryCallsRule, syntax.GetLocation(), InitializeProperties, Display(syntax), reached.LibraryCalls));
            }

            if (reached.CudaBeforeDeterminism.TryGetValue(syntax, out string? cuda))
            {
                context.ReportDiagnostic(Diagnostic.Create(CudaReachedBeforeDeterminismRule, syntax.GetLocation(), InitializeProperties, Display(syntax), cuda));
            }
        }

        private static void ReportRandom(OperationAnalysisContext context, TorchEntryPointCache cache, SyntaxNode syntax, AnalyzerOptionsReader options)
        {
            TorchEntryPoint entryPoint = cache.Get(context.CancellationToken);
            switch (entryPoint.Kind)
            {
                case TorchEntryPoint.EntryKind.Library:
                    if (options.TorchAnalyzeLibraries(syntax.SyntaxTree))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(UnseededInLibraryRule, syntax.GetLocation(), Display(syntax)));
                    }

                    break;
                case TorchEntryPoint.EntryKind.Executable:
                    if (!entryPoint.SeedsCpu)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(UnseededRule, syntax.GetLocation(), InitializeProperties, Display(syntax)));
                    }
                    else if (entryPoint.RunsBefore(syntax, entryPoint.CpuSeedStart))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(BeforeSeedRule, syntax.GetLocation(), InitializeProperties, Display(syntax)));
                    }

                    break;
            }
        }

        private static void ReportCuda(OperationAnalysisContext context, TorchEntryPointCache cache, SyntaxNode syntax, AnalyzerOptionsReader options)
        {
            TorchEntryPoint entryPoint = cache.Get(context.CancellationToken);
            switch (entryPoint.Kind)
            {
                case TorchEntryPoint.EntryKind.Library:
                    if (options.TorchAnalyzeLibraries(syntax.SyntaxTree))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(GpuInLibraryRule, syntax.GetLocation(), Display(syntax)));
                    }

                    break;
                case TorchEntryPoint.EntryKind.Executable:
                    if (entryPoint.SeedsCpu && !entryPoint.SeedsCuda)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(CudaNotSeededRule, syntax.GetLocation(), CudaSeedProperties, Display(syntax)));
                    }

                    if (!entryPoint.EstablishesDeterminism)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(GpuNotDeterministicRule, syntax.GetLocation(), InitializeProperties, Display(syntax)));
                    }
                    else if (entryPoint.RunsBefore(syntax, entryPoint.DeterminismStart))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(CudaBeforeDeterminismRule, syntax.GetLocation(), InitializeProperties, Display(syntax)));
                    }

                    break;
            }
        }

        private static void AnalyzeOptionAssignment(OperationAnalysisContext context, TorchSymbols symbols)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || !target.Property.ContainingType.Is(symbols.TorchDeterminismOptions)
                || !Relaxes(target.Property.Name, assignment.Value)
                || assignment.Syntax.ContainsDiagnostics)
            {
                return;
            }

            bool hasReason = assignment.Parent is IObjectOrCollectionInitializerOperation initializer
                ? InitializerGivesReason(initializer)
                : MemberAssignsReason(assignment.Syntax);
            if (!hasReason)
            {
                context.ReportDiagnostic(Diagnostic.Create(RelaxedWithoutReasonRule, assignment.Syntax.GetLocation(), assignment.Syntax.ToString()));
            }
        }

        /// <summary>
        /// The cuBLAS workspace settings that make cuBLAS deterministic, as TorchDeterminism accepts them (a test pins
        /// both copies against the runtime).
        /// </summary>
        internal static readonly string[] DeterministicWorkspaceConfigs = { ":4096:8", ":16:8" };

        /// <summary>True when a constant value turns the named item away from its reproducible default.</summary>
        internal static bool Relaxes(string property, IOperation value) =>
            value.ConstantValue.HasValue && Relaxes(property, value.ConstantValue.Value);

        /// <summary>
        /// True when <paramref name="value"/> turns the TorchDeterminismOptions item <paramref name="property"/> away from
        /// its reproducible default. The names and defaults copy the runtime's (pinned by a reflection test).
        /// </summary>
        internal static bool Relaxes(string property, object? value)
        {
            switch (property)
            {
                case "SeedCuda":
                case "DeterministicCuDnn":
                case "DeterministicAlgorithms":
                    return value is bool off && !off;
                case "CuDnnBenchmark":
                case "DeterministicAlgorithmsWarnOnly":
                case "AllowTF32":
                case "AllowReducedPrecisionReduction":
                    return value is bool on && on;
                case "CublasWorkspaceConfig":
                    return !(value is string config) || System.Array.IndexOf(DeterministicWorkspaceConfigs, config) < 0;
                case "WhenCudaAlreadyInitialized":
                    return value is int action && action != 0;
                default:
                    return false;
            }
        }

        private static bool InitializerGivesReason(IObjectOrCollectionInitializerOperation initializer)
        {
            foreach (IOperation member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation assignment
                    && assignment.Target is IPropertyReferenceOperation property
                    && property.Property.Name == "RelaxationReason")
                {
                    Optional<object?> constant = assignment.Value.ConstantValue;
                    return !constant.HasValue || (constant.Value is string reason && reason.Trim().Length > 0);
                }
            }

            return false;
        }

        /// <summary>For <c>options.AllowTF32 = true;</c> outside an initializer: any RelaxationReason assignment in the same member.</summary>
        private static bool MemberAssignsReason(SyntaxNode syntax)
        {
            SyntaxNode scope = (SyntaxNode?)syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? syntax.SyntaxTree.GetRoot();
            foreach (SyntaxNode node in scope.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax other
                    && other.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && LastName(other.Left) == "RelaxationReason")
                {
                    return true;
                }
            }

            return false;
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>The text shown in the message: the call without its argument list when long.</summary>
        internal static string Display(SyntaxNode syntax)
        {
            string text = syntax.ToString();
            if (text.Length <= 80)
            {
                return text;
            }

            if (syntax is InvocationExpressionSyntax invocation)
            {
                return invocation.Expression.ToString() + "(...)";
            }

            if (syntax is ObjectCreationExpressionSyntax creation)
            {
                return "new " + creation.Type.ToString() + "(...)";
            }

            return text.Substring(0, 77) + "...";
        }
    }
}
