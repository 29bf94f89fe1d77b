namespace Harness.Models;

/// <summary>
/// Base of the links whose two ends are separate streams (a pipe's or a socketpair's), moved one byte at a time
/// through a one-byte buffer per end, so a hop allocates nothing: it owns the ends and the buffers, checks what a
/// read returned, and closes both ends. Each model's subclass drives the ends with its own I/O style.
/// </summary>
internal abstract class OneByteLink<TReader, TWriter>(TReader reader, TWriter writer) : IByteLink
    where TReader : IDisposable
    where TWriter : IDisposable
{
    protected TReader Reader { get; } = reader;

    protected TWriter Writer { get; } = writer;

    /// <summary>The buffer reads land in; only the reading unit touches it.</summary>
    protected byte[] ReadBuffer { get; } = new byte[1];

    /// <summary>The buffer writes go from; only the writing unit touches it.</summary>
    protected byte[] WriteBuffer { get; } = new byte[1];

    public abstract ValueTask WriteByteAsync(byte value);

    public abstract ValueTask<byte> ReadByteAsync();

    /// <summary>The byte a read of <paramref name="count"/> bytes delivered; end of stream when it delivered none.</summary>
    protected byte ByteRead(int count) =>
        count == 1 ? ReadBuffer[0] : throw new EndOfStreamException($"the link's {typeof(TReader).Name} read {count} bytes: closed by its peer");

    /// <summary>Throws unless a write moved the one byte.</summary>
    protected static void CheckWritten(int count)
    {
        if (count != 1) throw new IOException($"a write moved {count} bytes instead of 1");
    }

    public void Dispose()
    {
        Reader.Dispose();
        Writer.Dispose();
    }
}
