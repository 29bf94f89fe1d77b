namespace Harness.Tests.Fixtures;

/// <summary>Base of test classes that write files: a fresh temporary folder per test, deleted afterwards.</summary>
public abstract class TempFolder : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("bench-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
