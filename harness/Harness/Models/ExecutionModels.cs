namespace Harness.Models;

/// <summary>Creates execution models by id.</summary>
public static class ExecutionModels
{
    /// <summary>Model ids that can be created in this build.</summary>
    public static IReadOnlyList<string> Available { get; } = [ModelIds.Thread, ModelIds.Task, ModelIds.Green];

    public static ExecutionModel Create(string id, ModelOptions? options = null)
    {
        options ??= ModelOptions.Default;
        return id switch
        {
            ModelIds.Thread => new ThreadModel(options.ThreadStackSize),
            ModelIds.Task => new TaskModel(),
            ModelIds.Green => new GreenModel(options.BlockingDetection),
            _ => throw new ArgumentException(
                $"unknown model '{id}'; valid models: {string.Join(", ", Available)}", nameof(id)),
        };
    }
}

/// <summary>Knobs that some models honour; the defaults are the runtime's own defaults.</summary>
/// <param name="ThreadStackSize">Stack size for each unit thread in bytes; 0 means the runtime default.</param>
/// <param name="BlockingDetection">Green: hand a stuck worker's queue to a fresh worker after 10 ms.</param>
public sealed record ModelOptions(int ThreadStackSize = 0, bool BlockingDetection = false)
{
    public static ModelOptions Default { get; } = new();
}
