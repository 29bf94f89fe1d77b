using Harness.Models;
using Harness.Running;
using Harness.Scenarios;

using Harness.Tests.Fixtures;

namespace Harness.Tests.Scenarios;

public sealed class ScenarioPlanTests
{
    [Fact]
    public void Plan_WithShapes_RunsOnlyThose_EvenAFullOnlyShapeInAQuickRun()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions
        {
            Metrics = [MetricIds.Switch, MetricIds.Memory],
            Shapes = [Shapes.BrigadePipe, Shapes.ParkedTouch],
        });

        Assert.Equal([Shapes.BrigadePipe, Shapes.ParkedTouch], plan.Select(s => s.Shape).Distinct());
        Assert.Equal(ExecutionModels.Available.Count * 2, plan.Count(s => s.Shape == Shapes.BrigadePipe));
        Assert.All(plan.OfType<ParkedSpec>(), s => Assert.Equal(ScenarioPlan.TouchBytes, s.TouchBytes));
    }

    [Fact]
    public void Plan_CoversEveryMetricShapeModelAndPinning()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions());

        int models = ExecutionModels.Available.Count; // a quick run without --models is .NET's alone
        Assert.Equal(models, plan.Count(s => s.Metric == MetricIds.Creation));
        // Quick runs leave out the pipe brigade; full runs have every switch shape.
        int quickSwitchShapes = Shapes.Of(MetricIds.Switch).Count(s => !ScenarioPlan.FullOnlyShapes.Contains(s));
        Assert.Equal(models * quickSwitchShapes * 2, plan.Count(s => s.Metric == MetricIds.Switch));
        Assert.DoesNotContain(plan, s => s.Shape == Shapes.BrigadePipe);
        Assert.Equal(models * 2, ScenarioPlan.For(new TableOptions { Quick = false }).Count(s => s.Shape == Shapes.BrigadePipe));
        // A full run parsed from the command line (no --models) measures the peers too.
        Assert.Equal(ModelIds.All.Count * 2, ScenarioPlan.For(TableArguments.Parse("--full")).Count(s => s.Shape == Shapes.BrigadePipe));
        // Offload and detection are green-only stall shapes: thread, task and green each run the plain stall curve, and
        // a quick run measures each green variant only at the one hold the report reads it at.
        int stallPoints = ScenarioPlan.Quick.StallHoldsUs.Count * ScenarioPlan.Quick.StallKinds.Count * ScenarioPlan.Quick.StallOffendersPerWorker.Count;
        int variantPoints = ScenarioPlan.Quick.StallKinds.Count * ScenarioPlan.Quick.StallOffendersPerWorker.Count;
        Assert.Equal(models * stallPoints + 2 * variantPoints, plan.Count(s => s.Metric == MetricIds.Stall));
        Assert.Equal(plan.Count, plan.Select(s => s.Name).Distinct().Count());
        Assert.All(plan.OfType<BrigadeSpec>(), s => Assert.Equal(ScenarioPlan.BrigadeUnits, s.Units));
    }

    [Fact]
    public void Plan_QuickRunMeasuresGreenRemediesAtTheHoldTheReportReads_FullRunAtEveryHold()
    {
        static IEnumerable<(string Shape, int Hold)> StallCells(TableOptions options) =>
            ScenarioPlan.For(options).OfType<StallSpec>().Select(s => (s.StallShape, s.HoldMicroseconds));

        var quick = StallCells(new TableOptions { Metrics = [MetricIds.Stall] }).ToList();
        Assert.Equal([ScenarioPlan.ShortHoldUs], quick.Where(c => c.Shape == Shapes.StallOffload).Select(c => c.Hold));
        Assert.Equal([ScenarioPlan.LongHoldUs], quick.Where(c => c.Shape == Shapes.StallDetect).Select(c => c.Hold));
        // The plain stall curve keeps both holds in a quick run.
        Assert.Equal([ScenarioPlan.ShortHoldUs, ScenarioPlan.LongHoldUs],
            quick.Where(c => c.Shape == Shapes.Stall).Select(c => c.Hold).Distinct().Order());

        var full = StallCells(new TableOptions { Quick = false, Metrics = [MetricIds.Stall] }).ToList();
        Assert.Equal(ScenarioPlan.Full.StallHoldsUs.Order(), full.Where(c => c.Shape == Shapes.StallOffload).Select(c => c.Hold).Distinct().Order());
        Assert.Equal(ScenarioPlan.Full.StallHoldsUs.Order(), full.Where(c => c.Shape == Shapes.StallDetect).Select(c => c.Hold).Distinct().Order());
    }
}
