using System.Globalization;

namespace Harness.Measurement;

/// <summary>
/// One reading of where this process's memory is: resident user memory (smaps_rollup, exact, unlike the
/// lazily summed VmRSS), page tables (VmPTE), thread count, the managed heap, and the system-wide kernel
/// counters a thread costs (KernelStack, PageTables, unreclaimable slab) from /proc/meminfo.
/// </summary>
/// <remarks>
/// The kernel counters are system-wide: their deltas across a reading pair are this process's only if the
/// machine is otherwise quiet, which is why memory is reported as a slope over several N, not one delta.
/// </remarks>
public readonly record struct ProcessMemory(
    long RssBytes,
    long PssBytes,
    long PageTableBytes,
    int Threads,
    long ManagedBytes,
    long SystemKernelStackBytes,
    long SystemPageTableBytes,
    long SystemSlabUnreclaimableBytes)
{
    /// <summary>Collects garbage fully, then reads everything.</summary>
    public static ProcessMemory Read()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long managed = GC.GetTotalMemory(forceFullCollection: false);
        Dictionary<string, long> rollup = ParseKiB(File.ReadAllText("/proc/self/smaps_rollup"));
        Dictionary<string, long> status = ParseKiB(File.ReadAllText("/proc/self/status"));
        Dictionary<string, long> meminfo = ParseKiB(File.ReadAllText("/proc/meminfo"));
        return new ProcessMemory(
            rollup.GetValueOrDefault("Rss") * 1024,
            rollup.GetValueOrDefault("Pss") * 1024,
            status.GetValueOrDefault("VmPTE") * 1024,
            (int)status.GetValueOrDefault("Threads"),
            managed,
            meminfo.GetValueOrDefault("KernelStack") * 1024,
            meminfo.GetValueOrDefault("PageTables") * 1024,
            meminfo.GetValueOrDefault("SUnreclaim") * 1024);
    }

    /// <summary>"Key:   123 kB" lines into key to number (kB for sizes, a plain count otherwise).</summary>
    internal static Dictionary<string, long> ParseKiB(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string[] parts = line[(colon + 1)..].Split(' ', '\t').Where(p => p.Length > 0).ToArray();
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
                values[line[..colon].Trim()] = value;
        }
        return values;
    }
}
