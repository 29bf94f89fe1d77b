using BenchmarkDotNet.Attributes;
using Bench.Diagnostics;
using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Bench.Benchmarks;

/// <summary>
/// Creation: spawn 1,000 units that each set a flag, then join them all; reported per unit. The same
/// workload as the table's creation row (<see cref="CreationWorkload"/>).
/// </summary>
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

[BenchmarkCategory(MetricIds.Creation, ModelIds.Thread)]
public class ThreadCreation : CreationBenchmarks
{
    protected override string ModelId => ModelIds.Thread;
}

[BenchmarkCategory(MetricIds.Creation, ModelIds.Task)]
public class TaskCreation : CreationBenchmarks
{
    protected override string ModelId => ModelIds.Task;
}

[BenchmarkCategory(MetricIds.Creation, ModelIds.Green)]
public class GreenCreation : CreationBenchmarks
{
    protected override string ModelId => ModelIds.Green;
}
