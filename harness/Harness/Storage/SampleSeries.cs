using System.Globalization;
using Harness.Reporting;

namespace Harness.Storage;

/// <summary>
/// Packs samples.csv rows into <see cref="SeriesRow"/>s, one per quantity and launch, and unpacks them, losslessly: each
/// sample comes back with its launch, its index and the very same double.
/// <para>
/// Two codings. A series of whole numbers (nanoseconds of a wake-up, bytes, counts: most of a run's samples) is written
/// as <see cref="Delta"/>: its first value, then each value's difference from the one before, as integers; a stall
/// phase's samples are stored as sorted order statistics, so their differences are short. Any other series is written
/// <see cref="Plain"/>: each value in its shortest round-trip form.
/// </para>
/// </summary>
public static class SampleSeries
{
    /// <summary>Each value in its shortest round-trip form.</summary>
    public const string Plain = "plain";

    /// <summary>Whole numbers: the first value, then each value minus the one before it.</summary>
    public const string Delta = "delta";

    /// <summary>Whole numbers up to this magnitude are exact as doubles, and their differences fit a long.</summary>
    private const double MaxExactInteger = 1L << 53;

    /// <summary>
    /// The samples as one row per (identity, launch), in the order the series first appear. Refuses (an
    /// <see cref="InvalidDataException"/>) samples whose indexes within a series are not 0, 1, 2, ... once each: a row
    /// stores its values by position, so a gap or a repeat could not come back as it was.
    /// </summary>
    public static IReadOnlyList<SeriesRow> Pack(IReadOnlyList<SampleRow> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rows = new List<SeriesRow>();
        foreach (var series in samples.GroupBy(s => (s.Identity, s.Launch)))
        {
            SampleRow[] ordered = series.OrderBy(s => s.Index).ToArray();
            for (int i = 0; i < ordered.Length; i++)
                if (ordered[i].Index != i)
                    throw new InvalidDataException($"{series.Key.Identity.Key} launch {series.Key.Launch}: sample indexes are not 0..{ordered.Length - 1} "
                        + $"once each (position {i} holds index {ordered[i].Index})");
            double[] values = ordered.Select(s => s.Value).ToArray();
            bool whole = values.All(IsWhole);
            rows.Add(new SeriesRow(series.Key.Identity)
            {
                Launch = series.Key.Launch,
                Unit = ordered[0].Unit,
                Coding = whole ? Delta : Plain,
                Values = whole ? Differences(values) : string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            });
        }
        return rows;
    }

    /// <summary>A whole number a long holds exactly (negative zero is not: it would come back as zero).</summary>
    private static bool IsWhole(double value) =>
        value == Math.Floor(value) && Math.Abs(value) <= MaxExactInteger && !(value == 0 && double.IsNegative(value));

    private static string Differences(double[] values)
    {
        var text = new System.Text.StringBuilder();
        long previous = 0;
        foreach (double value in values)
        {
            long current = (long)value;
            if (text.Length > 0) text.Append(' ');
            text.Append((current - previous).ToString(CultureInfo.InvariantCulture));
            previous = current;
        }
        return text.ToString();
    }

    /// <summary>The row's samples, index 0 first; a row that no <see cref="Pack"/> writes is an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<SampleRow> Unpack(SeriesRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        double[] values = Decode(row);
        var identity = row.Identity;
        return values.Select((v, i) => new SampleRow(identity) { Launch = row.Launch, Index = i, Value = v, Unit = row.Unit }).ToList();
    }

    /// <summary>Why the row cannot be unpacked, or null when it can.</summary>
    public static string? ProblemOf(SeriesRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            double[] values = Decode(row);
            return values.All(double.IsFinite) ? null : "a value is not a number a run measures";
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private static double[] Decode(SeriesRow row)
    {
        string[] parts = row.Values.Split(' ');
        if (row.Values.Length == 0) throw new InvalidDataException("values is empty (a series has at least one sample)");
        if (row.Coding == Plain)
            return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v : throw new InvalidDataException($"'{p}' in values is not a number")).ToArray();
        if (row.Coding != Delta) throw new InvalidDataException($"coding '{row.Coding}' is neither {Plain} nor {Delta}");
        var values = new double[parts.Length];
        long current = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long difference))
                throw new InvalidDataException($"'{parts[i]}' in values is not a whole-number difference");
            try
            {
                current = checked(current + difference);
            }
            catch (OverflowException)
            {
                throw new InvalidDataException($"the differences in values overflow at position {i}");
            }
            values[i] = current;
        }
        return values;
    }
}
