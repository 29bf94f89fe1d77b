using Harness.Measurement;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Measurement;

public sealed class CgroupLimitsTests : TempFolder
{
    private string Write(string relative, string content)
    {
        string path = Path.Join(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void V1_TakesTheTightestLimitFromTheProcessCgroupUpToTheRoot()
    {
        string self = Write("proc-self-cgroup", "8:pids:/jobs/a\n4:memory:/jobs/a\n1:cpu:/\n");
        Write("fs/pids/jobs/pids.max", "500\n");
        Write("fs/pids/jobs/pids.current", "100\n");
        Write("fs/pids/jobs/a/pids.max", "max\n"); // no limit of its own: the parent's binds
        Write("fs/memory/jobs/a/memory.limit_in_bytes", "1073741824\n");
        Write("fs/memory/jobs/a/memory.usage_in_bytes", "73741824\n");
        Write("fs/memory/memory.limit_in_bytes", "9223372036854771712\n"); // v1's "unlimited"

        CgroupLimits limits = CgroupLimits.Read(self, Path.Join(Folder, "fs"));

        Assert.Equal(400, limits.PidsHeadroom);
        Assert.Contains("pids.max 500", limits.PidsLimit, StringComparison.Ordinal);
        Assert.Equal(1_000_000_000, limits.MemoryHeadroom);
    }

    [Fact]
    public void V2_ReadsTheUnifiedHierarchy_AndMaxMeansNoLimit()
    {
        string self = Write("proc-self-cgroup", "0::/user.slice/session\n");
        Write("fs/user.slice/session/pids.max", "64\n");
        Write("fs/user.slice/session/pids.current", "60\n");
        Write("fs/user.slice/memory.max", "max\n");

        CgroupLimits limits = CgroupLimits.Read(self, Path.Join(Folder, "fs"));

        Assert.Equal(4, limits.PidsHeadroom);
        Assert.Null(limits.MemoryHeadroom);
    }

    [Fact]
    public void NoCgroupFile_MeansNoLimits()
    {
        CgroupLimits limits = CgroupLimits.Read(Path.Join(Folder, "missing"), Folder);

        Assert.Equal(new CgroupLimits(null, null, null, null), limits);
    }
}
