using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>An unbounded multi-producer, single-consumer handoff native to the runtime; no allocation in steady state.</summary>
/// <remarks>
/// The channel itself is the <see cref="IValueTaskSource{T}"/> of the (single) pending receive, so awaiting does not
/// allocate; the receiver parks as a wake token (<see cref="Waker"/>), and a sender running on a worker wakes it into that
/// worker's LIFO slot, so a ping-pong pair runs back to back.
/// Lost wake-up avoidance: the sender enqueues and then swaps the waiter out; the receiver stores the waiter and then
/// re-checks the queue; both sides use full fences (Interlocked), so one of them always sees the other.
/// </remarks>
/// <typeparam name="T">Item type.</typeparam>
public sealed class GreenChannel<T> : IValueTaskSource<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    /// <summary>Wake token of the parked receiver; stored by the receiver, swapped out by senders.</summary>
    private object? _waiter;

    /// <summary>Creates an empty channel.</summary>
    public GreenChannel()
    {
    }

    /// <summary>Items waiting to be received.</summary>
    public int Count => _items.Count;

    /// <summary>Sends an item; never blocks. Any thread, any number of senders.</summary>
    public void Send(T item)
    {
        _items.Enqueue(item);
        if (Interlocked.Exchange(ref _waiter, null) is { } waiter)
        {
            Waker.Wake(waiter);
        }
    }

    /// <summary>Receives the next item, parking the caller while the channel is empty. One receiver at a time.</summary>
    public ValueTask<T> ReceiveAsync() =>
        _items.TryDequeue(out var item) ? new ValueTask<T>(item) : new ValueTask<T>(this, 0);

    /// <summary>Takes an item if one is available.</summary>
    public bool TryReceive(out T item) => _items.TryDequeue(out item!);

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) =>
        _items.IsEmpty ? ValueTaskSourceStatus.Pending : ValueTaskSourceStatus.Succeeded;

    T IValueTaskSource<T>.GetResult(short token) =>
        _items.TryDequeue(out var item)
            ? item
            : throw new InvalidOperationException("GreenChannel supports a single receiver; the item was taken by another receiver.");

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var waiter = Waker.Capture(continuation, state);
        Interlocked.Exchange(ref _waiter, waiter);
        if (!_items.IsEmpty && ReferenceEquals(Interlocked.CompareExchange(ref _waiter, null, waiter), waiter))
        {
            Waker.Wake(waiter);
        }
    }
}
