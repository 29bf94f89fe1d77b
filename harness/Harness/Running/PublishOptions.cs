namespace Harness.Running;

/// <summary>
/// What <c>publish</c> is asked to do: copy the run in <see cref="Run"/> into <see cref="ResultsDirectory"/> and rebuild
/// its index, or, with a null Run (<c>--reindex</c>), rebuild the index alone.
/// </summary>
public sealed record PublishOptions(string? Run, string ResultsDirectory)
{
    /// <summary>A BenchmarkDotNet results folder whose exports are published with the run (<c>--bdn</c>); without it, the
    /// run folder's own bdn/ is, if it has one.</summary>
    public string? BenchmarkDotNetResults { get; init; }

    /// <summary>A published run's folder to convert in place to the current file formats (<c>--upgrade DIR</c>), instead
    /// of publishing <see cref="Run"/>.</summary>
    public string? Upgrade { get; init; }
}
