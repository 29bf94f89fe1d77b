namespace Harness;

/// <summary>
/// Bad input from the user (an argument, a folder, a file of a run): printed as one line, exit code 2, never a
/// stack trace. It lives at the root of the library because every layer that reads the user's input raises it.
/// </summary>
public sealed class UsageException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
