namespace Bench.Benchmarks;

/// <summary>
/// Context switch, Blandy's brigade: 500 units chained by AF_UNIX socketpairs pass a byte along, 10 rounds
/// per invocation; reported per transfer (501 per round), including the I/O. The table subtracts the I/O
/// baseline; here <see cref="WriteReadBaseline"/> shows it beside the brigade.
/// </summary>
[BenchmarkCategory(MetricIds.Switch, Shapes.Brigade)]
public abstract class BrigadeBenchmarks : SchedulerBenchmark
{
    public const int Units = 500;
    public const int Rounds = 10;
    public const int Transfers = (Units + 1) * Rounds;

    private Brigade? _brigade;

    protected override void Setup() => _brigade = new Brigade(Model, Transport.SocketPair, Units, withBaseline: true);

    protected override void Cleanup() => _brigade?.Dispose();

    [Benchmark(OperationsPerInvoke = Transfers)]
    public double Hop() => Counted(Transfers, _brigade!.RunRounds(Rounds));

    [Benchmark(OperationsPerInvoke = Transfers, Baseline = true)]
    public double WriteReadBaseline() => Counted(Transfers, _brigade!.BaselineNsPerTransfer(Rounds));
}

[ModelCategory(ModelIds.Thread)] public class ThreadBrigade : BrigadeBenchmarks;

[ModelCategory(ModelIds.Task)] public class TaskBrigade : BrigadeBenchmarks;

[ModelCategory(ModelIds.Green)] public class GreenBrigade : BrigadeBenchmarks;
