using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using Harness.Scenarios;

namespace Bench.Configuration;

/// <summary>
/// Every benchmark runs as the <c>unpinned</c> job; switch benchmarks also as the <c>pinned</c> one, pinned to one
/// CPU the way the table's <c>taskset</c> does it (every thread pinned, and the runtime told it has one processor).
/// Both are made from the job the user asked for (<c>--job dry</c>, <c>short</c>, ...), so asking for a short run
/// shortens every benchmark instead of adding a third job beside the two.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's own Job.Affinity sets the mask of the benchmark process's main thread only after the
/// runtime has started its other threads, which on Linux leaves them unpinned; so pinning is done inside the
/// benchmark process (<see cref="Benchmarks.SchedulerBenchmark"/>), from these environment variables.
/// </remarks>
public static class PinningJobs
{
    /// <summary>The CPU number a pinned benchmark process pins itself to.</summary>
    public const string PinVariable = "BENCH_PIN_CPU";

    public const string UnpinnedId = "unpinned";
    public const string PinnedId = "pinned";

    /// <summary>The preset jobs <c>--job</c> accepts, as BenchmarkDotNet names them.</summary>
    public static readonly IReadOnlyDictionary<string, Job> Presets = new Dictionary<string, Job>(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = Job.Default,
        ["dry"] = Job.Dry,
        ["short"] = Job.ShortRun,
        ["medium"] = Job.MediumRun,
        ["long"] = Job.LongRun,
        ["verylong"] = Job.VeryLongRun,
    };

    public static IEnumerable<Job> From(Job baseJob)
    {
        ArgumentNullException.ThrowIfNull(baseJob);
        yield return baseJob.WithId(UnpinnedId);
        yield return baseJob.WithId(PinnedId).WithEnvironmentVariables(
            new EnvironmentVariable(PinVariable, Harness.Native.Libc.GetAffinity()[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // Environment.ProcessorCount and the ThreadPool then size themselves for one CPU, as under taskset.
            new EnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1"));
    }

    /// <summary>Keeps the pinned job for switch benchmarks only.</summary>
    public static readonly IFilter PinnedOnlyForSwitches =
        new SimpleFilter(b => b.Job.Id != PinnedId || b.Descriptor.Categories.Contains(MetricIds.Switch));
}
