using System.Runtime.InteropServices;

namespace Harness.Native;

/// <summary>File calls .NET does not expose: advisory locks (flock), file type and size (statx), fsync of a folder.</summary>
// unsafe: as Libc.cs says for both parts; statx's fields are read from its stackalloc'd buffer at the kernel ABI's offsets.
internal static unsafe partial class Libc
{
    // The same numbers on x64 and arm64 (asm-generic); O_CLOEXEC is in Libc.cs.
    public const int O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0x40;
    public const int LOCK_EX = 2, LOCK_NB = 4;
    public const int EWOULDBLOCK = 11;
    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 0x1, STATX_SIZE = 0x200;

    /// <summary>File-type bits of st_mode (S_IFMT) and the regular-file and directory values.</summary>
    public const int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFDIR = 0x4000;

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxRaw(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// The type bits and size of a path, following symbolic links, or null if nothing is there. statx's struct has
    /// one layout on every architecture (unlike struct stat): stx_mode is the u16 at byte 28, stx_size the u64 at 40.
    /// </summary>
    public static (int Type, long Size)? FileTypeAndSize(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (StatxRaw(AT_FDCWD, path, 0, STATX_TYPE | STATX_SIZE, buffer) != 0) return null;
        return (*(ushort*)(buffer + 28) & S_IFMT, *(long*)(buffer + 40));
    }

    /// <summary>Reads up to <paramref name="max"/> bytes from the start of an open descriptor.</summary>
    public static string ReadText(int fd, int max)
    {
        byte[] bytes = new byte[max];
        fixed (byte* p = bytes)
        {
            nint n = ReadRaw(fd, p, max);
            return n <= 0 ? "" : System.Text.Encoding.UTF8.GetString(bytes, 0, (int)n);
        }
    }

    /// <summary>Writes all of a text at the descriptor's position.</summary>
    public static void WriteText(int fd, string text)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes)
        {
            for (nint done = 0; done < bytes.Length;)
            {
                nint n = WriteRaw(fd, p + done, bytes.Length - done);
                if (n < 0 && Marshal.GetLastPInvokeError() == EINTR) continue;
                if (n <= 0) throw new IOException($"write failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
                done += n;
            }
        }
    }
}
