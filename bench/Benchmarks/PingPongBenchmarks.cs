using BenchmarkDotNet.Attributes;
using Bench.Diagnostics;
using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Bench.Benchmarks;

/// <summary>
/// Context switch, in-memory ping-pong: two units hand a token back and forth, 1,000 round trips per
/// invocation; reported per switch (two per round trip). Same workload as the table's (<see cref="PingPong"/>).
/// </summary>
public abstract class PingPongBenchmarks : SchedulerBenchmark
{
    public const int Exchanges = 1_000;
    public const int Switches = 2 * Exchanges;

    private PingPong? _pingPong;

    protected override void Setup() => _pingPong = new PingPong(Model);

    protected override void Cleanup() => _pingPong?.Dispose();

    [Benchmark(OperationsPerInvoke = Switches)]
    public double Switch()
    {
        double elapsed = _pingPong!.Exchange(Exchanges);
        SchedulerCounterRecorder.Count(Switches);
        return elapsed;
    }
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Thread, "pingpong")]
public class ThreadPingPong : PingPongBenchmarks
{
    protected override string ModelId => ModelIds.Thread;
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Task, "pingpong")]
public class TaskPingPong : PingPongBenchmarks
{
    protected override string ModelId => ModelIds.Task;
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Green, "pingpong")]
public class GreenPingPong : PingPongBenchmarks
{
    protected override string ModelId => ModelIds.Green;
}
