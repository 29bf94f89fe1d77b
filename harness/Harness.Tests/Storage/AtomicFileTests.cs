using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

public sealed class AtomicFileTests : TempFolder
{
    [Fact]
    public void Write_ReplacesTheContent_AndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(Folder, "run.json");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["run.json"], Directory.EnumerateFiles(Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void FailedWrite_KeepsTheOldContent_AndRemovesItsTemporaryFile()
    {
        string path = Path.Combine(Folder, "report.md");
        AtomicFile.WriteAllText(path, "complete old report");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of a new"u8);
            throw new IOException("No space left on device"); // what a full disk throws mid-write
        }));
        Assert.Equal("complete old report", File.ReadAllText(path));
        Assert.DoesNotContain(Directory.EnumerateFiles(Folder), AtomicFile.IsTemporary);
    }

    [Fact]
    public void LeftoverOfAKilledWriter_IsRecognised_AndRemovedByTheNextLockHolder()
    {
        string leftover = AtomicFile.TempPathFor(Path.Combine(Folder, "run.json"));
        File.WriteAllText(leftover, "");
        Assert.True(AtomicFile.IsTemporary(leftover));
        Assert.False(AtomicFile.IsTemporary(Path.Combine(Folder, "run.json")));
        using (RunFolderLock.Acquire(Folder, "a test"))
        {
            Assert.False(File.Exists(leftover));
        }
    }

    [Fact]
    public void Copy_IsComplete()
    {
        string source = Path.Combine(Folder, "samples.csv");
        File.WriteAllText(source, string.Concat(Enumerable.Repeat("creation,thread,total,0,1.5,ns,0\n", 10_000)));
        string target = Path.Combine(Folder, "copy.csv");
        AtomicFile.Copy(source, target);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }
}
