using System.Runtime.InteropServices;

namespace Harness.Native;

/// <summary>
/// An unnamed POSIX semaphore (glibc <c>sem_t</c>, futex based). Unlike SemaphoreSlim it never spins
/// before sleeping, so a wait that finds the count at zero is a real trip through the kernel scheduler:
/// the thread model's context switch.
/// </summary>
// unsafe on the whole class: its one field is the address of the native sem_t (NativeMemory, never moved), which every
// member passes to glibc; Dispose frees it once.
internal sealed unsafe partial class PosixSemaphore : IDisposable
{
    /// <summary>sizeof(sem_t) on x86-64 and arm64 glibc is 32 bytes; 64 keeps it on its own cache line.</summary>
    private const int Size = 64;

    private void* _sem;

    public PosixSemaphore()
    {
        _sem = NativeMemory.AlignedAlloc(Size, 64);
        NativeMemory.Clear(_sem, Size);
        if (SemInit(_sem, 0, 0) != 0)
            throw new IOException($"sem_init failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Post()
    {
        if (SemPost(_sem) != 0)
            throw new IOException($"sem_post failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Wait()
    {
        while (SemWait(_sem) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR) throw new IOException($"sem_wait failed: errno {errno}");
        }
    }

    public void Dispose()
    {
        if (_sem == null) return;
        _ = SemDestroy(_sem);
        NativeMemory.AlignedFree(_sem);
        _sem = null;
    }

    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    private static partial int SemInit(void* sem, int pshared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_post", SetLastError = true)]
    private static partial int SemPost(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    private static partial int SemWait(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_destroy", SetLastError = true)]
    private static partial int SemDestroy(void* sem);
}
