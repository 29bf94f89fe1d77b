using Harness.Child;
using Harness.Peers;
using Harness.Running;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Peers;

/// <summary>The parent reads a peer's output with the same parser as a .NET child's, and refuses a malformed line naming the peer.</summary>
public sealed class PeerProtocolTests
{
    [Theory]
    [InlineData("BENCH-RESULT {\"series\":[{\"quantity\":\"switch\",\"unit\":\"ns\",\"samples\":[1.5", "is an invalid end of a number")]
    [InlineData("BENCH-RESULT not json", "('not")]
    [InlineData("BENCH-RESULT {\"affinity\":\"0\",\"processor_count\":1}", "no series")]
    [InlineData("BENCH-RESULT {\"series\":[{\"quantity\":\"switch\",\"unit\":\"ns\",\"samples\":[]}],\"affinity\":\"0\",\"processor_count\":1}", "series 'switch' has no samples")]
    [InlineData("BENCH-RESULT {\"series\":[{\"quantity\":\"switch\",\"unit\":\"ns\",\"samples\":[1]}],\"processor_count\":1}", "no affinity")]
    public void MalformedLine_IsRefusedNamingThePeerAndQuotingTheLine(string line, string problem)
    {
        (ChildProtocol.ChildReport? report, string? failure) = ChildProtocol.Parse("noise\n" + line + "\n", PeerModelIds.TokioCurrentThread);

        Assert.Null(report);
        Assert.NotNull(failure);
        Assert.StartsWith("malformed result line from tokio-ct (", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
        Assert.EndsWith(line, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void WellFormedPeerLine_LeavesOutCountersItHasNot()
    {
        const string line = "BENCH-RESULT {\"series\":[{\"quantity\":\"switch\",\"unit\":\"ns\",\"samples\":[2.5,3],"
            + "\"counters\":{\"voluntary_switches\":1.0}}],\"affinity\":\"0,1\",\"processor_count\":2,\"runtime\":\"go1.19.8\"}";

        (ChildProtocol.ChildReport? report, string? failure) = ChildProtocol.Parse(line, PeerModelIds.Go);

        Assert.Null(failure);
        Series series = Assert.Single(report!.Series);
        Assert.Equal([2.5, 3], series.Samples);
        Assert.Equal(1.0, series.Counters!.VoluntarySwitches);
        Assert.True(double.IsNaN(series.Counters.WorkItems), "a counter the peer left out is not a zero");
        Assert.Equal("go1.19.8", report.Runtime);
    }

    [Fact]
    public void MalformedLineFromAChildProcess_IsAFailedOutcomeNamingTheModel()
    {
        // A stand-in child that prints a broken result line and exits 0, as a buggy peer would.
        var child = new ChildCommand("/bin/sh", ["-c", "echo 'BENCH-RESULT {\"series\": oops'"]);
        var spec = Specs.PingPong(PeerModelIds.Go, roundTrips: 10);

        ScenarioOutcome outcome = new ScenarioProcess(child, TimeSpan.FromSeconds(30)).Run(spec);

        Assert.False(outcome.Succeeded);
        Assert.Contains("malformed result line from go", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("BENCH-RESULT {\"series\": oops", outcome.Failure, StringComparison.Ordinal);
    }
}
