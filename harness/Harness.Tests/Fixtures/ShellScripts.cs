using Harness.Child;
using System.Diagnostics;
using Harness.Running;

namespace Harness.Tests.Fixtures;

/// <summary>Runs one of the repository's scripts/ the way a CI job does, with BENCH set to the built bench app.</summary>
internal static class ShellScripts
{
    public static (int ExitCode, string Output) Run(string script, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string root = NewRunFolder.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "scripts", script));
        foreach (string arg in args) info.ArgumentList.Add(arg);
        ChildCommand bench = BenchApp.Command;
        info.Environment["BENCH"] = string.Join(' ', new[] { bench.FileName }.Concat(bench.PrefixArguments));
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), $"{script} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
