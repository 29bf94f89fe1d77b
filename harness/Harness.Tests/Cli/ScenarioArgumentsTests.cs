using Harness.Cli;
using Harness.Models;
using Harness.Scenarios;

namespace Harness.Tests.Cli;

public sealed class ScenarioArgumentsTests
{
    [Fact]
    public void Spec_RoundTripsThroughItsArguments()
    {
        var spec = new ScenarioSpec(MetricIds.Switch, ModelIds.Task, Shapes.Brigade, true, Transport.Pipe, 500, 20, 2, 10);

        ScenarioSpec parsed = ScenarioArguments.Parse(spec.ToArguments());

        Assert.Equal(spec, parsed);
    }

    [Theory]
    [InlineData("--metric", "switch", "--model", "task")]
    [InlineData("--metric", "switch", "--model", "task", "--shape", "spawn-join")]
    [InlineData("--metric", "creation", "--model", "task", "--shape", "spawn-join", "--units", "0")]
    [InlineData("--metric", "creation", "--model", "task", "--shape", "spawn-join", "--transport", "carrier-pigeon")]
    public void BadScenarioArguments_AreUsageErrors(params string[] args) =>
        Assert.Throws<UsageException>(() => ScenarioArguments.Parse(args));

    [Fact]
    public void Plan_CoversEveryMetricShapeModelAndPinning()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions());

        Assert.Equal(2, plan.Count(s => s.Metric == MetricIds.Creation));
        Assert.Equal(8, plan.Count(s => s.Metric == MetricIds.Switch));
        Assert.Equal(plan.Count, plan.Select(s => s.Name).Distinct().Count());
        Assert.All(plan.Where(s => s.Shape == Shapes.Brigade), s => Assert.Equal(ScenarioPlan.BrigadeUnits, s.Units));
    }
}
