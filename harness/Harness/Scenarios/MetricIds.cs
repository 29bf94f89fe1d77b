namespace Harness.Scenarios;

/// <summary>The metric ids used on the command line, in result files and as benchmark categories.</summary>
public static class MetricIds
{
    public const string Creation = "creation";
    public const string Switch = "switch";
    public const string Memory = "memory";
    public const string Stall = "stall";

    /// <summary>Every metric the suite defines, in table row order.</summary>
    public static readonly IReadOnlyList<string> All = [Creation, Switch, Memory, Stall];

    /// <summary>The metrics this build can measure.</summary>
    public static readonly IReadOnlyList<string> Available = [Creation, Switch, Memory, Stall];
}
