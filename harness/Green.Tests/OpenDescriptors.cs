namespace Green.Tests;

/// <summary>The process's open descriptors, as /proc/self/fd lists them, for tests that prove a runtime leaked none.</summary>
/// <remarks>The .NET host keeps two descriptors open on every assembly it loads, for the life of the process. A test
/// that happens to be the first to load an assembly (an exception's stack trace, a collection type) would count two
/// more at its end than at its start with no leak at all, so assembly files are left out; pipes, sockets, epoll and
/// eventfd instances, which is what a runtime or a unit opens, all count.</remarks>
internal static class OpenDescriptors
{
    private const string Listing = "/proc/self/fd";

    /// <summary>Open descriptors, assembly files left out.</summary>
    public static int Count() => Targets().Count(target => !IsAssembly(target));

    /// <summary>What each counted descriptor points at (pipe, socket, anon_inode:[eventpoll] ...), to name a leak.</summary>
    public static string Describe() => string.Join(", ", Targets()
        .Where(target => !IsAssembly(target))
        .GroupBy(target => target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe" : target)
        .Select(group => $"{group.Key} x{group.Count()}"));

    /// <summary>Waits until the process holds no more descriptors than <paramref name="before"/> (fewer is fine: an
    /// earlier test's runtime may have closed its reactor meanwhile) and fails, naming what is open, if it still holds
    /// more after the wait.</summary>
    public static void AssertBackTo(int before) =>
        Assert.True(
            SpinWait.SpinUntil(() => Count() <= before, Bounded.Short),
            $"{Count() - before} descriptor(s) more than at the start; open now: {Describe()}");

    /// <summary>Link targets; a descriptor closed between the listing and the read is skipped.</summary>
    private static IEnumerable<string> Targets()
    {
        foreach (var path in Directory.GetFiles(Listing))
        {
            string? target;
            try
            {
                target = new FileInfo(path).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }

            yield return target ?? "?";
        }
    }

    private static bool IsAssembly(string target) => target.EndsWith(".dll", StringComparison.Ordinal);
}
