using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Legacy;

/// <summary>
/// Reads a run folder written in format 1 (results.csv and samples.csv with one <c>variant</c> column such as
/// <c>sleep-1ms-xW-offload-p99-added</c>) as format-2 rows with typed identities. The only code that parses a variant
/// string: every other reader selects by field. Memory sweeps come back as point rows, from samples.csv's readings at
/// each N, so that their slopes are derived as for a new run; the format-1 slope rows are dropped.
/// </summary>
public static partial class LegacyResults
{
    /// <summary>The header's first columns of a format-1 file.</summary>
    private const string Format1Header = "metric,model,variant,";

    /// <summary>Whether a results.csv or samples.csv is in format 1 (read from its header line).</summary>
    public static bool IsFormat1(string path)
    {
        using var reader = new StreamReader(Storage.SafeFile.OpenRead(path, Storage.SafeFile.MaxCsvBytes));
        return reader.ReadLine()?.StartsWith(Format1Header, StringComparison.Ordinal) == true;
    }

    /// <summary>A run folder's rows in format 2.</summary>
    /// <param name="workers">The CPUs the run's unpinned children used, for the offender counts of "xW" and "x2W"
    /// (format 1 named them relative to it); a row's own processor_count takes precedence.</param>
    public static (IReadOnlyList<ResultRow> Results, IReadOnlyList<SampleRow> Samples) Read(string resultsPath, string samplesPath, int workers)
    {
        IReadOnlyList<LegacyResultRow> legacy = ReadCsv(resultsPath, r => r.GetRecords<LegacyResultRow>());
        IReadOnlyList<LegacySampleRow> legacySamples = File.Exists(samplesPath) ? ReadCsv(samplesPath, r => r.GetRecords<LegacySampleRow>()) : [];
        // Format 1 wrote NaN for what was not measured (a stall that never recovered, a pool that never grew); format 2
        // leaves such a sample out, as the child protocol does.
        // Format 1 gave both readings of a repeated memory point index 0; format 2 numbers the repeats.
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = legacySamples.Where(s => double.IsFinite(s.Value)).Select(s =>
        {
            var row = new SampleRow(IdentityOf(s.Metric, s.Model, s.Variant, workers).Identity with { Units = s.Units })
            {
                Index = s.Index,
                Value = s.Value,
                Unit = s.Unit,
            };
            if (row.Metric != MetricIds.Memory) return row;
            int repeat = repeats.GetValueOrDefault(row.Key);
            repeats[row.Key] = repeat + 1;
            return row with { Index = repeat };
        }).ToList();

        var results = new List<ResultRow>();
        foreach (LegacyResultRow row in legacy)
        {
            (ResultIdentity identity, string statistic) = IdentityOf(row.Metric, row.Model, row.Variant, row.ProcessorCount > 0 ? row.ProcessorCount : workers);
            bool failed = row.Status == ResultRow.StatusFailed;
            if (row.Metric == MetricIds.Memory && !failed) continue; // a slope: derived again from the points below
            if (row.Metric == MetricIds.Memory && identity.Units == 0) continue; // "fewer than two N": derived again too
            results.Add(new ResultRow(failed ? identity with { Quantity = "" } : identity)
            {
                Statistic = failed ? "" : statistic,
                Estimator = failed ? "" : EstimatorOf(statistic),
                Value = row.Median,
                CiLower = row.CiLower,
                CiUpper = row.CiUpper,
                Unit = row.Unit,
                Samples = row.Samples,
                Min = row.Min,
                Max = row.Max,
                Modes = row.Modes,
                Status = row.Status,
                Note = failed ? "" : row.Error,
                Error = failed ? row.Error : "",
                VoluntarySwitchesPerOp = row.VoluntarySwitchesPerOp,
                InvoluntarySwitchesPerOp = row.InvoluntarySwitchesPerOp,
                WorkItemsPerOp = row.WorkItemsPerOp,
                LockContentionsPerOp = row.LockContentionsPerOp,
                Affinity = row.Affinity,
                ProcessorCount = row.ProcessorCount,
            });
        }
        foreach (SampleRow point in samples.Where(s => s.Metric == MetricIds.Memory && s.Units > 0))
        {
            // The slope row of the same sweep and quantity says which CPUs the sweep's children had.
            LegacyResultRow? slope = legacy.FirstOrDefault(r => r.Metric == point.Metric && r.Model == point.Model
                && IdentityOf(r.Metric, r.Model, r.Variant, workers).Identity == (point with { Units = 0 }).Identity);
            results.Add(new ResultRow(point)
            {
                Statistic = Statistics.Point,
                Estimator = Statistics.SingleReading,
                Value = point.Value,
                Unit = point.Unit,
                Samples = 1,
                Modes = 1,
                Affinity = slope?.Affinity ?? "",
                ProcessorCount = slope?.ProcessorCount ?? workers,
            });
        }
        return (results, samples);
    }

    private static string EstimatorOf(string statistic) => statistic switch
    {
        Statistics.Median => Statistics.HarrellDavisMedian,
        Statistics.P50Added or Statistics.P99Added => Statistics.QuantileDifference,
        Statistics.MaxAdded => Statistics.MaxDifference,
        _ => Statistics.SingleReading,
    };

    [GeneratedRegex("^(brigade-pipe|brigade|pingpong|yield)-(pinned|unpinned)(?:-(raw|baseline|pool-threads))?$")]
    private static partial Regex SwitchVariant();

    [GeneratedRegex("^(rss|pss|managed|page-tables|kernel-system|kernel|threads)(-touch|-small-stack)?$")]
    private static partial Regex MemoryVariant();

    [GeneratedRegex("^(parked|parked-touch|parked-small-stack)@([0-9]+)$")]
    private static partial Regex MemoryPointVariant();

    [GeneratedRegex("^(sleep|spin|wait)-([0-9]+)(ms|us)-x(1|W|2W|[0-9]+)(?:-(offload|detect))?-(.+)$")]
    private static partial Regex StallVariant();

    private static readonly IReadOnlyList<string> s_stallDistributions = [Quantities.LatenessBaseline, Quantities.Lateness, Quantities.Hold];

    private static readonly IReadOnlyList<string> s_stallDifferences = [Statistics.P50Added, Statistics.P99Added, Statistics.MaxAdded];

    /// <summary>The typed identity and statistic a format-1 variant names.</summary>
    internal static (ResultIdentity Identity, string Statistic) IdentityOf(string metric, string model, string variant, int workers)
    {
        var identity = new ResultIdentity { Metric = metric, Model = model, Pinning = ResultIdentity.Unpinned };
        switch (metric)
        {
            case MetricIds.Creation:
                return (identity with { Shape = Shapes.SpawnJoin, Quantity = variant == "total-pool-threads" ? Quantities.PoolThreads : variant }, Statistics.Median);
            case MetricIds.Switch when SwitchVariant().Match(variant) is { Success: true } m:
                string shape = m.Groups[1].Value;
                string quantity = m.Groups[3].Success ? m.Groups[3].Value
                    : shape == Shapes.PingPong ? Quantities.Switch : shape == Shapes.Yield ? Quantities.Yield : Quantities.Net;
                string transport = shape == Shapes.Brigade ? "socketpair" : shape == Shapes.BrigadePipe ? "pipe" : "";
                return (identity with { Shape = shape, Transport = transport, Pinning = m.Groups[2].Value, Quantity = quantity }, Statistics.Median);
            case MetricIds.Memory when MemoryPointVariant().Match(variant) is { Success: true } m:
                return (identity with { Shape = m.Groups[1].Value, Units = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) }, Statistics.Point);
            case MetricIds.Memory when MemoryVariant().Match(variant) is { Success: true } m:
                string parked = m.Groups[2].Value switch { "-touch" => Shapes.ParkedTouch, "-small-stack" => Shapes.ParkedSmallStack, _ => Shapes.Parked };
                return (identity with { Shape = parked, Quantity = m.Groups[1].Value }, Statistics.Slope);
            case MetricIds.Stall when StallVariant().Match(variant) is { Success: true } m:
                int hold = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * (m.Groups[3].Value == "ms" ? 1000 : 1);
                int offenders = m.Groups[4].Value switch { "W" => workers, "2W" => 2 * workers, var count => int.Parse(count, CultureInfo.InvariantCulture) };
                string stall = m.Groups[5].Success ? $"stall-{m.Groups[5].Value}" : Shapes.Stall;
                string what = m.Groups[6].Value;
                var setup = identity with { Shape = stall, Block = m.Groups[1].Value, HoldMicroseconds = hold, Offenders = offenders };
                return s_stallDifferences.Contains(what) ? (setup with { Quantity = Quantities.Lateness }, what)
                    : (setup with { Quantity = what }, s_stallDistributions.Contains(what) ? Statistics.Median : Statistics.Reading);
            default:
                throw new InvalidDataException($"'{variant}' is not a {metric} variant of results format 1");
        }
    }

    private static List<T> ReadCsv<T>(string path, Func<CsvReader, IEnumerable<T>> records)
    {
        using CsvReader reader = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default, leaveOpen: false);
        try
        {
            return records(reader).ToList();
        }
        catch (CsvFormatException e)
        {
            throw new InvalidDataException($"{path}: format 1 file could not be read: {e.Message}", e);
        }
    }
}
