using System.Text.Json;
using Harness.Measurement;

namespace Bench.Diagnostics;

/// <summary>
/// The benchmark-process half of <see cref="SchedulerCountersDiagnoser"/>: snapshots the scheduler counters
/// when a benchmark's process sets up, counts the operations its benchmark methods perform, and at cleanup
/// writes the totals to a file named after the process id, where the host-side diagnoser reads them.
/// </summary>
public static class SchedulerCounterRecorder
{
    private static OsCounters s_start;
    private static long s_operations;

    /// <summary>Folder shared by the host and its benchmark processes.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "bench-scheduler-counters");

    public static string FileFor(int processId) => Path.Combine(Folder, $"{processId}.json");

    public static void Start()
    {
        s_operations = 0;
        s_start = OsCounters.Read();
    }

    /// <summary>Adds the operations one benchmark invocation performed (its OperationsPerInvoke).</summary>
    public static void Count(long operations) => s_operations += operations;

    public static void Stop()
    {
        OsCounters delta = OsCounters.Read() - s_start;
        Directory.CreateDirectory(Folder);
        File.WriteAllText(FileFor(Environment.ProcessId), JsonSerializer.Serialize(new Totals(delta, s_operations)));
    }

    /// <summary>What one benchmark process observed.</summary>
    public sealed record Totals(OsCounters Counters, long Operations);
}
