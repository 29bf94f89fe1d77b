using System.Text;

namespace Bench;

/// <summary>Passes everything through to another writer and notes whether any visible text went by.</summary>
internal sealed class WrittenTextWatcher(TextWriter inner) : TextWriter
{
    public bool WroteText { get; private set; }

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        WroteText |= !char.IsWhiteSpace(value);
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        WroteText |= !string.IsNullOrWhiteSpace(value);
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        WroteText |= !string.IsNullOrWhiteSpace(new string(buffer, index, count));
        inner.Write(buffer, index, count);
    }

    public override void Flush() => inner.Flush();
}
