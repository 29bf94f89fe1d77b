namespace Harness.Commands;

/// <summary>
/// The exit codes every bench command keeps: scripts and CI read them, so each has one meaning everywhere.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done (for compare: nothing regressed).</summary>
    public const int Success = 0;

    /// <summary>The run finished but a scenario failed, or compare found a regression.</summary>
    public const int Failed = Running.TableRunner.SomeScenariosFailedExitCode;

    /// <summary>Bad input: one line on stderr, never a stack trace.</summary>
    public const int BadInput = UsageException.ExitCode;

    /// <summary>An unexpected failure (a bug): one line, or the stack trace with <see cref="FailureBoundary.DebugVariable"/>=1.</summary>
    public const int InternalError = 3;

    /// <summary>The run was interrupted (Ctrl-C or SIGTERM); what was measured is kept.</summary>
    public const int Interrupted = Running.TableRunner.InterruptedExitCode;
}
