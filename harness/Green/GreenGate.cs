using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>A one-shot gate that any number of units (or outside threads) can await; <see cref="Open"/> wakes them all.</summary>
/// <remarks>
/// Parking costs a waiter one list slot: the awaiting unit itself is the wake token (<see cref="Waker"/>), so no
/// continuation object is allocated. The lock guards the waiter list against the race between a waiter adding
/// itself and <see cref="Open"/> taking the list; waiters are woken outside it.
/// </remarks>
public sealed class GreenGate : IValueTaskSource
{
    private readonly object _lock = new();

    /// <summary>Wake tokens of the parked waiters; null once the gate is open. Written under <see cref="_lock"/>.</summary>
    private List<object>? _waiters = [];

    /// <summary>Whether <see cref="Open"/> has been called.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _waiters is null;
            }
        }
    }

    /// <summary>Completes at once if the gate is open, else when it opens.</summary>
    public ValueTask WaitAsync() => IsOpen ? default : new ValueTask(this, 0);

    /// <summary>Opens the gate for good and wakes every waiter.</summary>
    public void Open()
    {
        List<object>? waiters;
        lock (_lock)
        {
            waiters = _waiters;
            _waiters = null;
        }
        if (waiters is null) return;
        foreach (object waiter in waiters) Waker.Wake(waiter);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) =>
        IsOpen ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

    void IValueTaskSource.GetResult(short token)
    {
        if (!IsOpen)
        {
            GreenUnit.ThrowIfRunningUnitAborted(); // resumed by abort before the gate opened
        }
    }

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        object waiter = Waker.Capture(continuation, state);
        lock (_lock)
        {
            if (_waiters is not null)
            {
                _waiters.Add(waiter);
                return;
            }
        }
        Waker.Wake(waiter); // opened between the status check and here
    }
}
