using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace SeedAnalyzers.SweepTool
{
    /// <summary>The entry point: the verb, the signals that interrupt a sweep, and the exit code.</summary>
    internal static class Program
    {
        internal const int Success = 0;
        internal const int Flagged = 1;
        internal const int BadInput = 2;
        internal const int Interrupted = 130;

        private static async Task<int> Main(string[] args)
        {
            using var interrupt = new CancellationTokenSource();
            int signals = 0;
            void Stop(PosixSignalContext context)
            {
                // The first Ctrl+C (or SIGTERM from a scheduler) stops the sweep cleanly; a second one is obeyed at once.
                if (Interlocked.Increment(ref signals) == 1)
                {
                    context.Cancel = true;
                    Console.Error.WriteLine("seedsweep: stopping: killing the running seeds; finished seeds are kept");
                    interrupt.Cancel();
                }
            }

            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            bool live = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
            return await RunAsync(args, Console.Out, Console.Error, live, interrupt.Token).ConfigureAwait(false);
        }

        /// <summary>The whole tool, with its output and interruption handed in (tests call this).</summary>
        internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool live, CancellationToken interrupt)
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                (args.Length == 0 ? error : output).WriteLine(CommandLine.Usage);
                return args.Length == 0 ? BadInput : Success;
            }

            if (args[0] == "--version")
            {
                output.WriteLine("seedsweep " + (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"));
                return Success;
            }

            string[] rest = args.Skip(1).ToArray();
            try
            {
                if (rest.Length > 0 && rest[0] is "--help" or "-h")
                {
                    output.WriteLine(CommandLine.Usage);
                    return Success;
                }

                switch (args[0])
                {
                    case "run":
                        return await new SweepRunner(CommandLine.ParseRun(rest), output, live).RunAsync(interrupt).ConfigureAwait(false);
                    case "report":
                        return new SweepReport(CommandLine.ParseReport(rest), output).Run();
                    default:
                        throw new UsageException($"unknown verb '{args[0]}'; the verbs are run and report");
                }
            }
            catch (UsageException e)
            {
                error.WriteLine("seedsweep: " + e.Message);
                error.WriteLine("(dotnet seedsweep --help lists the options)");
                return BadInput;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The sweep folder became unwritable (disk full, permissions): say so, never a stack trace.
                error.WriteLine("seedsweep: " + e.Message);
                return BadInput;
            }
        }
    }
}
