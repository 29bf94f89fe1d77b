using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// Times a workload's loop inside one fresh unit: the clock starts once the unit runs and stops before it returns, so
/// the unit's spawn and join are not part of the time, the same in every model.
/// </summary>
internal static class TimedUnit
{
    /// <summary>Runs <paramref name="body"/> in a fresh unit of <paramref name="model"/>; returns its elapsed nanoseconds.</summary>
    public static double Run(ExecutionModel model, Func<ValueTask> body)
    {
        double elapsedNs = 0;
        model.RunToCompletion(async () =>
        {
            long start = Stopwatch.GetTimestamp();
            await body();
            elapsedNs = CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - start);
        });
        return elapsedNs;
    }
}
