namespace Green.Tests;

/// <summary>Base of the test classes that run green runtimes. xunit makes a new instance per test and disposes it when
/// the test ends, pass or fail; every runtime a test starts with <see cref="StartRuntime"/> is then shut down (forced,
/// last started first), as a <c>using var</c> <see cref="RuntimeScope"/> at the top of the test would.</summary>
public abstract class RuntimeTest : IDisposable
{
    private readonly List<RuntimeScope> _scopes = [];

    /// <summary>The modes with worker threads of their own, for stress tests of cross-thread wake-ups.</summary>
    public static TheoryData<SchedulingMode> ThreadedModes => new() { SchedulingMode.WorkStealing, SchedulingMode.ThreadPerCore };

    /// <summary>Worker counts for a behaviour that must hold with one worker and with several.</summary>
    public static TheoryData<int> OneAndSeveralWorkers => new() { 1, 4 };

    /// <summary>Starts a runtime that lives until the end of the test.</summary>
    protected GreenRuntime StartRuntime(GreenRuntimeOptions options)
    {
        var scope = new RuntimeScope(options);
        _scopes.Add(scope);
        return scope.Runtime;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts down the runtimes this test started, the last one first.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            _scopes[i].Dispose();
        }

        _scopes.Clear();
    }
}
