using System.Runtime.InteropServices;

namespace Harness.Native;

// Native/: the libc calls .NET does not expose, in one place: sockets, pipes, affinity, rlimits, getrusage and
// nanosleep (Libc.cs), flock, statx and folder fsync (Libc.Files.cs), and the POSIX semaphore the thread model waits
// on (PosixSemaphore). Each binding is a LibraryImport; errno becomes an exception in the safe wrapper beside it.

/// <summary>The few libc calls the workloads and the environment probe need, with errno surfaced as exceptions.</summary>
// unsafe on the whole class (both parts), unlike elsewhere: each binding takes raw pointers, and each safe wrapper
// beside it passes a stackalloc'd or `fixed` buffer for exactly one call, so no pointer outlives the call it is for.
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int O_CLOEXEC = 0x80000;
    public const int RUSAGE_SELF = 0;
    public const int EINTR = 4;

    [LibraryImport(Lib, EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPairRaw(int domain, int type, int protocol, int* fds);

    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2Raw(int* fds, int flags);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadRaw(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteRaw(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>Ends the process at once with <paramref name="status"/>: no finalizers, no waiting for other threads.</summary>
    [LibraryImport(Lib, EntryPoint = "_exit")]
    public static partial void ExitImmediately(int status);

    [LibraryImport(Lib, EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusageRaw(int who, RUsage* usage);

    [LibraryImport(Lib, EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinityRaw(int pid, nint size, ulong* mask);

    [LibraryImport(Lib, EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimitRaw(int resource, ulong* limits);

    public const int RLIMIT_STACK = 3;
    public const int RLIMIT_NPROC = 6;
    public const int RLIMIT_NOFILE = 7;

    /// <summary>The soft limit of a resource, or null when unlimited (RLIM_INFINITY).</summary>
    public static ulong? GetSoftLimit(int resource)
    {
        ulong* limits = stackalloc ulong[2];
        Check(GetRlimitRaw(resource, limits), "getrlimit");
        return limits[0] == ulong.MaxValue ? null : limits[0];
    }

    /// <summary>struct rusage on Linux x64: two timevals then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RUsage
    {
        public long UserSec, UserUsec, SystemSec, SystemUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals;
        /// <summary>Voluntary context switches (the thread blocked).</summary>
        public long Nvcsw;
        /// <summary>Involuntary context switches (the thread was preempted).</summary>
        public long Nivcsw;
    }

    public static (int A, int B) SocketPair()
    {
        int* fds = stackalloc int[2];
        Check(SocketPairRaw(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
        return (fds[0], fds[1]);
    }

    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        Check(Pipe2Raw(fds, O_CLOEXEC), "pipe2");
        return (fds[0], fds[1]);
    }

    /// <summary>Blocking read of exactly one byte (retries on EINTR).</summary>
    public static byte ReadByte(int fd)
    {
        byte b;
        while (true)
        {
            nint n = ReadRaw(fd, &b, 1);
            if (n == 1) return b;
            if (n == 0) throw new EndOfStreamException($"fd {fd} closed by its peer");
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException($"read(fd {fd}) failed: errno {errno}");
        }
    }

    /// <summary>Blocking write of exactly one byte (retries on EINTR).</summary>
    public static void WriteByte(int fd, byte value)
    {
        while (true)
        {
            nint n = WriteRaw(fd, &value, 1);
            if (n == 1) return;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException($"write(fd {fd}) failed: errno {errno}");
        }
    }

    /// <summary>Blocking write of <paramref name="count"/> zero bytes, in as many writes as the descriptor takes (retries on EINTR).</summary>
    public static void WriteZeros(int fd, int count)
    {
        byte* zeros = stackalloc byte[4096];
        new Span<byte>(zeros, 4096).Clear();
        while (count > 0)
        {
            nint n = WriteRaw(fd, zeros, Math.Min(count, 4096));
            if (n > 0)
            {
                count -= (int)n;
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException($"write(fd {fd}) failed: errno {errno}");
        }
    }

    public static RUsage GetRusageSelf()
    {
        RUsage usage;
        Check(GetRusageRaw(RUSAGE_SELF, &usage), "getrusage");
        return usage;
    }

    /// <summary>The CPUs this process may run on (first 1024), as a list of CPU numbers.</summary>
    public static IReadOnlyList<int> GetAffinity()
    {
        ulong* mask = stackalloc ulong[16];
        Check(SchedGetAffinityRaw(0, 16 * sizeof(ulong), mask), "sched_getaffinity");
        var cpus = new List<int>();
        for (int word = 0; word < 16; word++)
            for (int bit = 0; bit < 64; bit++)
                if ((mask[word] & (1UL << bit)) != 0) cpus.Add(word * 64 + bit);
        return cpus;
    }

    [LibraryImport(Lib, EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinityRaw(int tid, nint size, ulong* mask);

    /// <summary>
    /// Pins every existing thread of this process to <paramref name="cpu"/>. Threads created afterwards
    /// inherit the mask from their creator, so the whole process stays on that CPU (what taskset does at launch).
    /// </summary>
    public static void PinAllThreads(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, 1024);
        ulong* mask = stackalloc ulong[16];
        new Span<ulong>(mask, 16).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        foreach (string taskDir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(taskDir), out int tid)) continue;
            // A thread may exit between listing and pinning (ESRCH); that one needs no pinning.
            if (SchedSetAffinityRaw(tid, 16 * sizeof(ulong), mask) != 0 && Marshal.GetLastPInvokeError() != 3)
                throw new IOException($"sched_setaffinity(tid {tid}, cpu {cpu}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Lib, EntryPoint = "nanosleep", SetLastError = true)]
    private static partial int NanoSleepRaw(TimeSpec* request, TimeSpec* remaining);

    /// <summary>Blocks the calling thread in the kernel for <paramref name="duration"/> (microsecond precision, unlike Thread.Sleep).</summary>
    public static void NanoSleep(TimeSpan duration)
    {
        long ns = (long)(duration.Ticks * 100);
        TimeSpec request = new() { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        TimeSpec remaining;
        while (NanoSleepRaw(&request, &remaining) != 0)
        {
            if (Marshal.GetLastPInvokeError() != EINTR) throw new IOException($"nanosleep failed: errno {Marshal.GetLastPInvokeError()}");
            request = remaining;
        }
    }

    [LibraryImport(Lib, EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrctlRaw(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    private const int PR_SET_TIMERSLACK = 29;

    [ThreadStatic]
    private static bool t_preciseTimers;

    /// <summary>
    /// Sets the calling thread's timer slack to 1 ns (once per thread): by default Linux may defer a sleeping thread's
    /// wake-up by up to 50 µs to batch timers, which turns a 10 µs nanosleep into about 70 µs.
    /// </summary>
    public static void UsePreciseTimersOnThisThread()
    {
        if (t_preciseTimers) return;
        Check(PrctlRaw(PR_SET_TIMERSLACK, 1, 0, 0, 0), "prctl(PR_SET_TIMERSLACK)");
        t_preciseTimers = true;
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
            throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
