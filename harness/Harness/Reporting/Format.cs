using System.Globalization;

namespace Harness.Reporting;

/// <summary>Number formatting for reports: invariant culture, three significant digits, Blandy's microseconds.</summary>
public static class Format
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>A value with its unit; times (stored in ns) are shown in µs as in Blandy's table, from 10 ms on in ms and
    /// from 1 s on in s.</summary>
    public static string Value(double value, string unit) => unit switch
    {
        _ when double.IsNaN(value) => "n/a",
        // Microseconds as in Blandy's table; a stall of 98,738 µs reads better as 98.7 ms, and 2,700,000 µs as 2.70 s.
        "ns" when Math.Abs(value) >= 1e9 => Significant(value / 1e9) + " s",
        "ns" when Math.Abs(value) >= 10e6 => Significant(value / 1e6) + " ms",
        "ns" => Significant(value / 1000) + " µs",
        "B" => Bytes(value),
        _ => Significant(value) + " " + unit,
    };

    /// <summary>A 95% confidence interval in the value's unit, or n/a.</summary>
    public static string Interval(double lower, double upper, string unit) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? "n/a" : $"{Value(lower, unit)} – {Value(upper, unit)}";

    public static string Ratio(double numerator, double denominator) =>
        double.IsNaN(numerator) || double.IsNaN(denominator) || numerator <= 0 || denominator <= 0
            ? "n/a"
            : Significant(numerator / denominator) + "×";

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1024 * 1024 => Significant(bytes / (1024 * 1024)) + " MiB",
        >= 1024 => Significant(bytes / 1024) + " KiB",
        _ => Significant(bytes) + " B",
    };

    /// <summary>Three significant digits, no exponent: 17.2, 0.312, 1234 stays 1234.</summary>
    public static string Significant(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Math.Min(6, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        return value.ToString("F" + decimals.ToString(s_invariant), s_invariant);
    }

    /// <summary>A per-operation counter: two decimals, or n/a where it was not counted.</summary>
    public static string Counter(double value) =>
        double.IsNaN(value) ? "" : value.ToString(value >= 100 ? "F0" : "F2", s_invariant);

    /// <summary>Escapes a cell's text for a markdown table.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
