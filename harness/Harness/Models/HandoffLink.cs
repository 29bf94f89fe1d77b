namespace Harness.Models;

/// <summary>
/// An in-memory brigade link (<see cref="Transport.Memory"/>) over a model's own handoff: the writer sends the
/// counter as a token, the reader receives it. A brigade keeps one counter in flight, so a link never holds more than
/// one item: it is the capacity-1 channel of Blandy's in-memory brigade, with the model's natural wait (a blocking
/// semaphore handoff for threads, the runtime's GreenChannel for green units).
/// </summary>
internal sealed class HandoffLink(IHandoff handoff) : IByteLink
{
    public ValueTask WriteByteAsync(byte value)
    {
        handoff.Send(value);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<byte> ReadByteAsync() => (byte)await handoff.ReceiveAsync();

    public void Dispose() => handoff.Dispose();
}
