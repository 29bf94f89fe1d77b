namespace Green;

/// <summary>Blocking work without a result; its handle's scheduling state doubles as "not started / started / aborted".</summary>
internal sealed class BlockingAction : GreenUnit
{
    private readonly Action _work;

    internal BlockingAction(GreenRuntime runtime, Action work)
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

        try
        {
            _work();
        }
        catch (Exception ex)
        {
            TrySetFaulted(ex);
            return;
        }

        TrySetCompleted();
    }
}

/// <summary>Blocking work with a result.</summary>
/// <typeparam name="T">Result type.</typeparam>
internal sealed class BlockingFunc<T> : GreenUnit<T>
{
    private readonly Func<T> _work;

    internal BlockingFunc(GreenRuntime runtime, Func<T> work)
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
