using System.Runtime.InteropServices;

namespace Green;

/// <summary>libc entry points for the reactor and AsyncFd (Linux x64 and arm64; what differs between them is in
/// <see cref="LinuxAbi"/>); errno via SetLastError.</summary>
// unsafe on the whole class, unlike elsewhere: every member is a syscall binding whose signature is raw pointers.
internal static unsafe partial class Native
{
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;
    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;
    internal const int AF_UNIX = 1;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int EPOLL_CLOEXEC = 0x80000;
    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const uint EPOLLIN = 0x1;
    internal const uint EPOLLOUT = 0x4;
    internal const uint EPOLLERR = 0x8;
    internal const uint EPOLLHUP = 0x10;
    internal const uint EPOLLRDHUP = 0x2000;
    internal const uint EPOLLET = 0x80000000;
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static partial int EpollCtl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int EpollWait(int epfd, byte* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initval, int flags);

    internal const int EINVAL = 22;
    internal const int ETIMEDOUT = 110;
    /// <summary>The futex system call number of this architecture (see <see cref="LinuxAbi"/>).</summary>
    private static readonly long s_futex = LinuxAbi.Current.FutexSyscall;
    private const int FUTEX_WAIT_PRIVATE = 128;
    private const int FUTEX_WAKE_PRIVATE = 129;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall6(long number, int* address, int operation, int value, TimeSpec* timeout, nint address2, int value3);

    /// <summary>struct timespec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Sleeps while *<paramref name="address"/> == <paramref name="expected"/>, for at most <paramref name="timeoutMs"/>
    /// (-1: forever). Returns at once if the value differs; may return spuriously.</summary>
    /// <remarks>glibc's syscall() is assembly that ignores the variadic register count, so a plain P/Invoke is safe.</remarks>
    internal static void FutexWait(int* address, int expected, int timeoutMs)
    {
        if (timeoutMs < 0)
        {
            Syscall6(s_futex, address, FUTEX_WAIT_PRIVATE, expected, null, 0, 0);
            return;
        }

        var timeout = new TimeSpec { Seconds = timeoutMs / 1000, Nanoseconds = (timeoutMs % 1000) * 1_000_000L };
        Syscall6(s_futex, address, FUTEX_WAIT_PRIVATE, expected, &timeout, 0, 0);
    }

    /// <summary>Wakes one thread sleeping in <see cref="FutexWait"/> on <paramref name="address"/>.</summary>
    internal static void FutexWakeOne(int* address) => Syscall6(s_futex, address, FUTEX_WAKE_PRIVATE, 1, null, 0, 0);

    internal static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>Sets O_NONBLOCK on an fd.</summary>
    internal static void SetNonBlocking(int fd)
    {
        var flags = Fcntl(fd, F_GETFL, 0);
        if (flags < 0 || Fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        {
            throw new IOException($"fcntl(O_NONBLOCK) failed on fd {fd}: errno {Errno}");
        }
    }

}
