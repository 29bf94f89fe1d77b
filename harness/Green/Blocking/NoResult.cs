namespace Green;

/// <summary>The result of blocking work that returns nothing.</summary>
internal readonly struct NoResult
{
    /// <summary>Blocking work for an <see cref="Action"/>: one closure per spawn, next to a blocking-pool hand-off.</summary>
    internal static BlockingWork<NoResult> FromAction(GreenRuntime runtime, Action work) =>
        new(runtime, () =>
        {
            work();
            return default;
        });
}
