using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;

namespace SeedAnalyzers
{
    /// <summary>
    /// Serializes the draws on a <see cref="Determinism.Shared(string)"/> stream. An uncontended draw costs one
    /// interlocked exchange; a draw that finds another thread drawing is counted, reported once (warning and manifest),
    /// and then waits its turn, or throws under <see cref="ContentionAction.Throw"/>.
    /// </summary>
    internal sealed class SharedStreamGuard
    {
        private readonly Determinism.State _state;
        private readonly SeedManifest.StreamEntry _entry;
        private int _busy;

        internal SharedStreamGuard(Determinism.State state, SeedManifest.StreamEntry entry)
        {
            _state = state;
            _entry = entry;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Enter()
        {
            if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            {
                WaitContended();
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Exit() => Volatile.Write(ref _busy, 0);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WaitContended()
        {
            bool first = _entry.CountContention();
            if (_state.Options.WhenSharedStreamContended == ContentionAction.Throw)
            {
                throw new InvalidOperationException(
                    $"The shared stream '{_entry.Name}' (Determinism.Shared) was drawn by several threads at once, so which thread " +
                    "gets which number depends on scheduling and the run is not reproducible. Give each worker its own stream " +
                    $"(Determinism.Random(\"{_entry.Name}\", index) or rng.ForIndex(i)). The stream is unchanged. " +
                    "(DeterminismOptions.WhenSharedStreamContended is Throw.)");
            }

            if (first)
            {
                Report();
            }

            var spin = default(SpinWait);
            while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            {
                spin.SpinOnce();
            }
        }

        private void Report()
        {
            try
            {
                Determinism.WarningWriter.WriteLine(
                    $"warning: SeedAnalyzers: the shared stream '{_entry.Name}' (Determinism.Shared) is drawn by several threads " +
                    "at once. Draws are serialized, so nothing breaks, but which thread gets which number depends on scheduling: " +
                    $"this run is not reproducible. Give each worker its own stream (Determinism.Random(\"{_entry.Name}\", index) " +
                    "or rng.ForIndex(i)). Recorded in the seed manifest.");
                _state.WriteManifestIfConfigured();
            }
            catch (IOException)
            {
                // A draw must not fail because the manifest or the warning could not be written; the count is kept in
                // memory and written with the manifest's next write.
            }
        }
    }
}
