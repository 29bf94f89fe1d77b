using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Scenarios;

namespace Harness.Child;

/// <summary>
/// How a scenario child reports back: one line on stdout starting with <see cref="ResultPrefix"/> and
/// holding the JSON of a <see cref="ChildReport"/>, or one line starting with <see cref="FailurePrefix"/>.
/// Anything else the child prints is ignored. Protocol version 2, peers/PROTOCOL.md: samples are finite numbers only
/// (a quantity that could not be measured is left out), so no NaN is ever written.
/// </summary>
public static class ChildProtocol
{
    public const string ResultPrefix = "BENCH-RESULT ";
    public const string FailurePrefix = "BENCH-FAILURE ";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What the child measured, which CPUs it was allowed to use and how many its runtime uses.</summary>
    /// <param name="Runtime">Optional: what ran, a language and library version (".NET 10.0.1").</param>
    public sealed record ChildReport(IReadOnlyList<Series> Series, string Affinity, int ProcessorCount, string? Runtime = null);

    public static string FormatResult(ChildReport report) => ResultPrefix + JsonSerializer.Serialize(report, Json);

    public static string FormatFailure(string message) => FailurePrefix + message.ReplaceLineEndings(" ");

    /// <summary>Longest part of a malformed result line quoted in the failure that refuses it.</summary>
    private const int QuotedLineChars = 300;

    /// <summary>
    /// Finds the child's report or failure line in its stdout. A result line that is not a report of this protocol
    /// (not JSON, no series, a series without samples, no affinity) is refused with <paramref name="child"/> (the
    /// model whose child printed it, e.g. a peer's id) and the line itself.
    /// </summary>
    public static (ChildReport? Report, string? Failure) Parse(string stdout, string child = "the child")
    {
        ArgumentNullException.ThrowIfNull(stdout);
        foreach (string line in stdout.Split('\n').Select(l => l.TrimEnd('\r')).Reverse())
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                string quoted = line.Length > QuotedLineChars ? line[..QuotedLineChars] + "..." : line;
                try
                {
                    ChildReport? report = JsonSerializer.Deserialize<ChildReport>(line[ResultPrefix.Length..], Json);
                    string? problem = ProblemOf(report);
                    return problem is null ? (report, null) : (null, $"malformed result line from {child} ({problem}): {quoted}");
                }
                catch (JsonException e)
                {
                    return (null, $"malformed result line from {child} ({e.Message}): {quoted}");
                }
            }
            if (line.StartsWith(FailurePrefix, StringComparison.Ordinal))
                return (null, line[FailurePrefix.Length..]);
        }
        return (null, null);
    }

    /// <summary>What makes a parsed report unusable, or null: the fields JSON leaves null when absent are required here.</summary>
    private static string? ProblemOf(ChildReport? report) => report switch
    {
        null => "null report",
        { Series: null } => "no series",
        { Affinity: null } => "no affinity",
        _ => report.Series.Select((s, i) => s is null ? $"series {i} is null"
                : string.IsNullOrEmpty(s.Quantity) ? $"series {i} has no quantity"
                : s.Samples is null or { Count: 0 } ? $"series '{s.Quantity}' has no samples"
                : null).FirstOrDefault(p => p is not null),
    };
}
