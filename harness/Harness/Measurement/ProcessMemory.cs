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
/// The per-thread kernel costs, read with them, let the kernel side be estimated per process instead:
/// each thread has a kernel stack (KernelStack / threads on the system) and a task_struct (its slab's
/// bytes per object, from /proc/slabinfo, readable by root; 0 where it is not).
/// </remarks>
public readonly record struct ProcessMemory(
    long RssBytes,
    long PssBytes,
    long PageTableBytes,
    int Threads,
    long ManagedBytes,
    long SystemKernelStackBytes,
    long SystemPageTableBytes,
    long SystemSlabUnreclaimableBytes,
    double KernelStackPerThreadBytes = 0,
    double TaskStructBytes = 0)
{
    /// <summary>This process's kernel memory added between <paramref name="before"/> and <paramref name="after"/>,
    /// estimated: new threads times (kernel stack + task_struct), plus the growth of its page tables (measured).</summary>
    public static double KernelEstimate(ProcessMemory before, ProcessMemory after) =>
        ((after.Threads - before.Threads) * (after.KernelStackPerThreadBytes + after.TaskStructBytes))
        + (after.PageTableBytes - before.PageTableBytes);

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
            meminfo.GetValueOrDefault("SUnreclaim") * 1024,
            KernelStackPerThread(meminfo.GetValueOrDefault("KernelStack") * 1024),
            SlabBytesPerObject("task_struct"));
    }

    /// <summary>System KernelStack divided by the system's threads (/proc/loadavg's total scheduling entities).</summary>
    private static double KernelStackPerThread(long kernelStackBytes)
    {
        string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return fields.Length > 3 && long.TryParse(fields[3].Split('/').Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long threads) && threads > 0
            ? (double)kernelStackBytes / threads
            : 0;
    }

    /// <summary>Bytes one object of a slab cache occupies, slab overhead included (pages per slab x 4 KiB / objects per slab).</summary>
    internal static double SlabBytesPerObject(string cache, string path = "/proc/slabinfo")
    {
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                // name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 5 && f[0] == cache
                    && int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int perSlab) && perSlab > 0
                    && int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out int pages))
                    return pages * 4096.0 / perSlab;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
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
