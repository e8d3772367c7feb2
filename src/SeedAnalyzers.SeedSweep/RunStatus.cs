using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>How one seed's process ended.</summary>
    internal enum RunOutcome
    {
        /// <summary>Exit code 0 and a manifest recording the seed it was given.</summary>
        Succeeded,

        /// <summary>A non-zero exit code, a process that could not start, or a missing or wrong manifest.</summary>
        Failed,

        /// <summary>Killed, with its process tree, at the time limit.</summary>
        TimedOut,

        /// <summary>Killed because the sweep was interrupted (Ctrl+C, SIGTERM); runs again on resume.</summary>
        Cancelled,
    }

    /// <summary>
    /// The <c>seed-N.status.json</c> file that <c>run</c> writes when a seed's process ends. A seed is finished,
    /// and skipped on resume, when this file says <c>"outcome": "succeeded"</c> and its manifest loads and records
    /// that seed.
    /// </summary>
    internal sealed record RunStatus(
        long Seed,
        RunOutcome Outcome,
        int? ExitCode,
        string Message,
        DateTimeOffset StartedUtc,
        double Seconds,
        IReadOnlyList<string> Command)
    {
        internal static string OutcomeName(RunOutcome outcome) => outcome switch
        {
            RunOutcome.Succeeded => "succeeded",
            RunOutcome.TimedOut => "timed-out",
            RunOutcome.Cancelled => "cancelled",
            _ => "failed",
        };

        internal void Write(string path)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteNumber("seed", Seed);
                json.WriteString("outcome", OutcomeName(Outcome));
                if (ExitCode.HasValue)
                {
                    json.WriteNumber("exitCode", ExitCode.Value);
                }
                else
                {
                    json.WriteNull("exitCode");
                }

                json.WriteString("message", Message);
                json.WriteString("startedUtc", StartedUtc.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                json.WriteNumber("seconds", Math.Round(Seconds, 3));
                json.WriteStartArray("command");
                foreach (string word in Command)
                {
                    json.WriteStringValue(word);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            string temporary = path + ".tmp";
            File.WriteAllBytes(temporary, stream.ToArray());
            File.Move(temporary, path, overwrite: true);
        }

        /// <summary>Reads a status file; a damaged one is an error naming the file, never a silent "finished".</summary>
        /// <exception cref="InvalidDataException">The file is not a status file written by run.</exception>
        internal static RunStatus Read(string path)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8));
                JsonElement root = document.RootElement;
                string outcomeText = root.GetProperty("outcome").GetString() ?? string.Empty;
                RunOutcome outcome = Enum.GetValues<RunOutcome>().FirstOrDefault(candidate => OutcomeName(candidate) == outcomeText, (RunOutcome)(-1));
                if (outcome == (RunOutcome)(-1))
                {
                    throw new InvalidDataException($"unknown outcome '{outcomeText}'");
                }

                JsonElement exitCode = root.GetProperty("exitCode");
                return new RunStatus(
                    root.GetProperty("seed").GetInt64(),
                    outcome,
                    exitCode.ValueKind == JsonValueKind.Null ? null : exitCode.GetInt32(),
                    root.TryGetProperty("message", out JsonElement message) ? message.GetString() ?? string.Empty : string.Empty,
                    root.TryGetProperty("startedUtc", out JsonElement started) && started.TryGetDateTimeOffset(out DateTimeOffset when) ? when : default,
                    root.TryGetProperty("seconds", out JsonElement seconds) && seconds.TryGetDouble(out double value) ? value : 0,
                    root.TryGetProperty("command", out JsonElement command) && command.ValueKind == JsonValueKind.Array
                        ? command.EnumerateArray().Select(word => word.GetString() ?? string.Empty).ToArray()
                        : Array.Empty<string>());
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is FormatException || e is InvalidDataException)
            {
                throw new InvalidDataException($"the status file '{SweepFolder.Show(path)}' is damaged ({e.Message})", e);
            }
        }
    }
}
