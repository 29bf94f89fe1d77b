using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using Harness.Models;
using Harness.Scenarios;

namespace Bench.Configuration;

/// <summary>
/// Fails any benchmark that lacks a metric category and a model category, so that
/// <c>--anyCategories thread</c> or <c>--allCategories switch,task</c> always select what they say.
/// </summary>
public sealed class CategoryValidator : IValidator
{
    public static readonly CategoryValidator Instance = new();

    public bool TreatsWarningsAsErrors => true;

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        foreach (BenchmarkCase benchmark in validationParameters.Benchmarks)
        {
            string[] categories = benchmark.Descriptor.Categories;
            if (!categories.Any(MetricIds.All.Contains))
                yield return new ValidationError(true, $"{benchmark.Descriptor.DisplayInfo} has no metric category ({string.Join(", ", MetricIds.All)})", benchmark);
            if (!categories.Any(ModelIds.All.Contains))
                yield return new ValidationError(true, $"{benchmark.Descriptor.DisplayInfo} has no model category ({string.Join(", ", ModelIds.All)})", benchmark);
        }
    }
}
