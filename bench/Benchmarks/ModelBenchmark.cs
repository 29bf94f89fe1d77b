using System.Globalization;
using Bench.Configuration;

namespace Bench.Benchmarks;

/// <summary>
/// Base of every benchmark in the suite: pins the process when its job asks for it, creates the execution models
/// the benchmark compares, lets it prepare its long-lived units, and records the scheduler counters for
/// <see cref="SchedulerCountersDiagnoser"/> around everything it then runs.
/// </summary>
public abstract class ModelBenchmark
{
    private readonly Dictionary<string, ExecutionModel> _models = [];

    /// <summary>The ids (see <see cref="ModelIds"/>) of the models this benchmark runs on.</summary>
    protected abstract IEnumerable<string> ModelIdsRun { get; }

    /// <summary>The model created for <paramref name="id"/>; only after GlobalSetup.</summary>
    protected ExecutionModel ModelOf(string id) =>
        _models.TryGetValue(id, out ExecutionModel? model) ? model : throw new InvalidOperationException($"no {id} model: GlobalSetup has not run");

    [GlobalSetup]
    public void GlobalSetup()
    {
        if (Environment.GetEnvironmentVariable(PinningJobs.PinVariable) is { } cpu)
            Harness.Native.Libc.PinAllThreads(int.Parse(cpu, CultureInfo.InvariantCulture));
        foreach (string id in ModelIdsRun) _models[id] = ExecutionModels.Create(id);
        Setup();
        SchedulerCounterRecorder.Start();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        SchedulerCounterRecorder.Stop();
        Cleanup();
        foreach (ExecutionModel model in _models.Values) model.Dispose();
        _models.Clear();
    }

    /// <summary>Prepares long-lived units (a brigade, a ping-pong pair) before the counters start.</summary>
    protected virtual void Setup()
    {
    }

    protected virtual void Cleanup()
    {
    }

    /// <summary>Counts <paramref name="operations"/> for the diagnoser and passes <paramref name="result"/> through.</summary>
    protected static T Counted<T>(long operations, T result)
    {
        SchedulerCounterRecorder.Count(operations);
        return result;
    }
}
