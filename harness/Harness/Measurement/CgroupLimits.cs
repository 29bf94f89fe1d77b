using System.Globalization;

namespace Harness.Measurement;

/// <summary>
/// The pids and memory limits of the cgroups this process is in, cgroup v1 or v2: the tightest headroom along the
/// path from the process's own cgroup up to the root (a parent's limit binds its children too).
/// </summary>
/// <param name="PidsHeadroom">Tasks (threads) that can still be created, or null if no pids limit applies.</param>
/// <param name="PidsLimit">The binding pids limit and where it is set, e.g. "pids.max 4096 at /sys/fs/cgroup/pids/x".</param>
/// <param name="MemoryHeadroom">Bytes that can still be charged before the memory limit, or null if none applies.</param>
/// <param name="MemoryLimit">The binding memory limit and where it is set.</param>
public sealed record CgroupLimits(long? PidsHeadroom, string? PidsLimit, long? MemoryHeadroom, string? MemoryLimit)
{
    /// <summary>v1 writes "no limit" as a page-rounded long.MaxValue; anything above this is unlimited.</summary>
    private const long Unlimited = 1L << 60;

    public static CgroupLimits Read(string procSelfCgroup = "/proc/self/cgroup", string root = "/sys/fs/cgroup")
    {
        string text;
        try { text = File.ReadAllText(procSelfCgroup); }
        catch (IOException) { return new CgroupLimits(null, null, null, null); }
        catch (UnauthorizedAccessException) { return new CgroupLimits(null, null, null, null); }

        var v1 = new Dictionary<string, string>(StringComparer.Ordinal);
        string? v2 = null;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[0] == "0" && parts[1].Length == 0) v2 = parts[2];
            foreach (string controller in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) v1[controller] = parts[2];
        }

        (long?, string?) pids = v1.TryGetValue("pids", out string? pidsPath)
            ? Tightest(Path.Join(root, "pids"), pidsPath, "pids.max", "pids.current")
            : v2 is not null ? Tightest(root, v2, "pids.max", "pids.current") : (null, null);
        (long?, string?) memory = v1.TryGetValue("memory", out string? memoryPath)
            ? Tightest(Path.Join(root, "memory"), memoryPath, "memory.limit_in_bytes", "memory.usage_in_bytes")
            : v2 is not null ? Tightest(root, v2, "memory.max", "memory.current") : (null, null);
        return new CgroupLimits(pids.Item1, pids.Item2, memory.Item1, memory.Item2);
    }

    /// <summary>The smallest limit − usage over the cgroup at <paramref name="path"/> and its ancestors.</summary>
    private static (long? Headroom, string? Limit) Tightest(string mount, string path, string limitFile, string usageFile)
    {
        long? best = null;
        string? where = null;
        string relative = path.Trim('/');
        while (true)
        {
            string directory = relative.Length == 0 ? mount : Path.Join(mount, relative);
            if (ReadLong(Path.Join(directory, limitFile)) is long limit && limit < Unlimited)
            {
                long usage = ReadLong(Path.Join(directory, usageFile)) ?? 0;
                if (best is null || limit - usage < best)
                {
                    best = limit - usage;
                    where = $"{limitFile} {limit} at {directory}";
                }
            }
            if (relative.Length == 0) break;
            int slash = relative.LastIndexOf('/');
            relative = slash < 0 ? "" : relative[..slash];
        }
        return (best, where);
    }

    private static long? ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                ? value
                : null; // "max" in v2: no limit
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
