using System.Globalization;
using Harness.Cli;
using Harness.Measurement;
using Harness.Reporting;

namespace Harness.Running;

/// <summary>
/// <c>compare BASE_DIR DIFF_DIR [--threshold 5%]</c>: for every quantity both runs sampled, the
/// Mann-Whitney equivalence verdict (slower, faster, same), medians and ratio, as a markdown table.
/// Exit code 1 when something got slower beyond the threshold, 0 otherwise.
/// </summary>
public static class CompareCommand
{
    public const string Command = "compare";

    public const int RegressionExitCode = 1;

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var positional = new List<string>();
        double threshold = 5;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--threshold" || args[i].StartsWith("--threshold=", StringComparison.Ordinal))
            {
                string value = args[i].Contains('=', StringComparison.Ordinal) ? args[i].Split('=', 2)[1]
                    : i + 1 < args.Count ? args[++i] : throw new UsageException($"{Command}: --threshold needs a value such as 5%");
                threshold = ParsePercent(value);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{Command}: unknown option '{args[i]}'; valid options: --threshold");
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        if (positional.Count != 2) throw new UsageException($"{Command}: usage: compare BASE_DIR DIFF_DIR [--threshold 5%]");

        IReadOnlyList<SampleRow> baseline = Load(positional[0]), diff = Load(positional[1]);
        var lines = new List<string>();
        bool regressed = false;
        var baseGroups = baseline.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(s => s.Value).ToList());
        foreach (var group in diff.GroupBy(Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!baseGroups.TryGetValue(group.Key, out List<double>? before)) continue;
            List<double> after = group.Select(s => s.Value).ToList();
            string unit = group.First().Unit;
            double medianBefore = Summary.Quantile(before, 0.5), medianAfter = Summary.Quantile(after, 0.5);
            string verdict;
            if (before.Count < Comparison.MinSamples || after.Count < Comparison.MinSamples)
            {
                verdict = $"not tested (n < {Comparison.MinSamples})";
            }
            else
            {
                Comparison.Verdict v = Comparison.Compare(before, after, threshold);
                regressed |= v == Comparison.Verdict.Slower;
                verdict = v switch
                {
                    Comparison.Verdict.Slower => "**slower**",
                    Comparison.Verdict.Faster => "faster",
                    _ => "same",
                };
            }
            lines.Add($"| {group.Key} | {verdict} | {Format.Value(medianBefore, unit)} | {Format.Value(medianAfter, unit)} | {Format.Ratio(medianAfter, medianBefore)} |");
        }

        console.WriteLine($"Comparison of {positional[1]} (diff) against {positional[0]} (base), threshold {threshold.ToString(CultureInfo.InvariantCulture)}%, Mann-Whitney, α = 0.05");
        console.WriteLine();
        console.WriteLine("| metric/model/variant | verdict | base median | diff median | diff/base |");
        console.WriteLine("|---|---|---:|---:|---:|");
        foreach (string line in lines) console.WriteLine(line);
        if (lines.Count == 0) console.WriteLine("| (no quantity was sampled in both runs) | | | | |");
        return regressed ? RegressionExitCode : 0;
    }

    /// <summary>Memory samples are one reading per N: the key includes N so that like is compared with like.</summary>
    private static string Key(SampleRow s) => s.Units > 0 ? $"{s.Metric}/{s.Model}/{s.Variant}@{s.Units}" : $"{s.Metric}/{s.Model}/{s.Variant}";

    private static IReadOnlyList<SampleRow> Load(string directory)
    {
        string path = Path.Combine(Path.GetFullPath(directory), ResultsStore.SamplesFile);
        if (!Directory.Exists(directory)) throw new UsageException($"{Command}: no such folder '{directory}'");
        if (!File.Exists(path)) throw new UsageException($"{Command}: '{directory}' has no {ResultsStore.SamplesFile}");
        try
        {
            return ResultsStore.ReadSamples(path);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }
    }

    private static double ParsePercent(string text)
    {
        string number = text.TrimEnd('%');
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value < 1000
            ? value
            : throw new UsageException($"{Command}: --threshold must be a percentage such as 5%, got '{text}'");
    }
}
