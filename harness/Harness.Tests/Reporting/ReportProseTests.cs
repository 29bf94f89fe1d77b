using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Reporting;

/// <summary>The prose is embedded: every metric and section has its text, and an unknown name is an error.</summary>
public sealed class ReportProseTests
{
    [Fact]
    public void EveryMetricAndSection_HasItsProse()
    {
        foreach (string name in MetricIds.All.Append(ReportProse.Headline).Append(ReportProse.Blandy))
            Assert.True(ReportProse.Of(name).Length > 100, $"prose '{name}' is missing or too short");
    }

    [Fact]
    public void AnUnknownName_IsAnError() => Assert.Throws<InvalidOperationException>(() => ReportProse.Of("nope"));
}
