namespace Green;

/// <summary>Work for the blocking pool; its handle's scheduling state doubles as "not started / started / aborted".
/// Work without a result is a <see cref="BlockingWork{T}"/> of <see cref="NoResult"/> (see <see cref="FromAction"/>), so
/// both kinds share one start / fault / finish path.</summary>
/// <typeparam name="T">Result type.</typeparam>
internal sealed class BlockingWork<T> : GreenUnit<T>
{
    private readonly Func<T> _work;

    internal BlockingWork(GreenRuntime runtime, Func<T> work)
        : base(runtime) => _work = work;

    internal override bool IsBlocking => true;

    private protected override void StartBody() => throw new InvalidOperationException("Blocking work is not polled.");

    private protected override void CompleteBody(Task pending) => throw new InvalidOperationException("Blocking work has no body task.");

    internal override void ExecuteBlocking()
    {
        if (!TryStartBlocking())
        {
            return;
        }

        T result;
        try
        {
            result = _work();
        }
        catch (Exception ex)
        {
            TrySetFaulted(ex);
            return;
        }

        TrySetResult(result);
    }
}
