using Harness.Running;
using Harness.Child;
using System.Diagnostics;
using Harness.Peers;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Peers;

/// <summary>
/// A machine without a peer's toolchain still runs the table: the peer's scenarios are recorded as skipped with a
/// note saying how to install it, the run exits 0, and a build that fails is recorded as failed with its last lines.
/// </summary>
public sealed class MissingToolchainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "peers-missing-" + Guid.NewGuid().ToString("N"));

    public MissingToolchainTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PeersWithoutToolchains_AreRecordedAsSkipped_AndTheRunExitsZero()
    {
        string emptyPath = Path.Combine(_folder, "bin");
        Directory.CreateDirectory(emptyPath);
        string output = Path.Combine(_folder, "run");
        ProcessStartInfo info = BenchApp.Command.StartInfo(["table", "--models", "peers", "--metrics", "creation,memory", "--out", output], pinToCpu: null);
        info.Environment["PATH"] = emptyPath; // no cargo, go, gcc or make on it
        info.Environment[ScenarioPlan.TinyVariable] = "1";

        using Process process = Process.Start(info)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the run did not finish");
        string printed = await stdout;
        string errors = await stderr;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {printed}\n{errors}");
        string[] peerLines = printed.Split('\n').Where(l => l.StartsWith("peers", StringComparison.Ordinal)).ToArray();
        string line = Assert.Single(peerLines);
        Assert.Contains("rust (cargo not installed), go (go not installed), c (gcc not installed)", line, StringComparison.Ordinal);
        Assert.Contains("scripts/install-peers.sh", line, StringComparison.Ordinal);
        IReadOnlyList<ResultRow> rows = RunFiles.ReadResults(Path.Combine(output, RunFiles.ResultsFile));
        Assert.Equal(PeerModelIds.All, rows.Select(r => r.Model).Distinct());
        Assert.All(rows, r =>
        {
            Assert.Equal(ResultRow.StatusSkipped, r.Status);
            string tool = PeerCatalog.Of(r.Model)!.Toolchains[0].Executable;
            Assert.Equal($"skipped: {tool} not installed (run scripts/install-peers.sh)", r.Note);
        });
        string report = File.ReadAllText(Path.Combine(output, RunFiles.ReportFile));
        Assert.Contains("## Skipped scenarios", report, StringComparison.Ordinal);
        Assert.DoesNotContain("## Failed scenarios", report, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"skipped\"", File.ReadAllText(Path.Combine(output, RunFiles.EnvironmentFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedBuild_MakesThePeersScenariosFailedWithTheBuildsLastLines()
    {
        // A stand-in `go` that knows its version but cannot compile.
        string tools = Path.Combine(_folder, "tools");
        Directory.CreateDirectory(tools);
        string go = Path.Combine(tools, "go");
        File.WriteAllText(go, "#!/bin/sh\nif [ \"$1\" = version ]; then echo 'go version go0.0-test'; exit 0; fi\necho 'main.go:1:1: stand-in compile error' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(go, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string root = Harness.Running.NewRunFolder.RepositoryRoot()!;
        var settings = new PeerBuildSettings(root, Path.Combine(_folder, "cache"), tools, TimeSpan.FromSeconds(60));

        PeerBuilds builds = PeerBuilds.Prepare([PeerModelIds.Go], settings);
        ScenarioOutcome? outcome = builds.Unavailable(Specs.PingPong(PeerModelIds.Go));

        Assert.NotNull(outcome);
        Assert.False(outcome.Skipped);
        Assert.Contains("build of peers/go failed (go build", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("stand-in compile error", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal("go version go0.0-test", Assert.Single(builds.Builds).Toolchains["go"]);
        Assert.Equal(ResultRow.StatusFailed, OutcomeRows.From(outcome).Single().Status);
        // Nothing half-built is left where a later run would take it for a cached build.
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.Combine(_folder, "cache", "go")), d => !d.EndsWith("gocache", StringComparison.Ordinal));
    }
}
