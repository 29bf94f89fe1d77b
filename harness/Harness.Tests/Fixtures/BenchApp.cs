using Harness.Child;
using System.Diagnostics;
using Harness.Running;

namespace Harness.Tests.Fixtures;

/// <summary>Starts the real bench application (built alongside the tests) as a child process.</summary>
internal static class BenchApp
{
    public static ChildCommand Command => ChildCommand.ForAssembly(typeof(Bench.Program).Assembly.Location);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs bench as a person would start it (not as a table's scenario child).</summary>
    public static Result Run(TimeSpan timeout, params string[] args) => Run(timeout, asScenarioChild: false, args);

    /// <summary>Runs bench with the environment a table gives its scenario children, or as a person would.</summary>
    public static Result Run(TimeSpan timeout, bool asScenarioChild, params string[] args)
    {
        ProcessStartInfo info = Command.StartInfo(args, pinToCpu: null);
        if (!asScenarioChild) info.Environment.Remove(ChildCommand.StartedByParentVariable);
        using Process process = Process.Start(info)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bench {string.Join(' ', args)} did not finish in {timeout}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
