using Harness.Native;

namespace Harness.Child;

/// <summary>
/// The child's half of the parent watch (peers/PROTOCOL.md, section 1). With <c>BENCH_PARENT_PIPE=stdin</c> the parent
/// holds the write end of the child's stdin open and never writes to it; a thread of the child reads stdin until end
/// of file, which comes only when the parent is gone (killed, crashed, hung up), and then ends the process at once with
/// exit code 125: nobody is left to read the result, and a child running on alone would disturb whatever runs next.
/// </summary>
public static class ParentWatchdog
{
    public const string Variable = "BENCH_PARENT_PIPE";

    /// <summary>The value of <see cref="Variable"/> that asks for the watch on stdin.</summary>
    public const string OnStdin = "stdin";

    /// <summary>Starts the watch when the environment asks for it; call before any measurement.</summary>
    public static void StartIfAsked()
    {
        if (Environment.GetEnvironmentVariable(Variable) != OnStdin) return;
        Stream stdin = Console.OpenStandardInput();
        var watcher = new Thread(() => Watch(stdin)) { IsBackground = true, Name = "parent-watchdog" };
        watcher.Start();
    }

    private static void Watch(Stream stdin)
    {
        var buffer = new byte[64];
        try
        {
            while (stdin.Read(buffer) > 0)
            {
                // The parent never writes; whatever comes is ignored until the end of file.
            }
        }
        catch (IOException)
        {
            // A broken stdin means the same as its end: the parent is gone.
        }
        Libc.ExitImmediately(ChildExitCodes.ParentGone);
    }
}
