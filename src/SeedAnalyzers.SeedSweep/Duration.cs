using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>
    /// Time limits as people write them: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1h30m</c>, <c>1.5h</c>, <c>2d</c>,
    /// <c>500ms</c>, or a clock time <c>h:mm:ss</c> (Slurm's form); a bare number is refused because its unit is a
    /// guess.
    /// </summary>
    internal static class Duration
    {
        private static readonly Regex UnitForm = new Regex(@"^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d))+$", RegexOptions.CultureInvariant);
        private static readonly Regex ClockForm = new Regex(@"^(\d+):([0-5]?\d):([0-5]?\d)$", RegexOptions.CultureInvariant);

        internal static TimeSpan Parse(string text)
        {
            string trimmed = text.Trim();
            Match clock = ClockForm.Match(trimmed);
            if (clock.Success)
            {
                return Checked(
                    text,
                    (double.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture) * 3600)
                    + (double.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture) * 60)
                    + double.Parse(clock.Groups[3].Value, CultureInfo.InvariantCulture));
            }

            Match units = UnitForm.Match(trimmed);
            if (!units.Success)
            {
                throw new FormatException($"'{text}' is not a duration; write it as 90s, 30m, 2h, 1h30m or 1:30:00");
            }

            double seconds = 0;
            for (int i = 0; i < units.Groups[1].Captures.Count; i++)
            {
                double amount = double.Parse(units.Groups[1].Captures[i].Value, CultureInfo.InvariantCulture);
                seconds += amount * units.Groups[2].Captures[i].Value switch
                {
                    "ms" => 0.001,
                    "s" => 1,
                    "m" => 60,
                    "h" => 3600,
                    _ => 86400,
                };
            }

            return Checked(text, seconds);
        }

        /// <summary>The shortest of the forms above that reads back as the same time: "30m", "1h30m", "1.5s".</summary>
        internal static string Format(TimeSpan duration)
        {
            if (duration.TotalSeconds < 60 && duration.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                return duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
            }

            string text = string.Empty;
            long seconds = (long)Math.Round(duration.TotalSeconds);
            if (seconds >= 86400 && seconds % 86400 == 0)
            {
                return (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d";
            }

            foreach ((long size, string unit) in new[] { (3600L, "h"), (60L, "m"), (1L, "s") })
            {
                if (seconds >= size)
                {
                    text += (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
                    seconds %= size;
                }
            }

            return text.Length == 0 ? "0s" : text;
        }

        private static TimeSpan Checked(string text, double seconds)
        {
            // A timer runs up to 2^31 ms, just under 25 days.
            if (seconds <= 0 || seconds > TimeSpan.FromDays(24).TotalSeconds)
            {
                throw new FormatException($"the duration '{text}' must be more than zero and at most 24d");
            }

            return TimeSpan.FromSeconds(seconds);
        }
    }
}
