using CsvHelper;

namespace Harness.Storage;

/// <summary>
/// A double column of results.csv where "not measured" (NaN) is an empty field rather than "NaN": most rows leave most
/// counters and intervals out, and the three letters were a seventh of the file. Reads both, so results format 2 files
/// (which wrote "NaN") read the same.
/// </summary>
public sealed class MissingAsEmpty : ICsvConverter<double>
{
    public double Read(CsvReader reader, int index) => reader.IsEmpty(index) ? double.NaN : reader.Parse<double>(index);

    public void Write(CsvWriter writer, double value)
    {
        if (double.IsNaN(value)) writer.WriteField("");
        else writer.WriteField(value, default);
    }
}
