namespace Bench.Benchmarks;

/// <summary>
/// The green runtime's speed targets as BenchmarkDotNet ratios: each class pairs the pooled-task version (the
/// baseline) with the green one, so the Ratio column reads green/task directly; the target is ≤ 0.5. Each method
/// carries its own model's category (<c>--anyCategories task</c> selects only task methods) and all carry
/// <c>targets</c>. This is for comparing the two models in one run, not a general benchmark of either.
/// </summary>
public abstract class GreenTargetBenchmark : ModelBenchmark
{
    protected override IEnumerable<string> ModelIdsRun => [ModelIds.Task, ModelIds.Green];
}

/// <summary>Spawn + run + join of 100k trivial units.</summary>
public class GreenTargetCreation : GreenTargetBenchmark
{
    public const int SpawnUnits = 100_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = SpawnUnits), BenchmarkCategory("targets", MetricIds.Creation, ModelIds.Task)]
    public int Task_SpawnRunJoin100k() => SpawnRunJoin(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = SpawnUnits), BenchmarkCategory("targets", MetricIds.Creation, ModelIds.Green)]
    public int Green_SpawnRunJoin100k() => SpawnRunJoin(ModelIds.Green);

    private int SpawnRunJoin(string model) => Counted(SpawnUnits, CreationWorkload.Run(ModelOf(model), SpawnUnits).Ran);
}

/// <summary>In-memory ping-pong between two units, per switch.</summary>
public class GreenTargetPingPong : GreenTargetBenchmark
{
    public const int Exchanges = 1_000;

    private readonly Dictionary<string, PingPong> _pingPongs = [];

    protected override void Setup()
    {
        foreach (string id in ModelIdsRun) _pingPongs[id] = new PingPong(ModelOf(id));
    }

    protected override void Cleanup()
    {
        foreach (PingPong pingPong in _pingPongs.Values) pingPong.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Exchanges), BenchmarkCategory("targets", MetricIds.Switch, Shapes.PingPong, ModelIds.Task)]
    public double Task_PingPong() => Switch(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = 2 * Exchanges), BenchmarkCategory("targets", MetricIds.Switch, Shapes.PingPong, ModelIds.Green)]
    public double Green_PingPong() => Switch(ModelIds.Green);

    private double Switch(string model) => Counted(2 * Exchanges, _pingPongs[model].Exchange(Exchanges));
}

/// <summary>The table's yield storm (200 units yielding at once), per yield.</summary>
public class GreenTargetYield : GreenTargetBenchmark
{
    private const int Yields = ScenarioPlan.YieldUnits * ScenarioPlan.YieldsPerUnit;

    [Benchmark(Baseline = true, OperationsPerInvoke = Yields), BenchmarkCategory("targets", MetricIds.Switch, Shapes.Yield, ModelIds.Task)]
    public double Task_YieldStorm() => Yield(ModelIds.Task);

    [Benchmark(OperationsPerInvoke = Yields), BenchmarkCategory("targets", MetricIds.Switch, Shapes.Yield, ModelIds.Green)]
    public double Green_YieldStorm() => Yield(ModelIds.Green);

    private double Yield(string model) =>
        Counted(Yields, YieldStorm.Run(ModelOf(model), ScenarioPlan.YieldUnits, ScenarioPlan.YieldsPerUnit).ElapsedNs);
}
