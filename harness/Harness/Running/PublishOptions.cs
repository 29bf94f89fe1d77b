namespace Harness.Running;

/// <summary>
/// What <c>publish</c> is asked to do: copy the run in <see cref="Run"/> into <see cref="ResultsDirectory"/> and rebuild
/// its index, or, with a null Run (<c>--reindex</c>), rebuild the index alone.
/// </summary>
public sealed record PublishOptions(string? Run, string ResultsDirectory);
