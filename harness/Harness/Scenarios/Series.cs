namespace Harness.Scenarios;

/// <summary>
/// One measured quantity of a scenario (see <see cref="Quantities"/>): its name, its unit and its samples, plus the
/// scheduler counters per operation observed while the samples were taken.
/// </summary>
public sealed record Series(string Quantity, string Unit, IReadOnlyList<double> Samples, CountersPerOp? Counters = null);

/// <summary>
/// Scheduler activity divided by the operations of a series (units created, transfers, switches):
/// OS context switches from getrusage, ThreadPool work items and lock contentions. A counter a child leaves out of its
/// report (a peer's language has no ThreadPool) reads as NaN, not as zero.
/// </summary>
public sealed record CountersPerOp(
    double VoluntarySwitches = double.NaN, double InvoluntarySwitches = double.NaN, double WorkItems = double.NaN, double LockContentions = double.NaN);
