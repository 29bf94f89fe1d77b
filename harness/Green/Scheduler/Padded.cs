using System.Runtime.InteropServices;

namespace Green;

/// <summary>A 64-bit value alone on its own cache line (128 bytes covers adjacent-line prefetch).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedInt64
{
    [FieldOffset(64)]
    public long Value;
}

/// <summary>A 32-bit value alone on its own cache line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedInt32
{
    [FieldOffset(64)]
    public int Value;
}
