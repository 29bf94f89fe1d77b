namespace Harness.Commands;

/// <summary>
/// Where an exception becomes an exit code and one line on stderr: bad input and unreadable or unwritable files
/// exit 2, anything else is a bug and exits 3 (its stack trace only with <see cref="DebugVariable"/>=1).
/// </summary>
public static class FailureBoundary
{
    /// <summary>Set to 1 to let an unexpected exception escape with its stack trace.</summary>
    public const string DebugVariable = "BENCH_DEBUG";

    public static int Run(Func<int> command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return command();
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The machine, not the arguments: a file that cannot be read or written, a full disk, a corrupt result file.
            error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(DebugVariable) != "1")
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)} (set {DebugVariable}=1 for the stack trace)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>A message that quotes the user's input could carry a line break; the promise is one line.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
