using System.Text;
using Harness.Native;

namespace Harness.Storage;

/// <summary>
/// Writes a file so that a reader sees either its old content or its new one, never a part: the text goes to a
/// temporary file in the same folder (named <c>.NAME.PID.tmp</c>, which no reader opens), is flushed to disk, and is
/// renamed over the target; the folder is then synced so the rename itself survives a crash. A failure (a full disk,
/// a kill between the steps) leaves the old file as it was, and the temporary file is removed when the failure is an
/// exception, or by <see cref="RemoveLeftovers"/> the next time a writer takes the folder.
/// </summary>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        stream.Write(bytes);
    });

    /// <summary>Copies a file atomically (the copy is complete or absent).</summary>
    public static void Copy(string source, string target) => Write(target, stream =>
    {
        using FileStream from = new(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        from.CopyTo(stream);
    });

    public static void Write(string path, Action<Stream> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder", nameof(path));
        string temp = TempPathFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fill(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncFolder(folder);
    }

    /// <summary>The temporary name a write of <paramref name="path"/> by this process uses.</summary>
    public static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}{TempSuffix}");

    /// <summary>Whether a folder entry is a temporary file of an unfinished write (every reader skips those).</summary>
    public static bool IsTemporary(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(TempSuffix, StringComparison.Ordinal);
    }

    /// <summary>Removes temporary files that a killed writer left in a folder; call it holding the folder's lock.</summary>
    public static void RemoveLeftovers(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder).Where(IsTemporary)) TryDelete(file);
    }

    /// <summary>fsync on the folder, so a rename in it is on disk; a file system that cannot sync folders is left be.</summary>
    public static void SyncFolder(string folder)
    {
        int fd = Libc.Open(folder, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) return;
        Libc.Fsync(fd);
        Libc.Close(fd);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for RemoveLeftovers: the failure being reported matters more.
        }
    }
}
