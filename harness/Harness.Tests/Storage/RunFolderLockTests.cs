using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

public sealed class RunFolderLockTests : TempFolder
{
    [Fact]
    public void SecondWriter_IsRefused_WithTheHoldersPidAndPurpose()
    {
        using RunFolderLock first = RunFolderLock.Acquire(Folder, "a table run");
        var refused = Assert.Throws<FolderInUseException>(() => RunFolderLock.Acquire(Folder, "a report"));
        Assert.Contains($"a table run (PID {Environment.ProcessId})", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Released_LockCanBeTakenAgain()
    {
        RunFolderLock.Acquire(Folder, "a table run").Dispose();
        using RunFolderLock again = RunFolderLock.Acquire(Folder, "a report");
        Assert.True(RunFolderLock.IsLockFile(Path.Combine(Folder, RunFolderLock.FileName)));
    }

    [Fact]
    public void ManyContenders_ExactlyOneHoldsTheLockAtATime()
    {
        int holders = 0, maxHolders = 0, acquired = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                using RunFolderLock held = RunFolderLock.Acquire(Folder, $"contender {i}");
                int now = Interlocked.Increment(ref holders);
                InterlockedMax(ref maxHolders, now);
                Interlocked.Increment(ref acquired);
                Thread.SpinWait(Random.Shared.Next(1, 5_000));
                Interlocked.Decrement(ref holders);
            }
            catch (FolderInUseException)
            {
                // Someone else held it: exactly what a second writer must see.
            }
        });
        Assert.Equal(1, maxHolders);
        Assert.True(acquired >= 1);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (int seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
