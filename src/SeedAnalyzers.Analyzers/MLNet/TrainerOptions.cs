using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SeedAnalyzers.Analyzers
{
    /// <summary>
    /// Where an ML.NET trainer's options object is created and what NumberOfThreads it gets there, as far as the member
    /// that trains shows it: an options object created inline, or in a local that nothing else assigns.
    /// </summary>
    internal static class TrainerOptions
    {
        /// <summary>
        /// The creation of the options object <paramref name="value"/> passes: itself, or a local's initializer when the
        /// local is not assigned again and its NumberOfThreads is not set elsewhere in the member. Null otherwise.
        /// </summary>
        public static IObjectCreationOperation? Creation(IOperation value, IOperation within)
        {
            switch (value.Unwrap())
            {
                case IObjectCreationOperation creation:
                    return creation;
                case ILocalReferenceOperation local:
                    return LocalCreation(local.Local, LocalUses.Root(within));
                default:
                    return null;
            }
        }

        /// <summary>
        /// The NumberOfThreads the object initializer of <paramref name="creation"/> sets: null when it does not set it
        /// (or sets null); false when it sets it to something that is not a constant.
        /// </summary>
        public static bool TryGetThreads(IOperation creation, IOperation within, out int? threads)
        {
            threads = null;
            if (!(creation is IObjectCreationOperation objectCreation) || objectCreation.Initializer is null)
            {
                return true;
            }

            foreach (IOperation initializer in objectCreation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation assignment && IsNumberOfThreads(assignment.Target))
                {
                    Optional<object?> constant = assignment.Value.Unwrap().ConstantValue;
                    if (!constant.HasValue)
                    {
                        return false;
                    }

                    threads = constant.Value as int?;
                }
            }

            return true;
        }

        private static bool IsNumberOfThreads(IOperation target) =>
            (target is IFieldReferenceOperation field && field.Field.Name == "NumberOfThreads")
            || (target is IPropertyReferenceOperation property && property.Property.Name == "NumberOfThreads");

        private static IObjectCreationOperation? LocalCreation(ILocalSymbol local, IOperation root)
        {
            IObjectCreationOperation? creation = null;
            foreach (IOperation operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        creation = declarator.Initializer?.Value.Unwrap() as IObjectCreationOperation;
                        if (creation is null)
                        {
                            return null;
                        }

                        break;
                    case IAssignmentOperation assignment when IsLocalOrItsThreads(assignment.Target, local):
                        return null;
                    case IArgumentOperation argument when argument.Parameter?.RefKind != RefKind.None && argument.Parameter?.RefKind != RefKind.In
                        && argument.Value is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null;
                }
            }

            return creation;
        }

        private static bool IsLocalOrItsThreads(IOperation target, ILocalSymbol local) =>
            (target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            || (IsNumberOfThreads(target)
                && target is IMemberReferenceOperation member
                && member.Instance is ILocalReferenceOperation instance
                && SymbolEqualityComparer.Default.Equals(instance.Local, local));
    }
}
