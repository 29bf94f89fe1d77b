using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Green.Tests.Platform;

/// <summary>The per-architecture kernel tables. Only x86-64 runs here, so the arm64 table is checked against the C layout
/// declared below (what the kernel's headers say), not against a kernel.</summary>
public sealed class LinuxAbiTests
{
    [Fact]
    public void X64_FutexIs202_AndEpollEventIsPacked12Bytes() =>
        AssertTableMatchesLayout<PackedEpollEvent>(LinuxAbi.X64, futex: 202, size: 12);

    [Fact]
    public void Arm64_FutexIs98_AndEpollEventIsNaturallyAligned16Bytes() =>
        AssertTableMatchesLayout<NaturalEpollEvent>(LinuxAbi.Arm64, futex: 98, size: 16);

    [Theory]
    [InlineData(Architecture.X64)]
    [InlineData(Architecture.Arm64)]
    public unsafe void EpollEvent_WrittenAndReadBack_LandsAtTheDeclaredOffsets(Architecture architecture)
    {
        var abi = LinuxAbi.For(architecture);
        var buffer = stackalloc byte[2 * abi.EpollEventSize];
        abi.WriteEpollEvent(buffer + abi.EpollEventSize, 0x80002005u, 0x1122334455667788UL);
        Assert.Equal((0x80002005u, 0x1122334455667788UL), abi.ReadEpollEvent(buffer, 1));
        Assert.Equal(0x1122334455667788UL, Unsafe.ReadUnaligned<ulong>(buffer + abi.EpollEventSize + abi.EpollDataOffset));
    }

    [Theory]
    [InlineData(Architecture.X86)]
    [InlineData(Architecture.Arm)]
    [InlineData(Architecture.S390x)]
    [InlineData(Architecture.RiscV64)]
    public void OtherArchitectures_AreRefusedInOneLine(Architecture architecture)
    {
        var refusal = Assert.Throws<PlatformNotSupportedException>(() => LinuxAbi.For(architecture));
        Assert.Contains(architecture.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public void OtherOperatingSystems_AreRefusedInOneLine()
    {
        var refusal = Assert.Throws<PlatformNotSupportedException>(() => LinuxAbi.For(Architecture.X64, isLinux: false));
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public void Current_IsTheTableOfThisProcess()
    {
        Assert.Equal(RuntimeInformation.ProcessArchitecture, LinuxAbi.Current.Architecture);
    }

    /// <summary>The table's futex number and epoll_event size, and its field offsets checked against the C layout
    /// <typeparamref name="TLayout"/> declares (both layouts name their fields Events and Data).</summary>
    private static void AssertTableMatchesLayout<TLayout>(LinuxAbi abi, long futex, int size)
        where TLayout : struct
    {
        Assert.Equal(futex, abi.FutexSyscall);
        Assert.Equal(Unsafe.SizeOf<TLayout>(), abi.EpollEventSize);
        Assert.Equal(size, abi.EpollEventSize);
        Assert.Equal((int)Marshal.OffsetOf<TLayout>(nameof(PackedEpollEvent.Data)), abi.EpollDataOffset);
        Assert.Equal(LinuxAbi.EpollEventsOffset, (int)Marshal.OffsetOf<TLayout>(nameof(PackedEpollEvent.Events)));
    }

    /// <summary>struct epoll_event as x86-64 declares it (__attribute__((packed))).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct PackedEpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>struct epoll_event as every other architecture declares it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NaturalEpollEvent
    {
        public uint Events;
        public ulong Data;
    }
}
