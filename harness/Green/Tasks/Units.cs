namespace Green;

/// <summary>A green unit whose body is a <see cref="Func{ValueTask}"/>.</summary>
internal sealed class VoidUnit : JoinHandle
{
    /// <summary>The body delegate until the first poll, then the body's pending Task (if it did not finish synchronously).</summary>
    private object? _bodyOrPending;

    internal VoidUnit(GreenRuntime runtime, Func<ValueTask> body)
        : base(runtime)
    {
        _bodyOrPending = body;
    }

    private protected override void StartBody()
    {
        var body = (Func<ValueTask>)_bodyOrPending!;
        _bodyOrPending = null;
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

        // A Task-backed ValueTask (the normal async lambda) yields its Task without allocating.
        var task = pending.AsTask();
        _bodyOrPending = task;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnBodyCompleted);
    }

    private void OnBodyCompleted()
    {
        var task = (Task)_bodyOrPending!;
        _bodyOrPending = null;
        Complete(new ValueTask(task));
    }

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
internal sealed class ValueUnit<T> : JoinHandle<T>
{
    /// <summary>The body delegate until the first poll, then the body's pending Task (if it did not finish synchronously).</summary>
    private object? _bodyOrPending;

    internal ValueUnit(GreenRuntime runtime, Func<ValueTask<T>> body)
        : base(runtime)
    {
        _bodyOrPending = body;
    }

    private protected override void StartBody()
    {
        var body = (Func<ValueTask<T>>)_bodyOrPending!;
        _bodyOrPending = null;
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

        var task = pending.AsTask();
        _bodyOrPending = task;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnBodyCompleted);
    }

    private void OnBodyCompleted()
    {
        var task = (Task<T>)_bodyOrPending!;
        _bodyOrPending = null;
        Complete(new ValueTask<T>(task));
    }

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
