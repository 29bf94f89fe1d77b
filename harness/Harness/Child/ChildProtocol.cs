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

    /// <summary>Exit code of a child whose scenario threw.</summary>
    public const int ScenarioFailedExitCode = 3;

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

    /// <summary>Finds the child's report or failure line in its stdout.</summary>
    public static (ChildReport? Report, string? Failure) Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        foreach (string line in stdout.Split('\n').Select(l => l.TrimEnd('\r')).Reverse())
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                try
                {
                    return (JsonSerializer.Deserialize<ChildReport>(line[ResultPrefix.Length..], Json), null);
                }
                catch (JsonException e)
                {
                    return (null, $"unreadable result from the child: {e.Message}");
                }
            }
            if (line.StartsWith(FailurePrefix, StringComparison.Ordinal))
                return (null, line[FailurePrefix.Length..]);
        }
        return (null, null);
    }
}
