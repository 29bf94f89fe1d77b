using Harness.Models;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Scenarios;

public sealed class LaunchScheduleTests
{
    private static IReadOnlyList<ScenarioGroup> QuickGroups() =>
        ScenarioPlan.Groups(new TableOptions { Metrics = [MetricIds.Switch, MetricIds.Memory] }, int.MaxValue, long.MaxValue, []);

    [Fact]
    public void EveryRound_RunsEachCellOfItsSetOnce_AndRoundsFollowEachOther()
    {
        IReadOnlyList<LaunchSchedule.Set> schedule = LaunchSchedule.Of(QuickGroups(), launches: 3, seed: 11);

        foreach (LaunchSchedule.Set set in schedule)
        {
            Assert.Equal(set.Cells.Count * 3, set.Order.Count);
            for (int round = 0; round < 3; round++)
            {
                ScenarioSpec[] launches = set.Order.Skip(round * set.Cells.Count).Take(set.Cells.Count).ToArray();
                Assert.All(launches, l => Assert.Equal(round, l.Launch));
                Assert.Equal(set.Cells.Select(c => c.Name).Order(), launches.Select(l => l.CellName).Order());
            }
            // A set's cells differ only in their model.
            Assert.Single(set.Cells.Select(c => (c with { Model = "" }).Name).Distinct());
        }
        // Every planned scenario is one cell of exactly one set (a memory sweep's points join the other models' at that N).
        Assert.Equal(QuickGroups().SelectMany(g => g.Specs).Select(s => s.Name).Order(), schedule.SelectMany(s => s.Cells).Select(c => c.Name).Order());
    }

    [Fact]
    public void TheSameSeed_GivesTheSameOrder_AndAnotherSeedAnother()
    {
        static string[] Order(int seed) => LaunchSchedule.Of(QuickGroups(), 5, seed).SelectMany(s => s.Order).Select(s => s.Name).ToArray();

        Assert.Equal(Order(42), Order(42));
        Assert.NotEqual(Order(42), Order(43));
    }

    [Fact]
    public void Rounds_AreShuffled_NotTheSameOrderEveryTime()
    {
        // Three models give six orders: over a plan's many rounds more than one order must appear, and each model must
        // come first in some round (a fixed order would put one model first always).
        LaunchSchedule.Set[] sets = [.. LaunchSchedule.Of(QuickGroups(), 10, seed: 5).Where(s => s.Cells.Count == 3)];
        Assert.NotEmpty(sets);
        var firsts = sets.SelectMany(s => s.Order.Where((_, i) => i % 3 == 0)).Select(l => l.Model).Distinct().ToList();
        Assert.Equal(ExecutionModels.Available.Order(), firsts.Order());
        var orders = sets.SelectMany(s => s.Order.Chunk(3)).Select(round => string.Join(",", round.Select(l => l.Model))).Distinct().Count();
        Assert.True(orders > 1, "every round ran the models in one order");
    }

    [Fact]
    public void LaunchNames_AreUniqueAndSayWhichLaunch()
    {
        string[] names = [.. LaunchSchedule.Of(QuickGroups(), 2, seed: 1).SelectMany(s => s.Order).Select(s => s.Name)];

        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Contains("switch/task/pingpong", names);
        Assert.Contains("switch/task/pingpong#2", names);
        Assert.Contains("memory/thread/parked@1000#2", names);
    }
}
