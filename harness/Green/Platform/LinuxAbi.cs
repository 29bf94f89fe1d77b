using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Green;

/// <summary>The parts of the Linux kernel ABI the runtime relies on that differ between CPU architectures: the futex
/// system call number and the layout of <c>struct epoll_event</c>. Everything else it uses (errno values, open, socket,
/// epoll and eventfd flags) comes from asm-generic and is the same on x86-64 and arm64.</summary>
/// <remarks>
/// Numbers from the kernel's tables: arch/x86/entry/syscalls/syscall_64.tbl (futex = 202) and
/// include/uapi/asm-generic/unistd.h, which arm64 uses (futex = 98; 202 is accept there, so a hard-coded 202 made
/// every park a failing accept and the workers spin). epoll_event is declared __attribute__((packed)) only on x86-64
/// (include/uapi/linux/eventpoll.h, EPOLL_PACKED), 12 bytes with the data at offset 4; elsewhere it has natural
/// alignment, 16 bytes with the data at offset 8.
/// </remarks>
internal sealed record LinuxAbi(Architecture Architecture, long FutexSyscall, int EpollEventSize, int EpollDataOffset)
{
    /// <summary>Offset of the 32-bit event mask in <c>struct epoll_event</c> (first on every architecture).</summary>
    internal const int EpollEventsOffset = 0;

    internal static readonly LinuxAbi X64 = new(Architecture.X64, FutexSyscall: 202, EpollEventSize: 12, EpollDataOffset: 4);

    internal static readonly LinuxAbi Arm64 = new(Architecture.Arm64, FutexSyscall: 98, EpollEventSize: 16, EpollDataOffset: 8);

    private static readonly Lazy<LinuxAbi> s_current = new(() => For(RuntimeInformation.ProcessArchitecture, OperatingSystem.IsLinux()));

    /// <summary>The table of the running process.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x86-64 or arm64 (a one-line message).</exception>
    internal static LinuxAbi Current => s_current.Value;

    /// <summary>The table for <paramref name="architecture"/>, or a one-line refusal.</summary>
    internal static LinuxAbi For(Architecture architecture, bool isLinux = true)
    {
        if (!isLinux)
        {
            throw new PlatformNotSupportedException("The green runtime needs Linux (futex, epoll, eventfd).");
        }

        return architecture switch
        {
            Architecture.X64 => X64,
            Architecture.Arm64 => Arm64,
            _ => throw new PlatformNotSupportedException(
                $"The green runtime supports x64 and arm64 Linux only, not {architecture}: its futex number and epoll_event layout are per architecture."),
        };
    }

    /// <summary>Writes one <c>struct epoll_event</c> at <paramref name="slot"/> in this architecture's layout.</summary>
    /// <remarks>unsafe: the kernel reads the struct through a raw pointer; the caller provides EpollEventSize bytes there.
    /// Unaligned writes: the packed x86-64 layout puts the 64-bit data at offset 4.</remarks>
    internal unsafe void WriteEpollEvent(byte* slot, uint events, ulong data)
    {
        new Span<byte>(slot, EpollEventSize).Clear();
        Unsafe.WriteUnaligned(slot + EpollEventsOffset, events);
        Unsafe.WriteUnaligned(slot + EpollDataOffset, data);
    }

    /// <summary>Reads event <paramref name="index"/> of an array filled by epoll_wait in this architecture's layout.</summary>
    /// <remarks>unsafe: epoll_wait fills a raw buffer of <c>count * EpollEventSize</c> bytes; the caller passes an index
    /// below the count it returned.</remarks>
    internal unsafe (uint Events, ulong Data) ReadEpollEvent(byte* events, int index)
    {
        var slot = events + ((nint)index * EpollEventSize);
        return (Unsafe.ReadUnaligned<uint>(slot + EpollEventsOffset), Unsafe.ReadUnaligned<ulong>(slot + EpollDataOffset));
    }
}
