using System.Runtime.InteropServices;
using Harness.Native;

namespace Harness.Storage;

/// <summary>
/// One writer per folder: an advisory lock (flock) on the folder's <c>.lock</c> file, held by a table run, a report
/// or a publish for as long as it writes there. The holder writes its PID and what it does into the file, so a second
/// writer is refused with one line that names them. The kernel drops the lock when the holder exits, however it
/// exits, so a killed run never leaves the folder locked; the file itself stays and is ignored by every reader.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".lock";

    private int _fd;

    private RunFolderLock(int fd) => _fd = fd;

    /// <summary>Takes the lock of an existing folder, or throws a <see cref="FolderInUseException"/> naming the holder.</summary>
    /// <param name="purpose">What the holder does, e.g. "table run", "report", "publish".</param>
    public static RunFolderLock Acquire(string folder, string purpose)
    {
        string path = Path.Combine(folder, FileName);
        int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0x1A4 /* 0644 */);
        if (fd < 0)
            throw new IOException($"cannot open '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        if (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string holder = Libc.ReadText(fd, 256).Trim();
            Libc.Close(fd);
            if (errno != Libc.EWOULDBLOCK)
                throw new IOException($"cannot lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
            throw new FolderInUseException(folder, holder.Length > 0 ? holder : "another process");
        }
        Libc.Ftruncate(fd, 0);
        Libc.WriteText(fd, $"{purpose} (PID {Environment.ProcessId})\n");
        var taken = new RunFolderLock(fd);
        AtomicFile.RemoveLeftovers(folder);
        return taken;
    }

    /// <summary>Whether a folder entry is the lock file (readers and copies skip it).</summary>
    public static bool IsLockFile(string path) => Path.GetFileName(path) == FileName;

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Libc.Close(fd); // closing the descriptor releases the flock
    }
}

/// <summary>A folder another process is writing: the message names it and its holder.</summary>
public sealed class FolderInUseException(string folder, string holder)
    : IOException($"'{folder}' is in use by {holder}; wait for it to finish or choose another folder")
{
    public string Folder { get; } = folder;

    public string Holder { get; } = holder;
}
