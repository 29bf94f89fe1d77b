namespace Harness.Running;

/// <summary>
/// What <c>compare</c> is asked to do: judge <see cref="Diff"/> against <see cref="Base"/>, or, when Base is null
/// (<c>--previous</c>), against the newest earlier published run of Diff's machine class and size beside it.
/// </summary>
public sealed record CompareOptions(string Diff, string? Base)
{
    /// <summary>How much slower (in percent) counts as a regression.</summary>
    public double ThresholdPercent { get; init; } = 5;

    /// <summary>Compare an incomplete or test-sized run too, listing the scenarios only one run has.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>Diff is a rerun of Base (same commit and size): write what was found to Base's rerun.json.</summary>
    public bool Record { get; init; }
}
