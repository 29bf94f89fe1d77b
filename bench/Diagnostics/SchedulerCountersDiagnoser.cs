using System.Collections.Concurrent;
using System.Text.Json;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace Bench.Diagnostics;

/// <summary>
/// What BenchmarkDotNet's ThreadingDiagnoser (work items, lock contentions) does not count: per operation, the
/// OS's voluntary and involuntary context switches of the whole benchmark process (getrusage over every thread;
/// /proc/self/status would count only the main thread). A handoff that blocks shows as a voluntary switch.
/// </summary>
/// <remarks>
/// The benchmark process records the counters itself (<see cref="SchedulerCounterRecorder"/>, called by
/// every benchmark of this suite) over all its invocations, warm-up included, and divides by the
/// operations it counted, so the figures are averages per operation. This diagnoser only learns each
/// benchmark's process id while the process runs and turns the file it left into columns.
/// </remarks>
public sealed class SchedulerCountersDiagnoser : IDiagnoser
{
    public static readonly SchedulerCountersDiagnoser Default = new();

    private readonly ConcurrentDictionary<BenchmarkCase, List<int>> _processes = new();

    public IEnumerable<string> Ids => ["SchedulerCounters"];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // The benchmark process is known while it runs (BDN passes none before it starts or after it exits).
        if (signal == HostSignal.BeforeAnythingElse && parameters.Process is { } process)
            _processes.GetOrAdd(parameters.BenchmarkCase, _ => []).Add(process.Id);
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!_processes.TryRemove(results.BenchmarkCase, out List<int>? pids)) yield break;
        long voluntary = 0, involuntary = 0, operations = 0;
        foreach (int pid in pids)
        {
            string file = SchedulerCounterRecorder.FileFor(pid);
            if (!File.Exists(file)) continue;
            var totals = JsonSerializer.Deserialize<SchedulerCounterRecorder.Totals>(File.ReadAllText(file));
            File.Delete(file);
            if (totals is null) continue;
            voluntary += totals.Counters.Voluntary;
            involuntary += totals.Counters.Involuntary;
            operations += totals.Operations;
        }
        if (operations == 0) yield break;
        yield return new Metric(Descriptor.VoluntarySwitches, (double)voluntary / operations);
        yield return new Metric(Descriptor.InvoluntarySwitches, (double)involuntary / operations);
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    /// <summary>Column definitions for the two counters.</summary>
    private sealed class Descriptor(string id, string displayName, string legend, int priority) : IMetricDescriptor
    {
        public static readonly Descriptor VoluntarySwitches = new(
            "VoluntaryCtxSwitches", "Vol. Ctx Switches/op", "Voluntary OS context switches per operation, all threads (getrusage)", 0);
        public static readonly Descriptor InvoluntarySwitches = new(
            "InvoluntaryCtxSwitches", "Invol. Ctx Switches/op", "Involuntary OS context switches per operation, all threads (getrusage)", 1);

        public string Id => id;
        public string DisplayName => displayName;
        public string Legend => legend;
        public string NumberFormat => "0.0000";
        public UnitType UnitType => UnitType.Dimensionless;
        public string Unit => "count";
        public bool TheGreaterTheBetter => false;
        public int PriorityInCategory => priority;
        public bool GetIsAvailable(Metric metric) => true;
    }
}
