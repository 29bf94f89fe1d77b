namespace Harness.Models;

/// <summary>
/// A one-directional kernel byte stream between two units (an AF_UNIX socketpair or a pipe): the writer
/// end and the reader end, each used through the model's own I/O style.
/// </summary>
public interface IByteLink : IDisposable
{
    ValueTask WriteByteAsync(byte value);

    ValueTask<byte> ReadByteAsync();
}
