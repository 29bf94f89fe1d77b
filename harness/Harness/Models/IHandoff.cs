namespace Harness.Models;

/// <summary>
/// A one-directional mailbox between two units: one side <see cref="Send"/>s tokens, the other receives
/// them in order. Tokens are queued, so a send before the receive is never lost.
/// </summary>
/// <remarks>
/// Each model supplies its natural primitive: a blocking OS wait for threads, an awaitable channel that
/// frees the pool thread for tasks, a runtime-native channel for green units. A receive that finds no
/// token must really suspend the receiver (no unbounded spinning), so that a ping-pong over two handoffs
/// measures a context switch.
/// </remarks>
public interface IHandoff : IDisposable
{
    void Send(int token);

    ValueTask<int> ReceiveAsync();
}
