using Harness.Models;

namespace Harness.Peers;

/// <summary>
/// The names <c>--models</c> accepts besides single model ids: <c>dotnet</c> (thread, task, green) and <c>peers</c>
/// (every peer program's models). A list is expanded in the order given, each model once.
/// </summary>
public static class ModelGroups
{
    public const string DotNet = "dotnet";
    public const string Peers = "peers";

    /// <summary>Each group and the models it stands for.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> All = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [DotNet] = ExecutionModels.Available,
        [Peers] = PeerModelIds.All,
    };

    /// <summary>Expands a comma-separated list of model ids and group names; anything else is a one-line usage error.</summary>
    public static IReadOnlyList<string> Expand(string command, string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.All(i => i.Length == 0))
            throw new UsageException($"{command}: {option} needs at least one model; {Valid()}");
        if (items.Any(i => i.Length == 0))
            throw new UsageException($"{command}: {option} '{text}' has an empty item; {Valid()}");
        var models = new List<string>();
        foreach (string item in items)
        {
            IReadOnlyList<string> named = All.TryGetValue(item, out IReadOnlyList<string>? group) ? group
                : ModelIds.All.Contains(item) ? [item]
                : throw new UsageException($"{command}: unknown model '{item}'{Commands.Suggestion.DidYouMean(item, ModelIds.All.Concat(All.Keys))}; {Valid()}");
            models.AddRange(named.Where(m => !models.Contains(m)));
        }
        return models;
    }

    private static string Valid() =>
        $"valid models: {string.Join(", ", ModelIds.All)}; groups: "
        + string.Join(", ", All.Select(g => $"{g.Key} ({string.Join(",", g.Value)})"));
}
