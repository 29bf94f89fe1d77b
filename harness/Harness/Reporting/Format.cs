using System.Globalization;

namespace Harness.Reporting;

/// <summary>Number formatting for reports: invariant culture, three significant digits, Blandy's microseconds.</summary>
public static class Format
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>A value with its unit; times (stored in ns) are shown in µs as in Blandy's table, from 10 ms on in ms and
    /// from 1 s on in s; bytes in B, KiB or MiB.</summary>
    public static string Value(double value, string unit) => In(value, ScaleFor(Math.Abs(value), unit));

    /// <summary>A 95% confidence interval, both ends in one scale (that of the larger end), or n/a.</summary>
    public static string Interval(double lower, double upper, string unit) => Interval(lower, upper, unit, Largest(lower, upper));

    /// <summary>A 95% confidence interval in the scale that suits <paramref name="scaleOf"/> (a median beside it), or n/a.</summary>
    public static string Interval(double lower, double upper, string unit, double scaleOf) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? "n/a" : $"{Value(lower, unit, scaleOf)} – {Value(upper, unit, scaleOf)}";

    /// <summary>A value in the scale that suits <paramref name="scaleOf"/>, so that numbers side by side share one.</summary>
    public static string Value(double value, string unit, double scaleOf) => In(value, ScaleFor(Math.Abs(scaleOf), unit));

    /// <summary>"median (lower – upper)", all three in one scale, so that "10.4 ms (9.12 ms – 10.8 ms)" never reads as
    /// "10.4 ms (9120 µs – 10.8 ms)".</summary>
    public static string Estimate(double median, double lower, double upper, string unit)
    {
        if (double.IsNaN(median)) return "n/a";
        double scaleOf = EstimateScale(median, lower, upper);
        return $"{Value(median, unit, scaleOf)} ({Interval(lower, upper, unit, scaleOf)})";
    }

    /// <summary>"11.8 µs (11.5–12.2)": a median with its unit and its 95% interval in the same scale, compact enough for
    /// a table of nine models; the median alone where there is no interval.</summary>
    public static string Compact(double median, double lower, double upper, string unit)
    {
        if (double.IsNaN(median)) return "n/a";
        double scaleOf = EstimateScale(median, lower, upper);
        (double divisor, string suffix) = ScaleFor(Math.Abs(scaleOf), unit);
        string value = $"{Significant(median / divisor)} {suffix}";
        return double.IsNaN(lower) || double.IsNaN(upper)
            ? value
            // "-21.2 to -17.5", never "-21.2–-17.5".
            : $"{value} ({Significant(lower / divisor)}{(lower < 0 ? " to " : "–")}{Significant(upper / divisor)})";
    }

    /// <summary>The magnitude whose scale a median and its interval share: the largest of the three that is known.</summary>
    public static double EstimateScale(double median, double lower, double upper) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? Math.Abs(median) : Largest(median, Largest(lower, upper));

    /// <summary>How a magnitude is shown: the divisor and the unit's name. Microseconds as in Blandy's table; a stall of
    /// 98,738 µs reads better as 98.7 ms, and 2,700,000 µs as 2.70 s.</summary>
    private static (double Divisor, string Suffix) ScaleFor(double magnitude, string unit) => unit switch
    {
        "ns" when magnitude >= 1e9 => (1e9, "s"),
        "ns" when magnitude >= 10e6 => (1e6, "ms"),
        "ns" => (1000, "µs"),
        "B" when magnitude >= 1024 * 1024 => (1024 * 1024, "MiB"),
        "B" when magnitude >= 1024 => (1024, "KiB"),
        _ => (1, unit),
    };

    private static double Largest(double a, double b) => Math.Max(Math.Abs(a), Math.Abs(b));

    private static string In(double value, (double Divisor, string Suffix) scale) =>
        double.IsNaN(value) ? "n/a" : $"{Significant(value / scale.Divisor)} {scale.Suffix}";

    public static string Ratio(double numerator, double denominator) =>
        double.IsNaN(numerator) || double.IsNaN(denominator) || numerator <= 0 || denominator <= 0
            ? "n/a"
            : Significant(numerator / denominator) + "×";

    /// <summary>Three significant digits, no exponent: 17.2, 0.312, 1234 stays 1234.</summary>
    public static string Significant(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Math.Min(6, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        string text = value.ToString("F" + decimals.ToString(s_invariant), s_invariant);
        return text.TrimStart('-').All(c => c is '0' or '.') ? "0" : text; // -0.0000001 shows as 0, not "-0.000000"
    }

    /// <summary>A per-operation counter: two decimals, or n/a where it was not counted.</summary>
    public static string Counter(double value) =>
        double.IsNaN(value) ? "" : value.ToString(value >= 100 ? "F0" : "F2", s_invariant);

    /// <summary>A stall hold as a short label: <c>1ms</c>, <c>100us</c>.</summary>
    public static string Hold(int microseconds) =>
        microseconds % 1000 == 0 ? $"{microseconds / 1000}ms" : $"{microseconds}us";

    /// <summary>A stall hold for a reader: <c>1 ms</c>, <c>100 µs</c>.</summary>
    public static string HoldForReader(int microseconds) =>
        microseconds % 1000 == 0 ? $"{microseconds / 1000} ms" : $"{microseconds} µs";

    /// <summary>Escapes a cell's text for a markdown table.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
