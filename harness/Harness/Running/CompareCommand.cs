using System.Globalization;
using Harness.Measurement;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// <c>compare BASE_DIR DIFF_DIR</c> (or <c>compare --previous DIFF_DIR</c>, against the previous published run of its
/// machine class and size): for every cost both runs measured, the verdict (slower, faster,
/// same, or why it could not be decided), medians and ratio, as a markdown table. Times and latencies of runs with several
/// launches are judged by a Welch interval on their launch medians, of one-launch runs by a Mann-Whitney equivalence test
/// on the raw samples; memory by its slope over N (the intervals must separate by more
/// than the threshold). With <see cref="CompareOptions.Record"/> the two runs must be one commit and size, and what was found
/// is written to BASE's rerun.json (<see cref="RerunRecorder"/>). A scenario that failed in DIFF but not in BASE is a regression too.
/// Incomplete and test-sized runs are refused unless allowed (<see cref="CompareOptions.AllowPartial"/>); the scenario
/// results only one run has are then listed. Exit code 1 when something regressed, 0 otherwise.
/// </summary>
public static class CompareCommand
{
    public const string Command = "compare";

    public const int RegressionExitCode = 1;

    /// <summary>Quantities that describe the setup or the runtime's response, not a cost: never judged.</summary>
    private static readonly string[] s_notCosts =
        [Quantities.Hold, Quantities.Holds, Quantities.PoolThreads, Quantities.PoolThreadsAtStart, Quantities.PoolGrowth, Quantities.Recovery];

    private sealed record Line(string Key, string Verdict, string Base, string Diff, string Ratio, string JudgedBy = "");

    public static int Run(CompareOptions options, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        double threshold = options.ThresholdPercent;
        string? baseDirectory = options.Base;
        if (baseDirectory is null)
        {
            RunFolderReader.RequireExisting(Command, options.Diff);
            PublishedRuns.Previous previous = PublishedRuns.FindPrevious(options.Diff);
            if (previous.Directory is null)
            {
                console.WriteLine($"No earlier published {previous.Size ?? ""} run of machine class '{previous.MachineClass}' to compare "
                    + $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Diff)))} with.");
                return 0;
            }
            baseDirectory = previous.Directory;
        }

        if (options.Record) RerunRecorder.RequireRerun(Command, baseDirectory, options.Diff);
        (IReadOnlyList<SampleRow> baseSamples, IReadOnlyList<ResultRow> baseRows) = Load(baseDirectory, options.AllowPartial);
        (IReadOnlyList<SampleRow> diffSamples, IReadOnlyList<ResultRow> diffRows) = Load(options.Diff, options.AllowPartial);
        string[] positional = [baseDirectory, options.Diff];
        var lines = new List<Line>();
        var ratios = new List<(string Metric, double Ratio)>();
        bool regressed = false;

        var costs = (IReadOnlyList<SampleRow> all) => all.Where(IsCost).ToList();
        regressed |= CompareTimes(costs(baseSamples), costs(diffSamples), threshold, lines, ratios);
        regressed |= CompareSlopes(costs(baseSamples), costs(diffSamples), threshold, lines);
        regressed |= CompareFailures(baseRows, diffRows, lines);

        console.WriteLine($"Comparison of {positional[1]} (diff) against {positional[0]} (base), threshold {threshold.ToString(CultureInfo.InvariantCulture)}%: "
            + "times of runs with launches by a Welch interval (90%) on their launch medians (two one-sided tests at α = 0.05), of one-launch "
            + "runs by a Mann-Whitney equivalence test (α = 0.05); memory by slope intervals");
        console.WriteLine();
        console.WriteLine("| scenario/quantity | verdict | base | diff | diff/base | judged by |");
        console.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (Line line in lines.OrderBy(l => l.Key, StringComparer.Ordinal))
            console.WriteLine($"| {line.Key} | {line.Verdict} | {line.Base} | {line.Diff} | {line.Ratio} | {line.JudgedBy} |");
        if (lines.Count == 0) console.WriteLine("| (no quantity was measured in both runs) | | | | | |");
        (int Inside, int Checked) coverage = Coverage(baseRows, costs(diffSamples));
        WriteTally(lines, coverage, console);
        WriteOneSided(baseRows, diffRows, console);
        if (options.Record)
        {
            string path = RerunRecorder.Write(Command, baseDirectory, options.Diff, threshold, lines.Select(l => l.Verdict).ToList(), coverage, ratios);
            console.WriteLine();
            console.WriteLine($"Recorded in {path}: the report of {positional[0]} now says how well it reproduces.");
        }
        return regressed ? RegressionExitCode : 0;
    }

    /// <summary>How many verdicts of each kind, and how often the base's interval held the diff's median: the two numbers a
    /// reproducibility check of one commit reads (<c>--record</c> keeps them). The intervals hold the spread between launches
    /// of one run, so a rerun on another machine lands inside them less often than their 95% suggests.</summary>
    private static void WriteTally(List<Line> lines, (int Inside, int Checked) coverage, TextWriter console)
    {
        if (lines.Count == 0) return;
        console.WriteLine();
        var counts = lines.GroupBy(l => l.Verdict.StartsWith("undecided", StringComparison.Ordinal) ? "undecided" : l.Verdict.Trim('*'))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        console.WriteLine($"Verdicts: {string.Join(", ", counts)} (of {lines.Count}).");
        if (coverage.Checked > 0)
        {
            console.WriteLine($"The base's 95% intervals (results.csv medians) hold the diff's median for {coverage.Inside} of {coverage.Checked} "
                + $"timed quantities ({100.0 * coverage.Inside / coverage.Checked:F0}%).");
        }
    }

    /// <summary>For every timed quantity with a median row and interval in the base's results.csv: is the diff's median
    /// (launches weighted alike, as the report's) inside it?</summary>
    private static (int Inside, int Checked) Coverage(IReadOnlyList<ResultRow> baseRows, IReadOnlyList<SampleRow> diffSamples)
    {
        var intervals = baseRows.Where(r => r.Succeeded && r.Units == 0 && r.Statistic == Statistics.Median && double.IsFinite(r.CiLower) && double.IsFinite(r.CiUpper))
            .GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        int inside = 0, checkedCount = 0;
        foreach (var group in diffSamples.Where(s => s.Units == 0).GroupBy(Key))
        {
            if (!intervals.TryGetValue(group.Key, out ResultRow? row)) continue;
            double median = HierarchicalBootstrap.PooledMedian(ByLaunch(group));
            checkedCount++;
            if (median >= row.CiLower && median <= row.CiUpper) inside++;
        }
        return (inside, checkedCount);
    }

    /// <summary>Every scenario result one run has and the other lacks (only a partial comparison has any): judged nowhere
    /// above, so named here rather than passed over.</summary>
    private static void WriteOneSided(IReadOnlyList<ResultRow> baseRows, IReadOnlyList<ResultRow> diffRows, TextWriter console)
    {
        var inBase = baseRows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var inDiff = diffRows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach ((string side, IEnumerable<string> keys) in new[] { ("base", inBase.Except(inDiff)), ("diff", inDiff.Except(inBase)) })
        {
            var only = keys.Order(StringComparer.Ordinal).ToList();
            if (only.Count == 0) continue;
            console.WriteLine();
            console.WriteLine($"Only in {side} ({only.Count}, not compared): {string.Join(", ", only)}");
        }
    }

    /// <summary>A cost judged here. Creation with N alive (spawn-alive) is one reading per N and launch: no rank test applies
    /// and a slope of a time per unit says nothing; creation is judged by spawn-join, its chart shows the rest.</summary>
    private static bool IsCost(SampleRow sample) =>
        sample.Unit is "ns" or "B" && !s_notCosts.Contains(sample.Quantity) && sample.Quantity != Quantities.SpawnAlive;

    /// <summary>Timed quantities (one value per sample). Two runs of several launches each: by the interval of their
    /// launch medians, which holds the launch-to-launch spread (<see cref="Comparison.CompareLaunches"/>); otherwise (a run
    /// of one launch, as before launches existed) by a Mann-Whitney equivalence test on the raw samples.</summary>
    private static bool CompareTimes(IReadOnlyList<SampleRow> baseline, IReadOnlyList<SampleRow> diff, double threshold, List<Line> lines,
        List<(string Metric, double Ratio)> ratios)
    {
        bool regressed = false;
        var baseGroups = baseline.Where(s => s.Units == 0).GroupBy(Key).ToDictionary(g => g.Key, ByLaunch);
        foreach (var group in diff.Where(s => s.Units == 0).GroupBy(Key))
        {
            if (!baseGroups.TryGetValue(group.Key, out double[][]? before)) continue;
            double[][] after = ByLaunch(group);
            string unit = group.First().Unit;
            double medianBefore = HierarchicalBootstrap.PooledMedian(before), medianAfter = HierarchicalBootstrap.PooledMedian(after);
            (Comparison.Verdict? verdict, string ratio, string judgedBy) = Judge(before, after, threshold);
            ratios.Add((group.First().Metric, medianAfter / medianBefore));
            regressed |= verdict == Comparison.Verdict.Slower;
            string shown = verdict switch
            {
                null => $"undecided: {before.Sum(l => l.Length)} vs {after.Sum(l => l.Length)} samples cannot reach α = 0.05",
                Comparison.Verdict.Slower => "**slower**",
                Comparison.Verdict.Faster => "faster",
                _ => "same",
            };
            lines.Add(new Line(group.Key, shown, $"{Format.Value(medianBefore, unit)} (median)", $"{Format.Value(medianAfter, unit)} (median)",
                ratio, judgedBy));
        }
        return regressed;
    }

    /// <summary>The verdict (null when the samples are too few to decide), the ratio as shown, and what judged it.</summary>
    private static (Comparison.Verdict?, string Ratio, string JudgedBy) Judge(double[][] before, double[][] after, double threshold)
    {
        if (before.Length >= Comparison.MinLaunches && after.Length >= Comparison.MinLaunches)
        {
            Comparison.LaunchVerdict launches = Comparison.CompareLaunches(before, after, threshold);
            string interval = double.IsNaN(launches.Ratio)
                ? "n/a (a launch median ≤ 0: judged on the difference)"
                : $"{Format.Ratio(launches.Ratio, 1)} [{Format.Ratio(launches.CiLower, 1)}–{Format.Ratio(launches.CiUpper, 1)}]";
            return (launches.Verdict, interval, $"launches: {before.Length} vs {after.Length}");
        }
        double[] pooledBefore = before.SelectMany(l => l).ToArray(), pooledAfter = after.SelectMany(l => l).ToArray();
        string samples = $"samples: {pooledBefore.Length} vs {pooledAfter.Length} (one launch)";
        string ratio = Format.Ratio(HierarchicalBootstrap.PooledMedian(after), HierarchicalBootstrap.PooledMedian(before));
        if (!Comparison.CanDecide(pooledBefore.Length, pooledAfter.Length)) return (null, ratio, samples);
        return (Comparison.Compare(pooledBefore, pooledAfter, threshold), ratio, samples);
    }

    /// <summary>A run's samples of one quantity, one array per launch.</summary>
    private static double[][] ByLaunch(IEnumerable<SampleRow> samples) =>
        samples.GroupBy(s => s.Launch).OrderBy(g => g.Key).Select(g => g.Select(s => s.Value).ToArray()).ToArray();

    /// <summary>Memory (one reading per N): the per-unit slope of each run, judged by whether the 95% intervals separate and
    /// the slopes differ by more than the threshold.</summary>
    private static bool CompareSlopes(IReadOnlyList<SampleRow> baseline, IReadOnlyList<SampleRow> diff, double threshold, List<Line> lines)
    {
        bool regressed = false;
        var baseFits = Slopes(baseline);
        foreach ((string key, (LinearFit after, string unit)) in Slopes(diff))
        {
            if (!baseFits.TryGetValue(key, out var before)) continue;
            LinearFit b = before.Fit;
            Comparison.SlopeVerdict v = Comparison.CompareSlopes(b, after, threshold);
            regressed |= v == Comparison.SlopeVerdict.Larger;
            string verdict = v switch
            {
                Comparison.SlopeVerdict.Undecided => "undecided: a slope over fewer than 3 points has no interval",
                Comparison.SlopeVerdict.Larger => "**larger**",
                Comparison.SlopeVerdict.Smaller => "smaller",
                _ => "same",
            };
            lines.Add(new Line(key, verdict, $"{Format.Value(b.Slope, unit)} per unit (slope)", $"{Format.Value(after.Slope, unit)} per unit (slope)",
                Format.Ratio(after.Slope, b.Slope)));
        }
        return regressed;
    }

    private static Dictionary<string, (LinearFit Fit, string Unit)> Slopes(IReadOnlyList<SampleRow> samples)
    {
        var fits = new Dictionary<string, (LinearFit, string)>(StringComparer.Ordinal);
        foreach (var group in samples.Where(s => s.Units > 0).GroupBy(Key))
        {
            var points = group.Select(s => ((double)s.Units, s.Value)).ToList();
            if (points.Select(p => p.Item1).Distinct().Count() < 2) continue;
            fits[group.Key] = (LinearFit.Of(points), group.First().Unit);
        }
        return fits;
    }

    /// <summary>Scenarios that failed in DIFF: a regression unless they failed in BASE as well. A scenario skipped in DIFF
    /// (a peer whose toolchain is not installed there) is listed, not judged: nothing ran, so nothing regressed.</summary>
    private static bool CompareFailures(IReadOnlyList<ResultRow> baseline, IReadOnlyList<ResultRow> diff, List<Line> lines)
    {
        bool regressed = false;
        var failedBefore = baseline.Where(r => r.Status == ResultRow.StatusFailed).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (ResultRow row in diff.Where(r => !r.Succeeded))
        {
            string key = row.Key;
            if (row.Status == ResultRow.StatusSkipped)
            {
                lines.Add(new Line(key, "skipped in diff", "", Format.Cell(row.Note), ""));
                continue;
            }
            bool both = failedBefore.Contains(key);
            regressed |= !both;
            string reason = Format.Cell(row.Error.Length > 120 ? row.Error[..120] + "…" : row.Error);
            lines.Add(new Line(key, both ? "failed in both" : "**failed in diff**", both ? "failed" : "measured", $"failed: {reason}", ""));
        }
        return regressed;
    }

    /// <summary>Memory samples are one reading per N; their slope is compared, so N is not part of the key.</summary>
    private static string Key(SampleRow s) => (s with { Units = 0 }).Key;

    private static (IReadOnlyList<SampleRow>, IReadOnlyList<ResultRow>) Load(string directory, bool allowPartial)
    {
        RunFolderReader.RequireExisting(Command, directory);
        if (!File.Exists(Path.Combine(directory, RunFiles.ResultsFile))) throw new UsageException($"{Command}: '{directory}' has no {RunFiles.ResultsFile}");
        if (!RunFiles.HasSamples(directory))
            throw new UsageException($"{Command}: '{directory}' has no {RunFiles.SamplesFile} (nor {RunFiles.CompressedSamplesFile})");
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults(Command, directory, "that run measured nothing to compare");
        // run.json is read (and a corrupt one refused) even when a partial run is allowed.
        string? whyPartial = WhyPartial(directory);
        if (!allowPartial && whyPartial is { } why)
            throw new UsageException($"{Command}: '{directory}' {why}; a verdict on part of a run would pass over what it lacks "
                + "(--allow-partial compares it anyway and lists the scenarios only one run has)");
        IReadOnlyList<SampleRow> samples = RunFolderReader.ReadSamples(Command, directory);
        if (samples.Count == 0 && rows.Any(r => r.Succeeded))
            throw new UsageException($"{Command}: {RunFiles.SamplesPath(directory)} has no rows although "
                + $"{RunFiles.ResultsFile} has measured ones: the raw samples are missing, so nothing can be judged");
        return (samples, rows);
    }

    /// <summary>Why a run is not a whole run of real sizes (by its run.json), or null when it is one.</summary>
    private static string? WhyPartial(string directory)
    {
        RunManifest? manifest;
        try
        {
            manifest = RunFiles.ReadManifest(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }
        if (manifest is null) return $"has no {RunFiles.ManifestFile}, so nothing says the run is complete";
        if (manifest.Size == RunManifest.Tiny) return $"was run with test sizes ({ScenarioPlan.TinyVariable}=1)";
        if (!manifest.Complete || manifest.NotRun.Count > 0)
            return $"is not a complete run ({manifest.NotRun.Count} of {manifest.Planned.Count} planned scenarios not run)";
        return null;
    }
}
