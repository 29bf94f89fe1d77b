namespace Green;

/// <summary>Group joins: wait for every unit of a group, or the first to finish, with a cancellation or a timeout (what
/// tokio's JoinSet and select give). They never throw the units' own exceptions: inspect each unit afterwards.</summary>
public abstract partial class GreenUnit
{
    /// <summary>Completes when every unit in <paramref name="units"/> has finished (in any way).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired first.</exception>
    public static async ValueTask WhenAll(IReadOnlyList<GreenUnit> units, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        var finished = NotifyOnFinish(units);
        for (var left = units.Count; left > 0; left--)
        {
            await finished.ReceiveAsync(cancellation);
        }
    }

    /// <summary>Waits for every unit for at most <paramref name="timeout"/>.</summary>
    /// <returns>True if all finished in time, false if the timeout came first (the units keep running).</returns>
    public static async ValueTask<bool> WhenAll(IReadOnlyList<GreenUnit> units, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await WhenAll(units, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Completes with the first unit of <paramref name="units"/> to finish.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired first.</exception>
    /// <exception cref="ArgumentException">The group is empty.</exception>
    public static async ValueTask<GreenUnit> WhenAny(IReadOnlyList<GreenUnit> units, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
        {
            throw new ArgumentException("WhenAny needs at least one unit.", nameof(units));
        }

        return await NotifyOnFinish(units).ReceiveAsync(cancellation);
    }

    /// <summary>A channel each unit of the group sends itself to as it finishes (from the finishing thread, inline).</summary>
    private static GreenChannel<GreenUnit> NotifyOnFinish(IReadOnlyList<GreenUnit> units)
    {
        var finished = new GreenChannel<GreenUnit>();
        foreach (var unit in units)
        {
            unit.AddWaiter(new Waker.InlineCallback(
                static state =>
                {
                    var (channel, done) = ((GreenChannel<GreenUnit>, GreenUnit))state!;
                    channel.Send(done);
                },
                (finished, unit)));
        }

        return finished;
    }
}
