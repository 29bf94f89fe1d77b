using BenchmarkDotNet.Attributes;
using Bench.Diagnostics;
using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Bench.Benchmarks;

/// <summary>
/// Context switch, Blandy's brigade: 500 units chained by AF_UNIX socketpairs pass a byte along, 10 rounds
/// per invocation; reported per transfer (501 per round), including the I/O. The table subtracts the I/O
/// baseline; here <see cref="WriteReadBaseline"/> shows it beside the brigade.
/// </summary>
public abstract class BrigadeBenchmarks : SchedulerBenchmark
{
    public const int Units = 500;
    public const int Rounds = 10;
    public const int Transfers = (Units + 1) * Rounds;

    private Brigade? _brigade;

    protected override void Setup() => _brigade = new Brigade(Model, Transport.SocketPair, Units, withBaseline: true);

    protected override void Cleanup() => _brigade?.Dispose();

    [Benchmark(OperationsPerInvoke = Transfers)]
    public double Hop()
    {
        double elapsed = _brigade!.RunRounds(Rounds);
        SchedulerCounterRecorder.Count(Transfers);
        return elapsed;
    }

    [Benchmark(OperationsPerInvoke = Transfers, Baseline = true)]
    public double WriteReadBaseline()
    {
        double perTransfer = _brigade!.BaselineNsPerTransfer(Rounds);
        SchedulerCounterRecorder.Count(Transfers);
        return perTransfer;
    }
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Thread, "brigade")]
public class ThreadBrigade : BrigadeBenchmarks
{
    protected override string ModelId => ModelIds.Thread;
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Task, "brigade")]
public class TaskBrigade : BrigadeBenchmarks
{
    protected override string ModelId => ModelIds.Task;
}

[BenchmarkCategory(MetricIds.Switch, ModelIds.Green, "brigade")]
public class GreenBrigade : BrigadeBenchmarks
{
    protected override string ModelId => ModelIds.Green;
}
