using Harness.Tests.Fixtures;
using System.IO.Compression;
using System.Text;
using Harness.Storage;

namespace Harness.Tests.Storage;

/// <summary>A compressed run file reads back what was written, and a corrupt, cut or inflating one is refused by name.</summary>
public sealed class GzipFileTests : TempFolder
{
    private string Compressed(string text)
    {
        string source = Path.Combine(Folder, "samples.csv");
        File.WriteAllText(source, text);
        string target = Path.Combine(Folder, "samples.csv.gz");
        GzipFile.Compress(source, target, maxSourceBytes: 1 << 20);
        return target;
    }

    private static string ReadAll(string path, long cap)
    {
        using var reader = new StreamReader(GzipFile.OpenRead(path, cap), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Compress_ThenOpenRead_GivesBackTheSameBytes_AndIsReadableByGzip()
    {
        string text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"switch,task,pingpong,{i},{i * 1.5}\n"));

        string path = Compressed(text);

        Assert.Equal(text, ReadAll(path, cap: 1 << 20));
        Assert.True(new FileInfo(path).Length < text.Length / 4, $"{new FileInfo(path).Length} bytes from {text.Length}");
        using var gzip = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        Assert.Equal(text, gzip.ReadToEnd());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OpenRead_PastTheDecompressedCap_IsRefused_NamingTheFile(bool trailerLies)
    {
        // A bomb in miniature: 1 MB of newlines compresses to about a kilobyte.
        string path = Compressed(new string('\n', 1 << 20));
        Assert.True(new FileInfo(path).Length < 4096);
        if (trailerLies)
        {
            // The length it declares is taken modulo 2³²: a 4 GiB + 100 bytes bomb declares 100. Only counting catches it.
            byte[] bytes = File.ReadAllBytes(path);
            BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 4), 100u);
            File.WriteAllBytes(path, bytes);
        }

        var refused = Assert.Throws<InvalidDataException>(() => ReadAll(path, cap: 64 * 1024));

        Assert.StartsWith(path + (trailerLies ? ": decompresses to more than the 65,536 bytes" : ": its gzip trailer declares 1,048,576 decompressed bytes"),
            refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-gzip")]
    [InlineData("cut-short")]
    [InlineData("cut-short-keeping-its-trailer")]
    [InlineData("flipped-byte")]
    public void OpenRead_OfACorruptFile_IsRefused_NamingTheFile(string how)
    {
        string path = Compressed(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{Math.Sqrt(i)}\n")));
        byte[] bytes = File.ReadAllBytes(path);
        switch (how)
        {
            case "not-gzip": bytes = Encoding.ASCII.GetBytes("metric,model\nswitch,task\n"); break;
            case "cut-short": bytes = bytes[..(bytes.Length / 2)]; break;
            case "cut-short-keeping-its-trailer": bytes = [.. bytes[..(bytes.Length / 2)], .. bytes[^8..]]; break;
            case "flipped-byte": bytes[bytes.Length / 2] ^= 0x5a; break;
            default: throw new ArgumentException(how);
        }
        File.WriteAllBytes(path, bytes);

        var refused = Assert.Throws<InvalidDataException>(() => ReadAll(path, cap: 1 << 20));

        // A file cut in half ends in compressed data, which its trailer's length reads as garbage.
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}: (not a valid gzip file|its gzip trailer declares)", refused.Message);
    }
}
