using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// Blandy's brigade: U units in a chain of kernel byte links pass one byte along. A driver unit writes the
/// byte into link 0 and reads it back from link U; unit i reads link i and writes link i+1, adding one to
/// the byte, so the driver can check that every unit forwarded it.
/// </summary>
/// <remarks>
/// The units are spawned once and stay parked in their reads between calls to <see cref="RunRounds"/>,
/// so a measurement times only the hand-offs. A round is U+1 transfers (U unit hops plus the driver's
/// write). Shutdown protocol: <see cref="Dispose"/> raises the stop flag and then sends one last byte; each
/// unit reads the flag after receiving a byte (never after forwarding it, when the flag may already be up
/// for the next round), forwards the byte and returns, so every unit ends after exactly one more hop.
/// <see cref="MeasureBaseline"/> does the same write+read pair on one link in one unit, with no switch,
/// so per-transfer time minus the baseline is the cost of handing control to another unit.
/// </remarks>
public sealed class Brigade : IDisposable
{
    private readonly ExecutionModel _model;
    private readonly IByteLink[] _links;
    private readonly IUnit[] _units;
    /// <summary>Hops done by each unit; written only by that unit, read after it is joined.</summary>
    private readonly long[] _forwarded;
    /// <summary>Set by the driver before the stop round's byte; read by each unit right after it receives a byte.</summary>
    private volatile bool _stopping;
    private byte _nextByte;
    private bool _disposed;

    public int Units { get; }

    /// <summary>Rounds completed by the driver so far (warm-up included).</summary>
    public long Rounds { get; private set; }

    public Brigade(ExecutionModel model, Transport transport, int units)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        _model = model;
        Units = units;
        _links = new IByteLink[units + 1];
        _units = new IUnit[units];
        _forwarded = new long[units];
        try
        {
            for (int i = 0; i < _links.Length; i++) _links[i] = model.CreateLink(transport);
        }
        catch
        {
            foreach (IByteLink? link in _links) link?.Dispose();
            throw;
        }
        for (int i = 0; i < units; i++)
        {
            int index = i;
            _units[i] = model.Spawn(() => Forward(index));
        }
    }

    private async ValueTask Forward(int index)
    {
        IByteLink input = _links[index], output = _links[index + 1];
        while (true)
        {
            byte b = await input.ReadByteAsync();
            // Read after the byte arrived: the driver raises the flag before it writes the stop round's
            // byte and after every earlier byte came back, so it is set exactly for the stop round.
            bool last = _stopping;
            await output.WriteByteAsync(unchecked((byte)(b + 1)));
            _forwarded[index]++;
            if (last) return;
        }
    }

    /// <summary>Drives <paramref name="rounds"/> rounds from a fresh driver unit; returns the elapsed nanoseconds.</summary>
    public double RunRounds(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        double elapsedNs = 0;
        _model.RunToCompletion(async () =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < rounds; r++) await Round();
            elapsedNs = CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - start);
        });
        Rounds += rounds;
        return elapsedNs;
    }

    /// <summary>Nanoseconds per transfer for <paramref name="rounds"/> rounds.</summary>
    public double NsPerTransfer(int rounds) => RunRounds(rounds) / ((long)(Units + 1) * rounds);

    private async ValueTask Round()
    {
        byte sent = _nextByte++;
        await _links[0].WriteByteAsync(sent);
        byte back = await _links[Units].ReadByteAsync();
        byte expected = unchecked((byte)(sent + Units));
        if (back != expected)
            throw new InvalidOperationException($"the byte came back as {back}, expected {expected}: a unit skipped a hop");
    }

    /// <summary>Stops and joins every unit; returns the hops they made in all (rounds x units, plus the final stop round).</summary>
    public long Stop()
    {
        if (_disposed) return _forwarded.Sum();
        _disposed = true;
        try
        {
            _stopping = true;
            _model.RunToCompletion(Round);
            foreach (IUnit unit in _units) unit.Join();
        }
        finally
        {
            foreach (IByteLink link in _links) link.Dispose();
        }
        long hops = _forwarded.Sum();
        long expected = (Rounds + 1) * Units;
        return hops == expected
            ? hops
            : throw new InvalidOperationException($"units forwarded {hops} bytes, expected {expected}");
    }

    public void Dispose() => Stop();

    /// <summary>Nanoseconds for one write+read pair on one link by a single unit: the I/O with no switch.</summary>
    public static double MeasureBaseline(ExecutionModel model, Transport transport, int operations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(operations);
        using IByteLink link = model.CreateLink(transport);
        double elapsedNs = 0;
        model.RunToCompletion(async () =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < operations; i++)
            {
                byte sent = unchecked((byte)i);
                await link.WriteByteAsync(sent);
                byte back = await link.ReadByteAsync();
                if (back != sent) throw new InvalidOperationException($"baseline read {back}, wrote {sent}");
            }
            elapsedNs = CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - start);
        });
        return elapsedNs / operations;
    }
}
