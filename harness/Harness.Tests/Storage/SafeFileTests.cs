using System.Diagnostics;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

/// <summary>Every reader refuses special files before opening them (a FIFO would block the open forever) and files past
/// their cap, in one line naming the path.</summary>
public sealed class SafeFileTests : TempFolder
{
    private static void AssertRefused(string path, string expected)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidDataException>(() => SafeFile.RequireRegularFile(path, SafeFile.MaxCsvBytes));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the check must not block"); // a hang guard, not a speed claim
    }

    [Fact]
    public void Fifo_IsRefused_WithoutBlocking()
    {
        string fifo = Path.Combine(Folder, "results.csv");
        using (Process mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        AssertRefused(fifo, "a FIFO");
    }

    [Fact]
    public void Devices_AndLinksToThem_AreRefused()
    {
        AssertRefused("/dev/zero", "a character device");
        string link = Path.Combine(Folder, "samples.csv");
        File.CreateSymbolicLink(link, "/dev/null");
        AssertRefused(link, "a character device");
    }

    [Fact]
    public void FolderAndDanglingLink_AreRefused()
    {
        AssertRefused(Folder, "a folder");
        string link = Path.Combine(Folder, "run.json");
        File.CreateSymbolicLink(link, Path.Combine(Folder, "nowhere"));
        AssertRefused(link, "a symbolic link to nothing");
        Assert.Throws<InvalidDataException>(() => SafeFile.ExistsAsRegularFile(link));
    }

    [Fact]
    public void FilePastItsCap_IsRefused()
    {
        string path = Path.Combine(Folder, "env.json");
        File.WriteAllText(path, new string(' ', 2_000));
        var e = Assert.Throws<InvalidDataException>(() => SafeFile.RequireRegularFile(path, 1_000));
        Assert.Contains("more than the 1,000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegularFile_AndLinkToOne_AreAccepted_AndAMissingOneIsAbsent()
    {
        string path = Path.Combine(Folder, "results.csv");
        File.WriteAllText(path, "metric\n");
        string link = Path.Combine(Folder, "link.csv");
        File.CreateSymbolicLink(link, path);
        SafeFile.RequireRegularFile(path, 100);
        Assert.True(SafeFile.ExistsAsRegularFile(link));
        Assert.False(SafeFile.ExistsAsRegularFile(Path.Combine(Folder, "missing.csv")));
    }
}
