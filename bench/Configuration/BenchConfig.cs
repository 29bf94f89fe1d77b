using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using Bench.Diagnostics;

namespace Bench.Configuration;

/// <summary>The suite's BenchmarkDotNet configuration, one knob per line.</summary>
public static class BenchConfig
{
    /// <param name="baseJob">The job asked for on the command line (<c>--job</c>), or <see cref="Job.Default"/>.</param>
    public static IConfig Create(Job? baseJob = null) => PinningJobs.From(baseJob ?? Job.Default)
        // unpinned for every benchmark, pinned too for switches, both made from the job asked for.
        .Aggregate((IConfig)DefaultConfig.Instance, (config, job) => config.AddJob(job))
        .AddFilter(PinningJobs.PinnedOnlyForSwitches)
        // Full JSON is the machine-readable result: BDN's CSV cells are culture-formatted strings. The GitHub markdown
        // table is what a reader opens; publish copies both (Storage/BenchmarkDotNetExports) and results/README.md links
        // the table. The GitHub one comes with DefaultConfig (adding it again would write it twice); a test checks both are
        // there, once each.
        .AddExporter(JsonExporter.Full)
        // Managed allocations per operation (it never sees thread stacks: see the memory metric for those).
        .AddDiagnoser(MemoryDiagnoser.Default)
        // ThreadPool work items and lock contentions per operation: BDN 0.15's ThreadingDiagnoser runs on .NET 10
        // (0.14's refused to).
        .AddDiagnoser(ThreadingDiagnoser.Default)
        // Beside it, what BDN does not count: the OS's voluntary and involuntary context switches of the process.
        .AddDiagnoser(SchedulerCountersDiagnoser.Default)
        // Categories are how users select a metric or a model; every benchmark must have both.
        .AddValidator(CategoryValidator.Instance)
        .AddColumn(CategoriesColumn.Default)
        // Medians are what the table reports; show them beside BDN's mean.
        .AddColumn(StatisticColumn.Median)
        .WithOptions(ConfigOptions.JoinSummary)
        // BDN builds a project per job; its default 2-minute limit fails on a loaded 2-core machine.
        .WithBuildTimeout(TimeSpan.FromMinutes(10));
}
