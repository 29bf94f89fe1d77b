namespace Harness.Tests.Storage;

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public abstract class TempFolder : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("bench-storage-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
