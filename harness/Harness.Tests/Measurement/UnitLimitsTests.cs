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
        Assert.Contains(warnings, w => w.Contains("memory/thread/parked: N=2000 capped to 1500", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("memory/thread/parked: N=3000 left out", StringComparison.Ordinal));
        Assert.DoesNotContain(groups, g => g.Model == ModelIds.Task && g.Shape == Shapes.ParkedSmallStack);
    }

    [Fact]
    public void ACapJustAboveTheLastPoint_IsLeftOut_NotMeasuredTwice()
    {
        var warnings = new List<string>();
        var options = new TableOptions { Quick = false, Metrics = [MetricIds.Memory], Models = [ModelIds.Thread, ModelIds.Task] };

        // The full thread sweep 1,000 / 3,000 / 10,000 / 100,000 on a machine that allows 10,798 threads.
        IReadOnlyList<ScenarioGroup> groups = ScenarioPlan.Groups(options, threadCap: 10_798, lightCap: long.MaxValue, warnings);

        Assert.Equal([1_000, 3_000, 10_000], groups.First(g => g.Model == ModelIds.Thread && g.Shape == Shapes.Parked).Specs.Cast<ParkedSpec>().Select(s => s.Units));
        Assert.Contains(warnings, w => w.Contains("memory/thread/parked: N=100000 left out: this machine's limits cap it at 10798", StringComparison.Ordinal));
        // Touched light units stop at 100,000 in a full run; plain ones go on to 1,000,000.
        Assert.Equal(100_000, groups.First(g => g.Model == ModelIds.Task && g.Shape == Shapes.ParkedTouch).Specs.Cast<ParkedSpec>().Max(s => s.Units));
        Assert.Equal(1_000_000, groups.First(g => g.Model == ModelIds.Task && g.Shape == Shapes.Parked).Specs.Cast<ParkedSpec>().Max(s => s.Units));
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
