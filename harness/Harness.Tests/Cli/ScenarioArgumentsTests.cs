using Harness.Cli;
using Harness.Models;
using Harness.Running;
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
    public void Plan_WithShapes_RunsOnlyThose_EvenAFullOnlyShapeInAQuickRun()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions
        {
            Metrics = [MetricIds.Switch, MetricIds.Memory],
            Shapes = [Shapes.BrigadePipe, Shapes.ParkedTouch],
        });

        Assert.Equal([Shapes.BrigadePipe, Shapes.ParkedTouch], plan.Select(s => s.Shape).Distinct());
        Assert.Equal(ModelIds.All.Count * 2, plan.Count(s => s.Shape == Shapes.BrigadePipe));
    }

    [Fact]
    public void Plan_CoversEveryMetricShapeModelAndPinning()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions());

        int models = ModelIds.All.Count;
        Assert.Equal(models, plan.Count(s => s.Metric == MetricIds.Creation));
        // Quick runs leave out the pipe brigade; full runs have every switch shape.
        Assert.Equal(models * (Shapes.Of(MetricIds.Switch).Count - 1) * 2, plan.Count(s => s.Metric == MetricIds.Switch));
        Assert.DoesNotContain(plan, s => s.Shape == Shapes.BrigadePipe);
        Assert.Equal(models * 2, ScenarioPlan.For(new TableOptions { Quick = false }).Count(s => s.Shape == Shapes.BrigadePipe));
        // Offload and detection are green-only stall shapes: thread, task and green each run the plain stall curve.
        int stallPoints = ScenarioPlan.Quick.StallHoldsUs.Count * ScenarioPlan.Quick.StallKinds.Count * ScenarioPlan.Quick.StallOffendersPerWorker.Count;
        Assert.Equal((models + 2) * stallPoints, plan.Count(s => s.Metric == MetricIds.Stall));
        Assert.Equal(plan.Count, plan.Select(s => s.Name).Distinct().Count());
        Assert.All(plan.Where(s => s.Shape == Shapes.Brigade), s => Assert.Equal(ScenarioPlan.BrigadeUnits, s.Units));
    }
}
