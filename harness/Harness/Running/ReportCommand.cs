using Harness.Cli;

namespace Harness.Running;

/// <summary>
/// <c>report DIR</c>: regenerates DIR/report.md from the result files on disk, e.g. after an interrupted run
/// or after the report format improved. Prints the headline table.
/// </summary>
public static class ReportCommand
{
    public const string Command = "report";

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{Command}: usage: report DIR (a folder written by the table command)");
        RunReport.Write(Command, args[0], console);
        return 0;
    }
}
