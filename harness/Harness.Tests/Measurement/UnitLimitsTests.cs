using Harness.Tests.Fixtures;
using Harness.Measurement;
using Harness.Models;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Measurement;

public sealed class UnitLimitsTests
{
    [Fact]
    public void Preflight_ReadsAPositiveCapAndNamesItsBound()
    {
        UnitLimits limits = UnitLimits.Read();

        Assert.True(limits.MaxNewThreads > 0);
        Assert.False(string.IsNullOrWhiteSpace(limits.ThreadBound));
        Assert.True(limits.MaxLightUnits > limits.MaxNewThreads);
    }

    [Fact]
    public void MemorySweep_IsCappedWithAWarning()
    {
        var warnings = new List<string>();
        var options = new TableOptions { Metrics = [MetricIds.Memory], Models = [ModelIds.Thread, ModelIds.Task] };

        IReadOnlyList<ScenarioGroup> groups = ScenarioPlan.Groups(options, threadCap: 1_500, lightCap: long.MaxValue, warnings);

        ScenarioGroup threads = groups.First(g => g.Model == ModelIds.Thread && g.Shape == Shapes.Parked);
        Assert.Equal([1_000, 1_500], threads.Specs.Cast<ParkedSpec>().Select(s => s.Units));
        ScenarioGroup tasks = groups.First(g => g.Model == ModelIds.Task && g.Shape == Shapes.Parked);
        Assert.Equal(ScenarioPlan.Quick.LightMemorySweep, tasks.Specs.Cast<ParkedSpec>().Select(s => s.Units));
        Assert.Contains(warnings, w => w.Contains("memory/thread/parked: N=3000 capped to 1500", StringComparison.Ordinal));
        Assert.DoesNotContain(groups, g => g.Model == ModelIds.Task && g.Shape == Shapes.ParkedSmallStack);
    }
}

public sealed class EnvironmentInfoTests
{
    [Fact]
    public void ThreadStack_IsMeasuredFromTheProcessMappings()
    {
        long kib = EnvironmentInfo.MeasuredThreadStackKiB();

        // Linux thread stacks are at least 16 KiB (PTHREAD_STACK_MIN) and .NET's are far larger; none is above 1 GiB.
        Assert.InRange(kib, 16, 1024 * 1024);
        Assert.StartsWith($"{kib} KiB reserved per new .NET thread", EnvironmentInfo.Capture().DefaultThreadStack, StringComparison.Ordinal);
    }
}
