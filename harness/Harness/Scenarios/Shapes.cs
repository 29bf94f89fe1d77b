namespace Harness.Scenarios;

/// <summary>The workload shapes a scenario can run; a metric has one or more.</summary>
public static class Shapes
{
    /// <summary>Creation: spawn N trivial units, join them all.</summary>
    public const string SpawnJoin = "spawn-join";

    /// <summary>Switch: Blandy's brigade of units chained by kernel byte links.</summary>
    public const string Brigade = "brigade";

    /// <summary>Switch: two units handing a token back and forth in memory.</summary>
    public const string PingPong = "pingpong";

    public static IReadOnlyList<string> Of(string metric) => metric switch
    {
        MetricIds.Creation => [SpawnJoin],
        MetricIds.Switch => [Brigade, PingPong],
        _ => [],
    };
}
