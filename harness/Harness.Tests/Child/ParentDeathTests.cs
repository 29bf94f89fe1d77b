using System.Diagnostics;
using Harness.Child;
using Harness.Scenarios;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Child;

/// <summary>
/// A scenario child never outlives its table run: killed with SIGKILL, the parent cannot clean up, so the child must
/// notice by itself (its stdin pipe from the parent reaches end-of-file) and exit.
/// </summary>
public sealed class ParentDeathTests : TempFolder
{
    [Fact]
    public void ParentKilledWithSigkill_LeavesNoScenarioChildBehind()
    {
        ProcessStartInfo info = BenchApp.Command.StartInfo(
            ["table", "--models", "thread", "--metrics", "creation", "--out", Path.Combine(Folder, "run")], pinToCpu: null);
        info.Environment[ScenarioPlan.TinyVariable] = "1";
        // The first scenario hangs, so its child is certainly alive when the parent dies.
        info.Environment[ScenarioChild.FaultVariable] = "hang:creation/thread/spawn-join";
        using Process parent = Process.Start(info)!;
        _ = parent.StandardOutput.ReadToEndAsync();
        _ = parent.StandardError.ReadToEndAsync();

        int child = WaitFor(() => ChildrenOf(parent.Id).FirstOrDefault(pid => CommandLine(pid).Contains("scenario", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2), "the scenario child to start");
        Thread.Sleep(500); // its watchdog starts before the scenario does; give the hang a moment to be reached
        parent.Kill(entireProcessTree: false); // SIGKILL of the parent alone: no handler of ours runs
        parent.WaitForExit();

        WaitFor(() => IsGone(child) ? 1 : 0, TimeSpan.FromSeconds(30), $"scenario child {child} to exit after its parent was killed");
    }

    [Fact]
    public void ParentKilledDuringAMemorySweep_KeepsTheFinishedPoints_AndTheReportNamesTheMissingN()
    {
        string run = Path.Combine(Folder, "sweep");
        ProcessStartInfo info = BenchApp.Command.StartInfo(
            ["table", "--models", "thread", "--metrics", "memory", "--shapes", "parked", "--out", run], pinToCpu: null);
        info.Environment[ScenarioPlan.TinyVariable] = "1";
        // Test sizes sweep N = 50, 100: the second point hangs, so the parent dies in the middle of the sweep.
        info.Environment[ScenarioChild.FaultVariable] = "hang:memory/thread/parked@100";
        using Process parent = Process.Start(info)!;
        _ = parent.StandardOutput.ReadToEndAsync();
        _ = parent.StandardError.ReadToEndAsync();
        WaitFor(() => ChildrenOf(parent.Id).FirstOrDefault(pid => CommandLine(pid).Contains("\"units\":100", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2), "the second point's child to start");
        parent.Kill(entireProcessTree: false);
        parent.WaitForExit();

        IReadOnlyList<Harness.Reporting.SampleRow> samples = Harness.Storage.RunFiles.ReadSamples(Path.Combine(run, "samples.csv"));
        Assert.Contains(samples, s => s.Quantity == "rss" && s.Units == 50);
        InProcessCommands.Result report = InProcessCommands.Run("report", run);
        Assert.True(report.ExitCode == 0, report.Stderr);
        string markdown = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("memory/thread/parked@100", markdown, StringComparison.Ordinal);
    }

    private static int WaitFor(Func<int> probe, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            int found = probe();
            if (found != 0) return found;
            Thread.Sleep(50);
        }
        Assert.Fail($"timed out waiting for {what}");
        return 0;
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out int pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent);

    /// <summary>Field 4 of /proc/PID/stat, after the parenthesised command name (which may hold spaces).</summary>
    private static int ParentOf(int pid) => Stat(pid) is { } fields && int.TryParse(fields[1], out int ppid) ? ppid : 0;

    /// <summary>Gone, or a zombie waiting for whoever reaps orphans here: either way it runs no more.</summary>
    private static bool IsGone(int pid) => Stat(pid) is not { } fields || fields[0] is "Z" or "X";

    private static string[]? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
