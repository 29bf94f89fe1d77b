using Harness.Running;
using Harness.Child;
using Harness.Models;
using Harness.Peers;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Peers;

/// <summary>--models takes peer ids and the dotnet and peers groups, and the plan gives each peer only its shapes.</summary>
public sealed class ModelGroupsTests
{
    [Fact]
    public void Groups_ExpandInTheOrderGiven_EachModelOnce()
    {
        TableOptions options = TableArguments.Parse("--models", "go,dotnet,peers,task");

        Assert.Equal(["go", "thread", "task", "green", "rust-thread", "tokio", "tokio-ct", "async-std", "c-thread"], options.Models);
    }

    [Fact]
    public void UnknownModel_IsOneLineListingTheValidIdsAndGroups()
    {
        string e = TableArguments.Refusal("--models", "dotnet,tokyo");

        Assert.DoesNotContain('\n', e);
        Assert.Contains("unknown model 'tokyo'", e, StringComparison.Ordinal);
        foreach (string id in ModelIds.All) Assert.Contains(id, e, StringComparison.Ordinal);
        Assert.Contains("dotnet (thread,task,green)", e, StringComparison.Ordinal);
        Assert.Contains("peers (rust-thread,tokio,tokio-ct,async-std,go,c-thread)", e, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRun_IsDotNetOnly_AndAFullRunHasThePeers()
    {
        Assert.Equal(ExecutionModels.Available, TableArguments.Parse().Models);
        Assert.Equal(ExecutionModels.Available, TableArguments.Parse("--quick").Models);
        Assert.Equal(ModelIds.All, TableArguments.Parse("--full").Models);
        Assert.Equal(["go"], TableArguments.Parse("--full", "--models", "go").Models);
    }

    [Fact]
    public void EachPeer_GetsOnlyTheShapesItsProgramRuns()
    {
        IReadOnlyList<ScenarioSpec> plan = ScenarioPlan.For(new TableOptions { Quick = false, Models = PeerModelIds.All });

        Assert.Equal(PeerModelIds.All, plan.Select(s => s.Model).Distinct());
        Assert.Equal(PeerModelIds.Threads.Order(StringComparer.Ordinal),
            plan.Where(s => s.Shape == Shapes.ParkedSmallStack).Select(s => s.Model).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(plan, s => s.Shape is Shapes.StallOffload or Shapes.StallDetect);
        // tokio-ct runs every task on one thread: one offender per worker is one offender.
        Assert.Equal(ScenarioPlan.Full.StallOffendersPerWorker.Select(code => code == ScenarioPlan.SingleOffender ? 1 : code).Distinct(),
            plan.OfType<StallSpec>().Where(s => s.Model == PeerModelIds.TokioCurrentThread).Select(s => s.Offenders).Distinct());
        // Every scenario has its own name, a memory point's second reading at one N too ("@1000#2").
        Assert.Equal(plan.Count, plan.Select(s => s.Name).Distinct().Count());
        Assert.Equal([PeerModelIds.RustThread], plan.Where(s => s.Shape == Shapes.ParkedDefaultStack).Select(s => s.Model).Distinct());
        Assert.All(plan.OfType<ParkedSpec>().Where(s => s.Shape == Shapes.ParkedDefaultStack), s => Assert.Equal(2 * 1024 * 1024, s.StackBytes));
        foreach (string model in PeerModelIds.All)
        {
            foreach (string shape in Shapes.All.Where(s => s is not (Shapes.ParkedSmallStack or Shapes.ParkedDefaultStack or Shapes.StallOffload or Shapes.StallDetect)))
                Assert.Contains(plan, s => s.Model == model && s.Shape == shape);
        }
        // Thread peers sweep memory like .NET threads; the others like tasks and green units.
        Assert.Equal(ScenarioPlan.Full.MemorySweep, plan.OfType<ParkedSpec>().Where(s => s.Model == PeerModelIds.CThread && s.Shape == Shapes.Parked).Select(s => s.Units).Distinct());
        Assert.Equal(ScenarioPlan.Full.LightMemorySweep, plan.OfType<ParkedSpec>().Where(s => s.Model == PeerModelIds.Go && s.Shape == Shapes.Parked).Select(s => s.Units).Distinct());
    }
}
