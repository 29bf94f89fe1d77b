using System.Runtime.CompilerServices;

namespace Green;

/// <summary>What a unit does to itself: yield and delay, found on the unit type as Task.Yield and Task.Delay are on Task.</summary>
public abstract partial class GreenUnit
{
    /// <summary>True when called from code running as a green unit's poll.</summary>
    public static bool IsInUnit => Running is not null;

    /// <summary>Requeues the calling unit at the back of its worker's local queue (never the LIFO slot).
    /// Outside a unit it behaves like <see cref="Task.Yield"/>.</summary>
    public static YieldAwaitable Yield() => default;

    /// <summary>Completes after at least <paramref name="delay"/>, driven by the current worker's timer wheel (1 ms resolution).
    /// Outside a worker it falls back to <see cref="Task.Delay(TimeSpan)"/>.</summary>
    public static ValueTask Delay(TimeSpan delay) => Delay(delay, CancellationToken.None);

    /// <summary>As <see cref="Delay(TimeSpan)"/>; <paramref name="cancellation"/> ends the wait early with an
    /// <see cref="OperationCanceledException"/> and takes the timer out of the wheel.</summary>
    public static ValueTask Delay(TimeSpan delay, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellation);
        }

        if (delay <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }

        var worker = Worker.Current;
        if (worker is not null && worker.TryEnterOwnerOp())
        {
            try
            {
                var ms = (long)Math.Ceiling(delay.TotalMilliseconds);
                var entry = new TimerEntry(Clock.NowMs() + ms + 1); // +1: a deadline on a ms boundary never fires early
                if (!worker.InsertTimer(entry))
                {
                    return ValueTask.CompletedTask;
                }

                entry.CancelOn(cancellation);
                return new ValueTask(entry, 0);
            }
            finally
            {
                worker.ExitOwnerOp();
            }
        }

        return new ValueTask(Task.Delay(delay, cancellation));
    }
}

/// <summary>Awaitable returned by <see cref="GreenUnit.Yield"/>.</summary>
public readonly struct YieldAwaitable
{
    /// <summary>Gets the awaiter.</summary>
    public YieldAwaiter GetAwaiter() => default;

    /// <summary>Awaiter that always suspends and requeues the unit.</summary>
    public readonly struct YieldAwaiter : ICriticalNotifyCompletion
    {
        /// <summary>Always false: a yield always suspends.</summary>
        public bool IsCompleted => false;

        /// <summary>No result; throws <see cref="UnitCancelledException"/> in a unit that was aborted.</summary>
        public void GetResult() => GreenUnit.ThrowIfRunningUnitAborted();

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => Requeue(continuation);

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => Requeue(continuation);

        private static void Requeue(Action continuation)
        {
            ArgumentNullException.ThrowIfNull(continuation);
            var unit = GreenUnit.Running;
            if (unit is not null)
            {
                unit.YieldWith(continuation);
            }
            else if (SynchronizationContext.Current is { } context)
            {
                context.Post(static state => ((Action)state!)(), continuation);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(Waker.s_invokeAction, continuation, preferLocal: false);
            }
        }
    }
}
