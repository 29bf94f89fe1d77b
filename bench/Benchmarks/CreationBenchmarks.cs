namespace Bench.Benchmarks;

/// <summary>
/// Creation: spawn 1,000 units that each set a flag, then join them all; reported per unit. The same
/// workload as the table's creation row (<see cref="CreationWorkload"/>).
/// </summary>
[BenchmarkCategory(MetricIds.Creation)]
public abstract class CreationBenchmarks : SchedulerBenchmark
{
    public const int Units = 1_000;

    [Benchmark(OperationsPerInvoke = Units)]
    public int SpawnRunJoin()
    {
        CreationWorkload.Result result = CreationWorkload.Run(Model, Units);
        SchedulerCounterRecorder.Count(Units);
        return result.Ran == Units ? result.Ran : throw new InvalidOperationException($"only {result.Ran} units ran");
    }
}

[ModelCategory(ModelIds.Thread)] public class ThreadCreation : CreationBenchmarks;

[ModelCategory(ModelIds.Task)] public class TaskCreation : CreationBenchmarks;

[ModelCategory(ModelIds.Green)] public class GreenCreation : CreationBenchmarks;
