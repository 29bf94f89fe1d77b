using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>An unbounded multi-producer, single-consumer handoff native to the runtime; no allocation in steady state.</summary>
/// <remarks>
/// The channel itself is the <see cref="IValueTaskSource{T}"/> of the (single) pending receive, so awaiting does not
/// allocate; the receiver parks as a wake token (<see cref="Waker"/>), and a sender running on a worker wakes it into that
/// worker's LIFO slot, so a ping-pong pair runs back to back.
/// Protocol:
/// 1. A sender that finds the queue empty and the receiver parked claims its token (Exchange) and hands the item over
///    directly in <see cref="_handoff"/>, bypassing the queue: the common case of message passing costs no enqueue and no
///    dequeue. (With items queued it must queue too, or its item would overtake them.)
/// 2. Otherwise it enqueues and then looks for a parked receiver again (the receiver may have parked meanwhile).
/// 3. The receiver takes a handed-over item first, then the queue; only when both are empty does it park: it stores its
///    token and then re-checks the queue. Both sides' Exchange / enqueue are full fences, so one of them always sees the
///    other: no lost wake-up. Only the sender that claimed the token writes <see cref="_handoff"/>, and the receiver
///    cannot park again before taking it, so a handoff is never overwritten.
/// 4. A queueing sender can find a token that is not the park its item was for: the receiver saw the item while parking,
///    woke itself, took it and parked again. Waking that token would complete a receive with nothing to receive, so the
///    sender wakes it only if the queue holds something, and otherwise puts it back (and re-checks, as in 3).
/// </remarks>
/// <typeparam name="T">Item type.</typeparam>
public sealed class GreenChannel<T> : IValueTaskSource<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    /// <summary>Wake token of the parked receiver; stored by the receiver, swapped out by senders.</summary>
    private object? _waiter;

    /// <summary>The item handed to the parked receiver by the sender that claimed its token; read by the receiver.</summary>
    private T? _handoff;

    /// <summary>True from the claiming sender's handoff until the receiver takes it.</summary>
    private volatile bool _hasHandoff;

    /// <summary>Set by a cancellation that claimed the parked receiver's token (instead of a sender); read and cleared by
    /// that receiver's GetResult, which then throws for <see cref="_receiveCancellation"/>.</summary>
    private volatile bool _receiveCancelled;

    /// <summary>The token of the pending cancellable receive; written by the receiver before it parks.</summary>
    private CancellationToken _receiveCancellation;

    /// <summary>Creates an empty channel.</summary>
    public GreenChannel()
    {
    }

    /// <summary>Items waiting to be received.</summary>
    public int Count => _items.Count + (_hasHandoff ? 1 : 0);

    /// <summary>Sends an item; never blocks. Any thread, any number of senders.</summary>
    public void Send(T item)
    {
        // Only past an empty queue: the receiver takes a handoff before the queue, so handing over while this sender's (or
        // anyone's) earlier items still wait there would deliver out of order.
        if (_items.IsEmpty && Volatile.Read(ref _waiter) is not null && Interlocked.Exchange(ref _waiter, null) is { } parked)
        {
            _handoff = item;
            _hasHandoff = true;
            Waker.Wake(parked);
            return;
        }

        // An Exchange, not a read first: the enqueue publishes the item with a plain store after its last fence, and a
        // plain read of the token could pass that store and miss a receiver parking right now (step 3's pairing).
        _items.Enqueue(item);
        var waiter = Interlocked.Exchange(ref _waiter, null);
        while (waiter is not null)
        {
            if (!_items.IsEmpty)
            {
                Waker.Wake(waiter);
                return;
            }

            // Step 4: the receiver took our item already (it saw it while parking, woke itself) and parked again: this
            // token is a new park with nothing to receive, and waking it would complete a receive with no item. Give it
            // back, then look once more, as a parking receiver does, for an item that came while we held it.
            Interlocked.Exchange(ref _waiter, waiter);
            if (_items.IsEmpty || !ReferenceEquals(Interlocked.CompareExchange(ref _waiter, null, waiter), waiter))
            {
                return;
            }
        }
    }

    /// <summary>Receives the next item, parking the caller while the channel is empty. One receiver at a time.</summary>
    /// <remarks>Each receive takes one unit of the caller's cooperative budget; once a poll spent it, the receive yields
    /// first (<see cref="CoopBudget"/>), so a hot receive loop cannot starve its worker.</remarks>
    public ValueTask<T> ReceiveAsync()
    {
        if (!CoopBudget.TryConsume())
        {
            return ReceiveAfterYieldAsync();
        }

        return TryReceive(out var item) ? new ValueTask<T>(item) : new ValueTask<T>(this, 0);
    }

    /// <summary>Receives the next item, or throws <see cref="OperationCanceledException"/> once <paramref name="cancellation"/>
    /// fires while the channel is empty. An item that arrives first wins.</summary>
    public ValueTask<T> ReceiveAsync(CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            return ReceiveAsync();
        }

        if (cancellation.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellation);
        }

        return TryReceive(out var item) ? new ValueTask<T>(item) : ReceiveCancellableAsync(cancellation);
    }

    /// <remarks>The registration claims the parked receiver's token exactly as a sender would (an Exchange), so either a
    /// sender or the cancellation wakes it, never both; it is disposed before this receive returns, so it can never
    /// touch a later receive's park.</remarks>
    private async ValueTask<T> ReceiveCancellableAsync(CancellationToken cancellation)
    {
        _receiveCancellation = cancellation;
        try
        {
            using var registration = cancellation.UnsafeRegister(static state => ((GreenChannel<T>)state!).CancelParkedReceive(), this);
            return await new ValueTask<T>(this, 0);
        }
        finally
        {
            _receiveCancellation = default;
        }
    }

    private void CancelParkedReceive()
    {
        if (Interlocked.Exchange(ref _waiter, null) is { } parked)
        {
            _receiveCancelled = true;
            Waker.Wake(parked);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T> ReceiveAfterYieldAsync()
    {
        await GreenUnit.Yield();
        return await ReceiveAsync();
    }

    /// <summary>Takes an item if one is available.</summary>
    public bool TryReceive(out T item)
    {
        if (_hasHandoff)
        {
            item = _handoff!;
            _handoff = default;
            _hasHandoff = false;
            return true;
        }

        return _items.TryDequeue(out item!);
    }

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) =>
        _hasHandoff || !_items.IsEmpty ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

    T IValueTaskSource<T>.GetResult(short token)
    {
        // An aborted receiver is resumed without an item (abort protocol b in GreenUnit.Scheduling.cs): it takes nothing, so a
        // later item waits for the next receiver.
        GreenUnit.ThrowIfRunningUnitAborted();
        if (_receiveCancelled)
        {
            _receiveCancelled = false;
            throw new OperationCanceledException(_receiveCancellation);
        }

        return TryReceive(out var item)
            ? item
            : throw new InvalidOperationException("GreenChannel supports a single receiver; the item was taken by another receiver.");
    }

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var waiter = Waker.Capture(continuation, state);
        Interlocked.Exchange(ref _waiter, waiter);
        if (!_items.IsEmpty && ReferenceEquals(Interlocked.CompareExchange(ref _waiter, null, waiter), waiter))
        {
            Waker.Wake(waiter);
        }

        // A cancellation that fired before this park found no token to claim: claim it now (the Exchange above is a full
        // fence, so either the canceller saw the token or this read sees the cancellation).
        if (_receiveCancellation.IsCancellationRequested)
        {
            CancelParkedReceive();
        }
    }
}
