using System.Diagnostics.CodeAnalysis;
using CsvHelper;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// What a row of results.csv or samples.csv is about, field by field: the metric, model, shape, transport and pinning
/// of its scenario, the quantity measured, and for stall the offenders' block kind, hold and count; for memory the N
/// of its reading. Readers select rows by these fields (see <see cref="RowSelector"/>), never by parsing a name.
/// </summary>
public record ResultIdentity
{
    public ResultIdentity()
    {
    }

    /// <summary>The identity of a spec's quantity (<paramref name="quantity"/> empty for the scenario as a whole).</summary>
    [SetsRequiredMembers]
    public ResultIdentity(ScenarioSpec spec, string quantity = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        Metric = spec.Metric;
        Model = spec.Model;
        Shape = spec.Shape;
        Transport = spec is BrigadeSpec brigade ? TransportName(brigade.Transport) : "";
        Pinning = spec.Pinned ? Pinned : Unpinned;
        Quantity = quantity;
        Block = (spec as StallSpec)?.Block.Id() ?? "";
        HoldMicroseconds = (spec as StallSpec)?.HoldMicroseconds ?? 0;
        Offenders = (spec as StallSpec)?.Offenders ?? 0;
        Units = (spec as ParkedSpec)?.Units ?? 0;
    }

    /// <summary>The identity alone, without the fields of the row that carries it (comparable with ==).</summary>
    public ResultIdentity Identity => new(this);

    /// <summary>A transport as results.csv names it: socketpair, pipe, memory.</summary>
    public static string TransportName(Models.Transport transport) => transport.ToString().ToLowerInvariant();

    [CsvColumn("metric")] public required string Metric { get; init; }
    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("shape")] public string Shape { get; init; } = "";
    /// <summary>Brigade shapes: socketpair, pipe or memory; empty for the others.</summary>
    [CsvColumn("transport")] public string Transport { get; init; } = "";
    /// <summary>pinned (one CPU, taskset) or unpinned.</summary>
    [CsvColumn("pinning")] public string Pinning { get; init; } = "";
    /// <summary>The quantity (see <see cref="Scenarios.Quantities"/>); empty on a failed scenario's row.</summary>
    [CsvColumn("quantity")] public string Quantity { get; init; } = "";
    /// <summary>Stall: sleep, spin or wait; empty for other metrics.</summary>
    [CsvColumn("block")] public string Block { get; init; } = "";
    /// <summary>Stall: how long each offender hold lasted, in µs; 0 for other metrics.</summary>
    [CsvColumn("hold_us")] public int HoldMicroseconds { get; init; }
    /// <summary>Stall: how many offender units (a count); 0 for other metrics.</summary>
    [CsvColumn("offenders")] public int Offenders { get; init; }
    /// <summary>Memory: N, the units alive at the reading; 0 for other metrics and for derived slopes.</summary>
    [CsvColumn("units")] public int Units { get; init; }

    public const string Pinned = "pinned";
    public const string Unpinned = "unpinned";

    /// <summary>The scenario part of the identity, as one readable key (<c>switch/task/pingpong/unpinned</c>), for
    /// messages and tables; never parsed back.</summary>
    public string ScenarioKey => string.Join('/', new[]
    {
        Metric, Model, Shape, Transport, Pinning, Block,
        HoldMicroseconds > 0 ? $"{HoldMicroseconds}us" : "", Offenders > 0 ? $"x{Offenders}" : "", Units > 0 ? $"N={Units}" : "",
    }.Where(part => part.Length > 0));

    /// <summary>The whole identity as one readable key: the scenario and the quantity.</summary>
    public string Key => Quantity.Length > 0 ? $"{ScenarioKey}/{Quantity}" : ScenarioKey;

    /// <summary>Whether two rows come from the same scenario (memory: the same sweep, any N).</summary>
    public bool SameScenario(ResultIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Metric == other.Metric && Model == other.Model && Shape == other.Shape && Transport == other.Transport
            && Pinning == other.Pinning && Block == other.Block && HoldMicroseconds == other.HoldMicroseconds && Offenders == other.Offenders;
    }
}
