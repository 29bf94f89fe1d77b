using System.Globalization;
using Harness.Native;

namespace Harness.Measurement;

/// <summary>
/// Preflight for scenarios that create many units: how many more OS threads this machine lets the suite
/// create (threads-max, pid_max, max_map_count, the cgroups' pids and memory limits, ulimit -u, free memory), so that a sweep
/// is capped with a visible warning instead of crashing or exhausting the machine.
/// </summary>
/// <param name="MaxNewThreads">The cap for planning a sweep: the tightest bound, less a reserve, times a headroom share.</param>
/// <param name="HardMaxNewThreads">The tightest bound less a small reserve: what a scenario child may really create. A
/// child re-reads the limits and refuses only past this, so a point planned at the cap is not refused for the few
/// mappings the child's own start-up took (10,802 planned, 10,801 allowed, was a failed point).</param>
public sealed record UnitLimits(int MaxNewThreads, string ThreadBound, long AvailableBytes, int HardMaxNewThreads = int.MaxValue)
{
    /// <summary>Resident + kernel bytes a parked thread is assumed to cost when budgeting memory (generous).</summary>
    public const long ThreadBudgetBytes = 128 * 1024;

    /// <summary>Bytes a parked task or green unit is assumed to cost when budgeting memory (generous).</summary>
    public const long LightUnitBudgetBytes = 4 * 1024;

    /// <summary>
    /// Memory mappings one .NET thread adds: measured 4.17 on .NET 10 / glibc (stack and its guard page, the
    /// alternate signal stack and its guard), with a margin. A sweep budgeted at 2 aborted at 25k threads here.
    /// </summary>
    public const double MappingsPerThread = 4.5;

    /// <summary>Threads kept free for the rest of the machine, and the share of the remaining headroom used.</summary>
    private const int ReservedThreads = 1_000;
    private const double HeadroomShare = 0.8;

    /// <summary>Threads (or their mappings' worth) a child keeps free below the hard bound.</summary>
    private const int HardReserveThreads = 100;

    public static UnitLimits Read()
    {
        long totalThreads = TotalThreadsOnSystem();
        var bounds = new List<(long Value, string Why)>();
        if (ReadLong("/proc/sys/kernel/threads-max") is long threadsMax)
            bounds.Add((threadsMax - totalThreads, $"threads-max {threadsMax}"));
        if (ReadLong("/proc/sys/kernel/pid_max") is long pidMax)
            bounds.Add((pidMax - totalThreads, $"pid_max {pidMax}"));
        if (ReadLong("/proc/sys/vm/max_map_count") is long maxMaps)
            bounds.Add(((long)((maxMaps - CurrentMappings()) / MappingsPerThread), $"max_map_count {maxMaps} ({MappingsPerThread} mappings budgeted per thread)"));
        CgroupLimits cgroup = CgroupLimits.Read();
        if (cgroup.PidsHeadroom is long pidsHeadroom)
            bounds.Add((pidsHeadroom, $"cgroup {cgroup.PidsLimit}"));
        if (Libc.GetSoftLimit(Libc.RLIMIT_NPROC) is ulong nproc)
            bounds.Add(((long)Math.Min(nproc, long.MaxValue) - totalThreads, $"ulimit -u {nproc}"));
        long available = AvailableMemory();
        string memoryBound = $"MemAvailable {available / (1024 * 1024)} MiB";
        if (cgroup.MemoryHeadroom is long memoryHeadroom && memoryHeadroom < available)
        {
            available = Math.Max(0, memoryHeadroom);
            memoryBound = $"cgroup {cgroup.MemoryLimit} ({available / (1024 * 1024)} MiB left)";
        }
        bounds.Add((available / 2 / ThreadBudgetBytes, memoryBound));

        (long value, string why) = bounds.MinBy(b => b.Value);
        long usable = (long)((value - ReservedThreads) * HeadroomShare);
        return new UnitLimits((int)Math.Clamp(usable, 0, int.MaxValue), why, available, (int)Math.Clamp(value - HardReserveThreads, 0, int.MaxValue));
    }

    /// <summary>The largest N of light units (tasks, green units) that fits in half the available memory.</summary>
    public long MaxLightUnits => AvailableBytes / 2 / LightUnitBudgetBytes;

    private static long TotalThreadsOnSystem()
    {
        // /proc/loadavg's fourth field is "runnable/total scheduling entities" (threads, system-wide).
        string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return fields.Length > 3 && long.TryParse(fields[3].Split('/').Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long total)
            ? total
            : 0;
    }

    private static long CurrentMappings() => File.ReadLines("/proc/self/maps").LongCount();

    private static long AvailableMemory() =>
        ProcessMemory.ParseKiB(File.ReadAllText("/proc/meminfo")).GetValueOrDefault("MemAvailable") * 1024;

    private static long? ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                ? value
                : null; // e.g. "max" in a cgroup file: no limit
        }
        catch (IOException)
        {
            return null;
        }
    }
}
