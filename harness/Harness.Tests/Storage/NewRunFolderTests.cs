using Harness;
using Harness.Running;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

public sealed class NewRunFolderTests : TempFolder
{
    private string OldRun()
    {
        string run = Path.Combine(Folder, "run");
        Directory.CreateDirectory(Path.Combine(run, "charts"));
        foreach (string file in new[] { "report.md", "run.json", "results.csv", "samples.csv", "env.json", "charts/a.svg" })
            File.WriteAllText(Path.Combine(run, file), "old");
        return run;
    }

    [Fact]
    public void Force_RemovesEveryFileOfTheOldRun_BeforeTheNewRunWrites()
    {
        string run = OldRun();
        using (NewRunFolder.Prepared prepared = NewRunFolder.Prepare(run, force: true))
        {
            Assert.Equal([RunFolderLock.FileName], Directory.EnumerateFileSystemEntries(prepared.Path).Select(Path.GetFileName));
        }
        Assert.DoesNotContain(Directory.EnumerateDirectories(Folder), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void WithoutForce_ANonEmptyFolderIsRefused_AndKeptAsItWas()
    {
        string run = OldRun();
        var e = Assert.Throws<UsageException>(() => NewRunFolder.Prepare(run, force: false));
        Assert.Contains("--force", e.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, "report.md")));
    }

    [Fact]
    public void FolderOfARunInProgress_IsRefused_EvenWithForce()
    {
        string run = Path.Combine(Folder, "run");
        using NewRunFolder.Prepared first = NewRunFolder.Prepare(run, force: false);
        File.WriteAllText(Path.Combine(run, "results.csv"), "rows of the run in progress");
        var e = Assert.Throws<UsageException>(() => NewRunFolder.Prepare(run, force: true));
        Assert.Contains($"PID {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
        Assert.Equal("rows of the run in progress", File.ReadAllText(Path.Combine(run, "results.csv")));
    }
}
