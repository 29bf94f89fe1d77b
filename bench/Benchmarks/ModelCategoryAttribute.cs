namespace Bench.Benchmarks;

/// <summary>
/// The model a <see cref="SchedulerBenchmark"/> class runs on, which is also its model category: one attribute, so
/// <c>--anyCategories thread</c> cannot select a class that runs another model.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelCategoryAttribute(string model) : BenchmarkCategoryAttribute(model)
{
    /// <summary>The model id (see <see cref="ModelIds"/>).</summary>
    public string Model { get; } = model;
}
