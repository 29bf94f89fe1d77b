using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Tests.Fixtures;

/// <summary>
/// Run folders written as a table run writes them (through <see cref="RunWriter"/>), for the tests of the commands that
/// read them: a finished run (results, samples, env.json, run.json and a report) or, as an interrupted run leaves it,
/// its rows alone.
/// </summary>
internal static class RunFolders
{
    /// <summary>The manifest of a quick run of the task model's two ping-pong scenarios, complete unless told.</summary>
    public static RunManifest PingPongManifest(bool complete = true, string size = "quick", bool? allFinished = null) => new()
    {
        Size = size,
        Models = [ModelIds.Task],
        Metrics = [MetricIds.Switch],
        Planned = ["switch/task/pingpong", "switch/task/pingpong-pinned"],
        Finished = allFinished ?? complete ? ["switch/task/pingpong", "switch/task/pingpong-pinned"] : ["switch/task/pingpong"],
        Complete = complete,
    };

    /// <summary>
    /// A finished run in <paramref name="dir"/> (created) holding <paramref name="outcomes"/>, with this machine's
    /// env.json and <paramref name="manifest"/> (<see cref="PingPongManifest"/> when null); returns the folder.
    /// </summary>
    public static string WriteFinished(string dir, IEnumerable<ScenarioOutcome> outcomes, RunManifest? manifest = null)
    {
        Directory.CreateDirectory(dir);
        using RunWriter writer = RunWriter.Create(dir);
        Append(writer, outcomes);
        writer.WriteEnvironment(EnvironmentInfo.Capture());
        writer.WriteManifest(manifest ?? PingPongManifest());
        writer.WriteReport("# report\n");
        return dir;
    }

    /// <summary>
    /// A finished run (see <see cref="WriteFinished"/>) of the task model's two ping-pong scenarios, 20 samples each
    /// within 2% of <paramref name="centre"/> ns, the jitter seeded by the folder's name.
    /// </summary>
    public static string PingPongRun(string dir, double centre, RunManifest? manifest = null)
    {
        var random = new Random(Path.GetFileName(dir).GetHashCode(StringComparison.Ordinal));
        ScenarioOutcome Outcome(bool pinned) => new(
            Specs.PingPong(pinned: pinned, samples: 20),
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 20).Select(_ => centre * (0.98 + random.NextDouble() * 0.04)).ToList())],
            "0,1", 2);
        return WriteFinished(dir, [Outcome(false), Outcome(true)], manifest);
    }

    /// <summary>results.csv and samples.csv of <paramref name="outcomes"/> in <paramref name="dir"/>, nothing else.</summary>
    public static void WriteRowsOnly(string dir, params ScenarioOutcome[] outcomes)
    {
        using RunWriter writer = RunWriter.Create(dir);
        Append(writer, outcomes);
    }

    /// <summary>Appends each cell as a table run does: one outcome as it is, several launches of one cell as one result.</summary>
    private static void Append(RunWriter writer, IEnumerable<ScenarioOutcome> outcomes)
    {
        foreach (var cell in outcomes.GroupBy(o => o.Spec.CellName))
        {
            List<ScenarioOutcome> launches = [.. cell];
            writer.Append(launches.Count == 1 ? OutcomeRows.From(launches[0]) : OutcomeRows.FromLaunches(launches), launches.SelectMany(OutcomeRows.SamplesOf));
        }
    }
}
