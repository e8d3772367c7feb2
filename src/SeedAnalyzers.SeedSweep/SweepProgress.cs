using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// What a running sweep shows: one line per start and end (what a log file or CI keeps), and on a terminal a
    /// status line under them, redrawn every second, with the count done, the failures, the running seeds and the
    /// time elapsed.
    /// </summary>
    internal sealed class SweepProgress : IDisposable
    {
        private readonly TextWriter _output;
        private readonly bool _live;
        private readonly int _total;
        private readonly object _gate = new object();
        private readonly SortedSet<long> _running = new SortedSet<long>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Timer? _timer;
        private int _done;
        private int _failed;

        internal SweepProgress(TextWriter output, bool live, int total)
        {
            _output = output;
            _live = live;
            _total = total;
            _timer = live ? new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) : null;
        }

        internal void Started(long seed)
        {
            lock (_gate)
            {
                _running.Add(seed);
                Line(string.Create(CultureInfo.InvariantCulture, $"seed {seed} started"));
            }
        }

        internal void Finished(long seed, string outcome, bool succeeded)
        {
            lock (_gate)
            {
                _running.Remove(seed);
                _done++;
                if (!succeeded)
                {
                    _failed++;
                }

                Line(string.Create(CultureInfo.InvariantCulture, $"[{_done.ToString(CultureInfo.InvariantCulture).PadLeft(_total.ToString(CultureInfo.InvariantCulture).Length)}/{_total}] seed {seed} {outcome}"));
            }
        }

        /// <summary>A line outside the per-seed events (a warning, the summary), kept apart from the status line.</summary>
        internal void Line(string text)
        {
            lock (_gate)
            {
                if (_live)
                {
                    _output.Write("\r\u001b[K");
                }

                _output.WriteLine(text);
                if (_live && _running.Count > 0)
                {
                    _output.Write(StatusLine());
                }

                _output.Flush();
            }
        }

        public void Dispose()
        {
            _timer?.Dispose();
            lock (_gate)
            {
                if (_live)
                {
                    _output.Write("\r\u001b[K");
                    _output.Flush();
                }
            }
        }

        internal string StatusLine()
        {
            TimeSpan elapsed = _clock.Elapsed;
            string running = _running.Count <= 6
                ? string.Join(", ", _running.Select(seed => seed.ToString(CultureInfo.InvariantCulture)))
                : SeedList.Describe(_running);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"[{_done}/{_total} done, {_failed} failed] running: {running}  {(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");
        }

        private void Redraw()
        {
            lock (_gate)
            {
                if (_running.Count > 0)
                {
                    _output.Write("\r\u001b[K" + StatusLine());
                    _output.Flush();
                }
            }
        }
    }
}
