using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>Turns a scenario's outcome into result and sample rows.</summary>
public static class ResultRows
{
    public static IReadOnlyList<ResultRow> From(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ScenarioSpec spec = outcome.Spec;
        if (!outcome.Succeeded)
        {
            string error = outcome.Failure ?? "failed";
            if (!string.IsNullOrWhiteSpace(outcome.StderrTail))
                error += " | stderr: " + outcome.StderrTail.ReplaceLineEndings(" / ");
            return
            [
                new ResultRow
                {
                    Metric = spec.Metric,
                    Model = spec.Model,
                    Variant = FailedVariant(spec),
                    Status = ResultRow.StatusFailed,
                    Error = error,
                },
            ];
        }

        return outcome.Series.Select(series =>
        {
            Summary summary = Summary.Of(series.Samples);
            CountersPerOp? c = series.Counters;
            return new ResultRow
            {
                Metric = spec.Metric,
                Model = spec.Model,
                Variant = series.Variant,
                Median = summary.Median,
                CiLower = summary.CiLower,
                CiUpper = summary.CiUpper,
                Unit = series.Unit,
                Samples = summary.Count,
                Min = summary.Min,
                Max = summary.Max,
                Modes = summary.Modes,
                VoluntarySwitchesPerOp = c?.VoluntarySwitches ?? double.NaN,
                InvoluntarySwitchesPerOp = c?.InvoluntarySwitches ?? double.NaN,
                WorkItemsPerOp = c?.WorkItems ?? double.NaN,
                LockContentionsPerOp = c?.LockContentions ?? double.NaN,
                Affinity = outcome.Affinity ?? "",
                ProcessorCount = outcome.ProcessorCount,
            };
        }).ToList();
    }

    public static IEnumerable<SampleRow> SamplesOf(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (Series series in outcome.Series)
        {
            for (int i = 0; i < series.Samples.Count; i++)
            {
                yield return new SampleRow
                {
                    Metric = outcome.Spec.Metric,
                    Model = outcome.Spec.Model,
                    Variant = series.Variant,
                    Index = i,
                    Value = series.Samples[i],
                    Unit = series.Unit,
                };
            }
        }
    }

    /// <summary>The headline variant a failed scenario would have produced, so the report shows it in the right row.</summary>
    public static string FailedVariant(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Shape switch
        {
            Shapes.SpawnJoin => "total",
            _ => spec.Shape + spec.PinningSuffix,
        };
    }
}
