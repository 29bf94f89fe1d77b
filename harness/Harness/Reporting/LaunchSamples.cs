namespace Harness.Reporting;

/// <summary>
/// A run's samples.csv rows by what they measure and which launch took them: each result's samples as one list per
/// launch, which is what the interval of a ratio is drawn from (<see cref="RatioCell"/>).
/// </summary>
public sealed class LaunchSamples
{
    private readonly Dictionary<ResultIdentity, SortedDictionary<int, List<double>>> _byIdentity = [];

    public LaunchSamples(IEnumerable<SampleRow> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (SampleRow sample in samples)
        {
            if (!_byIdentity.TryGetValue(sample.Identity, out SortedDictionary<int, List<double>>? launches))
                _byIdentity[sample.Identity] = launches = [];
            if (!launches.TryGetValue(sample.Launch, out List<double>? values)) launches[sample.Launch] = values = [];
            values.Add(sample.Value);
        }
    }

    /// <summary>None: a report made without samples shows ratios without intervals.</summary>
    public static readonly LaunchSamples None = new([]);

    /// <summary>The samples of a result's quantity, by launch index; empty when samples.csv has none.</summary>
    public IReadOnlyDictionary<int, List<double>> Of(ResultIdentity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _byIdentity.TryGetValue(row.Identity, out SortedDictionary<int, List<double>>? launches) ? launches : new SortedDictionary<int, List<double>>();
    }
}
