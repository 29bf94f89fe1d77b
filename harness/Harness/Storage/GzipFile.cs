using System.IO.Compression;

namespace Harness.Storage;

/// <summary>
/// A run's file kept gzip-compressed (a published run's samples.csv.gz): written atomically at the smallest size, and
/// read back through the same checks as a plain file (<see cref="SafeFile"/>) plus a cap on the bytes it decompresses
/// to, so a gzip bomb (a few KB that inflate to gigabytes) is one clear line rather than an out-of-memory. A corrupt
/// or truncated file is an <see cref="InvalidDataException"/> naming it.
/// <para>
/// .NET's decompressor ends quietly where a file is cut short, which would drop the last rows (or cut a value's digits)
/// unseen. So the end is checked against the gzip trailer: its last four bytes are the decompressed length modulo 2³²
/// (RFC 1952, ISIZE). The files this suite writes are one gzip member, as <c>gzip</c> writes them.
/// </para>
/// </summary>
public static class GzipFile
{
    /// <summary>Writes <paramref name="source"/> compressed to <paramref name="target"/> (complete or absent).</summary>
    public static void Compress(string source, string target, long maxSourceBytes)
    {
        using FileStream from = SafeFile.OpenRead(source, maxSourceBytes);
        AtomicFile.Write(target, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
            from.CopyTo(gzip);
        });
    }

    /// <summary>Opens a compressed file for reading its decompressed bytes, at most <paramref name="maxDecompressedBytes"/>
    /// of them (the file itself may be no bigger than that either).</summary>
    public static Stream OpenRead(string path, long maxDecompressedBytes)
    {
        FileStream file = SafeFile.OpenRead(path, maxDecompressedBytes);
        try
        {
            uint declared = DeclaredLength(path, file);
            // The trailer's length is modulo 2³², so a bigger bomb can declare a small one: the count while reading is
            // the real check; this one refuses an honest big file before a byte is inflated.
            if (declared > maxDecompressedBytes)
                throw new InvalidDataException($"{path}: its gzip trailer declares {declared:N0} decompressed bytes, more than the "
                    + $"{maxDecompressedBytes:N0} a run's file of this kind can have (a bomb, or a cut or corrupt file)");
            return new CappedDecompression(path, new GZipStream(file, CompressionMode.Decompress), maxDecompressedBytes, declared);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The smallest gzip member: a 10-byte header, an empty deflate block (2 bytes) and the 8-byte trailer.</summary>
    private const int SmallestMember = 20;

    /// <summary>The trailer's ISIZE: the decompressed length modulo 2³², little-endian in the last four bytes.</summary>
    private static uint DeclaredLength(string path, FileStream file)
    {
        if (file.Length < SmallestMember)
            throw new InvalidDataException($"{path}: not a valid gzip file: {file.Length} bytes, fewer than the smallest gzip file has");
        Span<byte> header = stackalloc byte[3];
        file.ReadExactly(header);
        if (header is not [0x1f, 0x8b, 8]) throw new InvalidDataException($"{path}: not a valid gzip file: it does not start as one (1f 8b 08)");
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-trailer.Length, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <summary>
    /// The decompressed bytes, counted: reading past the cap, a stream the decompressor finds corrupt, or one that ends
    /// at another length than its trailer declares, throws an <see cref="InvalidDataException"/> that names the file.
    /// </summary>
    private sealed class CappedDecompression(string path, GZipStream inner, long maxBytes, uint declaredLength) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: not a valid gzip file: {e.Message}", e);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"{path}: not a valid gzip file: it ends before its compressed data does", e);
            }
            _read += n;
            if (n == 0 && buffer.Length > 0 && (uint)_read != declaredLength)
                throw new InvalidDataException($"{path}: not a valid gzip file: it ends after {_read:N0} bytes of the {declaredLength:N0} "
                    + "its trailer declares (cut short?)");
            return _read > maxBytes
                ? throw new InvalidDataException($"{path}: decompresses to more than the {maxBytes:N0} bytes a run's file of this kind can have")
                : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
