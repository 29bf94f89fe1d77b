namespace Green;

/// <summary>A green unit whose body is a <see cref="Func{ValueTask}"/>.</summary>
internal sealed class VoidUnit : GreenUnit
{
    internal VoidUnit(GreenRuntime runtime, Func<ValueTask> body)
        : base(runtime, body)
    {
    }

    private protected override void StartBody()
    {
        var body = (Func<ValueTask>)TakeBody();
        ValueTask pending;
        try
        {
            pending = body();
        }
        catch (Exception ex)
        {
            Finish(ex);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(pending);
            return;
        }

        // A Task-backed ValueTask (the normal async lambda) yields its Task without allocating; Run watches it.
        SetPendingBody(pending.AsTask());
    }

    private protected override void CompleteBody(Task pending) => Complete(new ValueTask(pending));

    private void Complete(ValueTask pending)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Finish(ex);
            return;
        }

        Finish(null);
    }

    private void Finish(Exception? exception)
    {
        var won = exception is null ? TrySetCompleted() : TrySetFaulted(exception);
        if (won)
        {
            Runtime.OnUnitFinished(this);
        }
    }
}

/// <summary>A green unit whose body is a <see cref="Func{T}"/> returning <see cref="ValueTask{T}"/>.</summary>
/// <typeparam name="T">Result type.</typeparam>
internal sealed class ValueUnit<T> : GreenUnit<T>
{
    internal ValueUnit(GreenRuntime runtime, Func<ValueTask<T>> body)
        : base(runtime, body)
    {
    }

    private protected override void StartBody()
    {
        var body = (Func<ValueTask<T>>)TakeBody();
        ValueTask<T> pending;
        try
        {
            pending = body();
        }
        catch (Exception ex)
        {
            Fail(ex);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(pending);
            return;
        }

        SetPendingBody(pending.AsTask());
    }

    private protected override void CompleteBody(Task pending) => Complete(new ValueTask<T>((Task<T>)pending));

    private void Complete(ValueTask<T> pending)
    {
        T result;
        try
        {
            result = pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Fail(ex);
            return;
        }

        if (TrySetResult(result))
        {
            Runtime.OnUnitFinished(this);
        }
    }

    private void Fail(Exception exception)
    {
        if (TrySetFaulted(exception))
        {
            Runtime.OnUnitFinished(this);
        }
    }
}
