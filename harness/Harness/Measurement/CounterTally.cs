namespace Harness.Measurement;

/// <summary>Sums <see cref="OsCounters"/> deltas over the measured regions of a scenario, and their operations.</summary>
public sealed class CounterTally
{
    private OsCounters _sum;
    private long _operations;

    /// <summary>Runs <paramref name="region"/> and adds the counter delta and its <paramref name="operations"/>.</summary>
    public T Measure<T>(long operations, Func<T> region)
    {
        ArgumentNullException.ThrowIfNull(region);
        OsCounters before = OsCounters.Read();
        T result = region();
        OsCounters delta = OsCounters.Read() - before;
        _sum = new OsCounters(
            _sum.Voluntary + delta.Voluntary,
            _sum.Involuntary + delta.Involuntary,
            _sum.CompletedWorkItems + delta.CompletedWorkItems,
            _sum.LockContentions + delta.LockContentions);
        _operations += operations;
        return result;
    }

    public Scenarios.CountersPerOp PerOperation() => _operations == 0
        ? new Scenarios.CountersPerOp(0, 0, 0, 0)
        : new Scenarios.CountersPerOp(
            (double)_sum.Voluntary / _operations,
            (double)_sum.Involuntary / _operations,
            (double)_sum.CompletedWorkItems / _operations,
            (double)_sum.LockContentions / _operations);
}
