using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bench.Configuration;
using Bench.Diagnostics;
using Harness.Models;

namespace Bench.Benchmarks;

/// <summary>
/// Base of every benchmark in the suite: creates the execution model named by the sealed subclass, pins the
/// process when its job asks for it, and records the scheduler counters for <see cref="SchedulerCountersDiagnoser"/>.
/// </summary>
public abstract class SchedulerBenchmark
{
    private ExecutionModel? _model;

    /// <summary>The model id (see <see cref="ModelIds"/>), fixed by each sealed subclass.</summary>
    protected abstract string ModelId { get; }

    protected ExecutionModel Model => _model ?? throw new InvalidOperationException("GlobalSetup has not run");

    [GlobalSetup]
    public void GlobalSetup()
    {
        if (Environment.GetEnvironmentVariable(PinningJobs.PinVariable) is { } cpu)
            Harness.Native.Libc.PinAllThreads(int.Parse(cpu, CultureInfo.InvariantCulture));
        _model = ExecutionModels.Create(ModelId);
        Setup();
        SchedulerCounterRecorder.Start();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        SchedulerCounterRecorder.Stop();
        Cleanup();
        _model?.Dispose();
    }

    /// <summary>Prepares long-lived units (a brigade, a ping-pong pair) before the counters start.</summary>
    protected virtual void Setup()
    {
    }

    protected virtual void Cleanup()
    {
    }
}
