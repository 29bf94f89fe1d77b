using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Bench.Configuration;

/// <summary>
/// Runs a switch benchmark twice: on all CPUs, and pinned to one CPU the way the table's <c>taskset</c>
/// does it (every thread pinned, and the runtime told it has one processor).
/// </summary>
/// <remarks>
/// BenchmarkDotNet's own Job.Affinity sets the mask of the benchmark process's main thread only after the
/// runtime has started its other threads, which on Linux leaves them unpinned; so pinning is done inside the
/// benchmark process (<see cref="Benchmarks.SchedulerBenchmark"/>), from these environment variables.
/// </remarks>
public sealed class PinningJobs : ManualConfig
{
    /// <summary>The CPU number a pinned benchmark process pins itself to.</summary>
    public const string PinVariable = "BENCH_PIN_CPU";

    public PinningJobs()
    {
        AddJob(Job.Default.WithId("unpinned"));
        AddJob(Job.Default.WithId("pinned").WithEnvironmentVariables(
            new EnvironmentVariable(PinVariable, Harness.Native.Libc.GetAffinity()[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // Environment.ProcessorCount and the ThreadPool then size themselves for one CPU, as under taskset.
            new EnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1")));
    }
}
