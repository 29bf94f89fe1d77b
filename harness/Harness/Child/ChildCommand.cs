using System.Diagnostics;
using System.Reflection;

namespace Harness.Child;

/// <summary>How to start the bench application again as a child process: the executable and the arguments before the command.</summary>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The application this process is running, started the same way (apphost, or <c>dotnet Bench.dll</c>).</summary>
    public static ChildCommand ForCurrentProcess()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("the process path is unknown");
        string entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly");
        return IsDotnetHost(host) ? new ChildCommand(host, [entry]) : new ChildCommand(host, []);
    }

    /// <summary>Runs a built application dll through the <c>dotnet</c> host (used by tests).</summary>
    public static ChildCommand ForAssembly(string dllPath) => new(DotnetHost(), [dllPath]);

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string DotnetHost()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        string? current = Environment.ProcessPath;
        return current is not null && IsDotnetHost(current) ? current : "dotnet";
    }

    /// <summary>
    /// Runtime settings every scenario child gets, the same for every model. Tiered compilation normally waits
    /// until no new method has been jitted for 100 ms before it starts counting calls, so a short-lived child can
    /// measure tier-0 code; with the delay at 0, hot methods reach tier 1 (with dynamic PGO) within the warm-up.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ScenarioEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
        [StartedByParentVariable] = "1",
    };

    /// <summary>Set for every child this record starts: the hidden <c>scenario</c> command refuses to run without it, so
    /// a scenario started by hand gets one line pointing at <c>table</c> instead of a child's failure report.</summary>
    public const string StartedByParentVariable = "BENCH_SCENARIO_CHILD";

    /// <summary>A start info for <c>command args...</c>, optionally under <c>taskset -c CPU</c>.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, int? pinToCpu)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (pinToCpu is int cpu)
        {
            info.FileName = "taskset";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add(FileName);
        }
        else
        {
            info.FileName = FileName;
        }
        foreach (string arg in PrefixArguments.Concat(arguments)) info.ArgumentList.Add(arg);
        foreach ((string name, string value) in ScenarioEnvironment) info.Environment[name] = value;
        return info;
    }
}
