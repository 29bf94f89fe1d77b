using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Tests.Fixtures;

/// <summary>Run folders as a finished table run leaves them, for the commands that read one (publish, compare, report).</summary>
internal static class FinishedRuns
{
    /// <summary>A complete quick run of task ping-pong, unpinned and pinned, whose 20 samples each centre on
    /// <paramref name="centre"/> ns (their jitter seeded by the folder's name).</summary>
    public static string PingPong(string dir, double centre)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(Path.GetFileName(dir).GetHashCode(StringComparison.Ordinal));
        ScenarioOutcome Outcome(bool pinned) => new(
            Specs.PingPong(pinned: pinned, samples: 20),
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 20).Select(_ => centre * (0.98 + random.NextDouble() * 0.04)).ToList())],
            "0,1", 2);
        using (RunWriter store = RunWriter.Create(dir))
        {
            foreach (ScenarioOutcome outcome in new[] { Outcome(false), Outcome(true) })
                store.Append(OutcomeRows.From(outcome), OutcomeRows.SamplesOf(outcome));
            store.WriteEnvironment(EnvironmentInfo.Capture());
            store.WriteManifest(Manifest());
            store.WriteReport("# report\n");
        }
        return dir;
    }

    /// <summary>The run.json of <see cref="PingPong"/>'s run, or of one less complete.</summary>
    public static RunManifest Manifest(bool complete = true, string size = "quick", bool? allFinished = null) => new()
    {
        Size = size,
        Models = [ModelIds.Task],
        Metrics = [MetricIds.Switch],
        Planned = ["switch/task/pingpong", "switch/task/pingpong-pinned"],
        Finished = allFinished ?? complete ? ["switch/task/pingpong", "switch/task/pingpong-pinned"] : ["switch/task/pingpong"],
        Complete = complete,
    };
}
