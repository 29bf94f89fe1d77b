using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bench.Diagnostics;
using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Bench.Benchmarks;

/// <summary>
/// The green runtime's speed targets as BenchmarkDotNet ratios: each category pairs the pooled-task version
/// (the baseline) with the green one, so the Ratio column reads green/task directly; the target is ≤ 0.5.
/// This is for comparing the two models in one run, not a general benchmark of either.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[BenchmarkCategory("targets", ModelIds.Green, ModelIds.Task)]
public class GreenTargetBenchmarks
{
    public const int SpawnUnits = 100_000;
    public const int Exchanges = 1_000;

    private readonly Dictionary<string, ExecutionModel> _models = [];
    private readonly Dictionary<string, PingPong> _pingPongs = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        foreach (string id in new[] { ModelIds.Task, ModelIds.Green })
        {
            _models[id] = ExecutionModels.Create(id);
            _pingPongs[id] = new PingPong(_models[id]);
        }
        SchedulerCounterRecorder.Start();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        SchedulerCounterRecorder.Stop();
        foreach (PingPong pingPong in _pingPongs.Values) pingPong.Dispose();
        foreach (ExecutionModel model in _models.Values) model.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpawnUnits), BenchmarkCategory(MetricIds.Creation)]
    public int Task_SpawnRunJoin100k() => SpawnRunJoin(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = SpawnUnits), BenchmarkCategory(MetricIds.Creation)]
    public int Green_SpawnRunJoin100k() => SpawnRunJoin(ModelIds.Green);

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Exchanges), BenchmarkCategory(MetricIds.Switch, Shapes.PingPong)]
    public double Task_PingPong() => Switch(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = 2 * Exchanges), BenchmarkCategory(MetricIds.Switch, Shapes.PingPong)]
    public double Green_PingPong() => Switch(ModelIds.Green);

    [Benchmark(Baseline = true, OperationsPerInvoke = ScenarioPlan.YieldUnits * ScenarioPlan.YieldsPerUnit), BenchmarkCategory(MetricIds.Switch, Shapes.Yield)]
    public double Task_Yield200x1000() => Yield(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = ScenarioPlan.YieldUnits * ScenarioPlan.YieldsPerUnit), BenchmarkCategory(MetricIds.Switch, Shapes.Yield)]
    public double Green_Yield200x1000() => Yield(ModelIds.Green);

    private int SpawnRunJoin(string model)
    {
        SchedulerCounterRecorder.Count(SpawnUnits);
        return CreationWorkload.Run(_models[model], SpawnUnits).Ran;
    }

    private double Switch(string model)
    {
        SchedulerCounterRecorder.Count(2 * Exchanges);
        return _pingPongs[model].Exchange(Exchanges);
    }

    private double Yield(string model)
    {
        SchedulerCounterRecorder.Count(ScenarioPlan.YieldUnits * ScenarioPlan.YieldsPerUnit);
        return YieldStorm.Run(_models[model], ScenarioPlan.YieldUnits, ScenarioPlan.YieldsPerUnit).ElapsedNs;
    }
}
