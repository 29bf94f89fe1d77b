using Harness.Commands;

namespace Harness.Tests.Fixtures;

/// <summary>Runs the bench commands in this process, as the application does, capturing stdout and stderr.</summary>
internal static class InProcessCommands
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = new BenchCommandLine().Run(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
