using Harness.Native;

namespace Harness.Storage;

/// <summary>
/// The checks every reader of a run's files makes before it opens one: the path is a regular file (following
/// symbolic links), not a FIFO that would block the open, a device that never ends, or a folder; and it is no bigger
/// than the reader's cap, so a huge or endless file becomes one clear line instead of an out-of-memory.
/// </summary>
public static class SafeFile
{
    /// <summary>Cap for CSV files of a run (a full run's results.csv is under 1 MB, its samples.csv under 10 MB).</summary>
    public const long MaxCsvBytes = 512L * 1024 * 1024;

    /// <summary>Cap for the JSON files of a run (env.json, run.json: tens of KB).</summary>
    public const long MaxJsonBytes = 16L * 1024 * 1024;

    /// <summary>Whether a regular file is there (false when nothing is; an error for anything else).</summary>
    public static bool ExistsAsRegularFile(string path) => Check(path, long.MaxValue, mustExist: false);

    /// <summary>Refuses, as an <see cref="InvalidDataException"/> naming the path, anything but a regular file within the cap.</summary>
    public static void RequireRegularFile(string path, long maxBytes) => Check(path, maxBytes, mustExist: true);

    /// <summary>Reads a whole text file after <see cref="RequireRegularFile"/>.</summary>
    public static string ReadAllText(string path, long maxBytes)
    {
        RequireRegularFile(path, maxBytes);
        return File.ReadAllText(path);
    }

    /// <summary>Opens a file for reading after <see cref="RequireRegularFile"/> (others may still be appending to it).</summary>
    public static FileStream OpenRead(string path, long maxBytes)
    {
        RequireRegularFile(path, maxBytes);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    }

    private static bool Check(string path, long maxBytes, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Libc.FileTypeAndSize(path) is not (int type, long size))
        {
            if (!mustExist && !Path.Exists(path) && !IsDanglingLink(path)) return false;
            throw new InvalidDataException(IsDanglingLink(path)
                ? $"{path}: a symbolic link to nothing"
                : $"{path}: no such file");
        }
        if (type != Libc.S_IFREG)
            throw new InvalidDataException($"{path}: not a regular file ({Describe(type)}); a run's files are plain files");
        if (size > maxBytes)
            throw new InvalidDataException($"{path}: {size:N0} bytes, more than the {maxBytes:N0} a run's file of this kind can have");
        return true;
    }

    private static bool IsDanglingLink(string path) =>
        new FileInfo(path).LinkTarget is not null && Libc.FileTypeAndSize(path) is null;

    private static string Describe(int type) => type switch
    {
        Libc.S_IFDIR => "a folder",
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => $"file type {type >> 12}",
    };
}
