namespace Bench.Benchmarks;

/// <summary>
/// Context switch, in-memory ping-pong: two units hand a token back and forth, 1,000 round trips per
/// invocation; reported per switch (two per round trip). Same workload as the table's (<see cref="PingPong"/>).
/// </summary>
[BenchmarkCategory(MetricIds.Switch, Shapes.PingPong)]
public abstract class PingPongBenchmarks : SchedulerBenchmark
{
    public const int Exchanges = 1_000;
    public const int Switches = 2 * Exchanges;

    private PingPong? _pingPong;

    protected override void Setup() => _pingPong = new PingPong(Model);

    protected override void Cleanup() => _pingPong?.Dispose();

    [Benchmark(OperationsPerInvoke = Switches)]
    public double Switch() => Counted(Switches, _pingPong!.Exchange(Exchanges));
}

[ModelCategory(ModelIds.Thread)] public class ThreadPingPong : PingPongBenchmarks;

[ModelCategory(ModelIds.Task)] public class TaskPingPong : PingPongBenchmarks;

[ModelCategory(ModelIds.Green)] public class GreenPingPong : PingPongBenchmarks;
