namespace Harness.Cli;

/// <summary>Bad input from the user: printed as one line, exit code 2, never a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
