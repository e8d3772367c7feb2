namespace SeedAnalyzers.Analyzers
{
    /// <summary>A construct that runs a delegate on other threads, as SEED010 names it.</summary>
    internal sealed class ConcurrentConstruct
    {
        public ConcurrentConstruct(string method, string display, bool repeats, bool separateActions = false)
        {
            Method = method;
            Display = display;
            Repeats = repeats;
            SeparateActions = separateActions;
        }

        /// <summary>The API member that takes the delegate ("For", "ForEach", "Run", ".ctor", "Elapsed", ...).</summary>
        public string Method { get; }

        /// <summary>How the message names it, e.g. "Parallel.For" or "new Thread(...)".</summary>
        public string Display { get; }

        /// <summary>True when the delegate itself runs many times at once (loop bodies, PLINQ, timers).</summary>
        public bool Repeats { get; }

        /// <summary>
        /// True for Parallel.Invoke: several delegates run at once, but each of them once per start, so a generator
        /// only one of them uses is its own, as a task's is.
        /// </summary>
        public bool SeparateActions { get; }
    }
}
