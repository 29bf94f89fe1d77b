using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// <c>report DIR</c>: regenerates DIR/report.md from the result files on disk, e.g. after an interrupted run
/// or after the report format improved. Prints the headline table.
/// </summary>
public static class ReportCommand
{
    public const string Command = "report";

    public static int Run(ReportOptions options, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string directory = Path.GetFullPath(options.Directory);
        RunFolderReader.RequireExisting(Command, directory);
        // One writer per folder: a report is refused while a table run (or another report) is writing there.
        using RunFolderLock held = RunFolderReader.Lock(Command, directory, "a report");
        RunReport.Write(Command, directory, console);
        return 0;
    }
}
