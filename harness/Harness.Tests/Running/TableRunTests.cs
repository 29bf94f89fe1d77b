using Harness.Child;
using System.Diagnostics;
using Harness.Reporting;
using Harness.Running;
using Harness.Scenarios;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Running;

/// <summary>
/// Whole table runs in a child process, at test-only tiny sizes: a crashing and a hanging scenario are
/// recorded as failed while the others' results survive; an interrupted run keeps what it measured.
/// </summary>
public sealed class TableRunTests : IDisposable
{
    private readonly string _out = Path.Combine(Directory.CreateTempSubdirectory("bench-table-").FullName, "run");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);

    private static Process Start(string faults, params string[] args)
    {
        ProcessStartInfo info = BenchApp.Command.StartInfo(args, pinToCpu: null);
        info.Environment[ScenarioPlan.TinyVariable] = "1";
        info.Environment[ScenarioChild.FaultVariable] = faults;
        Process process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    [Fact]
    public async Task CrashingAndHangingScenarios_AreRecorded_AndTheOthersSurvive()
    {
        using Process run = Start("crash:creation/task/spawn-join;hang:switch/green/pingpong",
            "table", "--metrics", "creation,switch", "--out", _out, "--timeout", "15"); // generous: CI builds other projects meanwhile
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(240)), "the table run did not finish");

        Assert.Equal(TableRunner.SomeScenariosFailedExitCode, run.ExitCode);
        IReadOnlyList<ResultRow> rows = RunFiles.ReadResults(Path.Combine(_out, RunFiles.ResultsFile));
        ResultRow crashed = rows.Single(r => r.Metric == "creation" && r.Model == "task");
        Assert.Equal(ResultRow.StatusFailed, crashed.Status);
        Assert.Contains("injected crash", crashed.Error, StringComparison.Ordinal);
        ResultRow hung = rows.Single(r => r.Metric == "switch" && r.Model == "green" && r.Shape == "pingpong" && r.Pinning == "unpinned");
        Assert.Equal(ResultRow.StatusFailed, hung.Status);
        Assert.Contains("timed out", hung.Error, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Metric == "creation" && r.Model == "thread" && r.Quantity == "total" && r.Succeeded);
        Assert.Contains(rows, r => r.Metric == "switch" && r.Model == "green" && r.Shape == "pingpong" && r.Pinning == "pinned" && r.Succeeded);
        string report = File.ReadAllText(Path.Combine(_out, RunFiles.ReportFile));
        Assert.Contains("## Failed scenarios", report, StringComparison.Ordinal);
        // Output to a pipe is plain lines, one per scenario, with no terminal escapes (the live view is for terminals).
        string lines = await stdout;
        Assert.Contains("FAILED", lines, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[ +1/\d+\] creation/", lines);
        Assert.DoesNotContain("\u001b[", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stderr, StringComparison.Ordinal);
    }

    /// <summary>A seed whose one-launch creation round runs <paramref name="model"/> last.</summary>
    private static string SeedRunningLast(string model)
    {
        IReadOnlyList<ScenarioGroup> groups = ScenarioPlan.Groups(new TableOptions { Metrics = [MetricIds.Creation] }, int.MaxValue, long.MaxValue, []);
        int seed = Enumerable.Range(0, 1_000).First(seed => LaunchSchedule.Of(groups, 1, seed)[0].Order[^1].Model == model);
        return seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void InterruptedRun_KeepsWhatItMeasured_AndCanBeReportedLater()
    {
        // The third scenario hangs (a seed whose shuffled round runs green last), so the run is certainly still going when
        // it is told to stop.
        using Process run = Start("hang:creation/green/spawn-join", "table", "--metrics", "creation", "--seed", SeedRunningLast(Models.ModelIds.Green), "--out", _out);
        _ = run.StandardOutput.ReadToEndAsync();
        string results = Path.Combine(_out, RunFiles.ResultsFile);
        string samples = Path.Combine(_out, RunFiles.SamplesFile);
        var clock = Stopwatch.StartNew();
        // Wait until the task launch's samples are on disk: the green launch, which hangs, is then running. (The cell's
        // result rows wait for the end of its set, here for the interruption.)
        while (!(File.Exists(samples) && ReadShared(samples).Contains("creation,task,", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(120))
            Thread.Sleep(100);
        Thread.Sleep(500);

        using (Process kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)), "the run did not stop after SIGTERM");

        Assert.Equal(TableRunner.InterruptedExitCode, run.ExitCode);
        IReadOnlyList<ResultRow> rows = RunFiles.ReadResults(results);
        Assert.Contains(rows, r => r.Model == "thread" && r.Succeeded);
        Assert.Contains(rows, r => r.Model == "task" && r.Succeeded);
        Assert.DoesNotContain(rows, r => r.Model == "green");
        Assert.Contains("Incomplete run", File.ReadAllText(Path.Combine(_out, RunFiles.ReportFile)), StringComparison.Ordinal);
        Assert.DoesNotContain(Process.GetProcesses(), p => IsChildOf(p, run.Id));

        // The regenerated report is still the report of an interrupted tiny run, and names what never ran.
        Assert.Equal(0, ReportCommand.Run(new ReportOptions(_out), TextWriter.Null));
        string regenerated = File.ReadAllText(Path.Combine(_out, RunFiles.ReportFile));
        Assert.Contains("| Creation, throughput: spawn N, join all, per unit |", regenerated, StringComparison.Ordinal);
        Assert.Contains("Incomplete run", regenerated, StringComparison.Ordinal);
        Assert.Contains("Not run (1): creation/green/spawn-join", regenerated, StringComparison.Ordinal);
        Assert.Contains("tiny (test sizes: not for publishing)", regenerated, StringComparison.Ordinal);
        RunManifest manifest = RunFiles.ReadManifest(_out)!;
        Assert.False(manifest.Complete);
        Assert.Equal(["creation/thread/spawn-join", "creation/task/spawn-join"], manifest.Finished);

        // And it cannot be published.
        var refused = Assert.Throws<UsageException>(() => PublishCommand.Run(new PublishOptions(_out, Path.Combine(_out, "published")), TextWriter.Null));
        Assert.Contains("test sizes", refused.Message, StringComparison.Ordinal);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool IsChildOf(Process process, int parent)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{process.Id}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
