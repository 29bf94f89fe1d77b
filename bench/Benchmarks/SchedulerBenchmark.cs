using System.Reflection;

namespace Bench.Benchmarks;

/// <summary>
/// Base of the benchmarks that run one model per class: each sealed-by-convention subclass names its model once,
/// with <see cref="ModelCategoryAttribute"/>, which is both what it runs and the category that selects it.
/// </summary>
public abstract class SchedulerBenchmark : ModelBenchmark
{
    /// <summary>The model id from the class's <see cref="ModelCategoryAttribute"/>.</summary>
    protected string ModelId =>
        GetType().GetCustomAttribute<ModelCategoryAttribute>()?.Model
        ?? throw new InvalidOperationException($"{GetType().Name} has no [ModelCategory]");

    protected override IEnumerable<string> ModelIdsRun => [ModelId];

    protected ExecutionModel Model => ModelOf(ModelId);
}
