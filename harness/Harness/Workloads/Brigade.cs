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
/// <see cref="BaselineNsPerTransfer"/> is Blandy's baseline: one unit alone writes the byte into each of U+1 links of
/// the same kind and reads it straight back, with no switch; the caller interleaves it sample by sample with the
/// chain's samples, so per-transfer time minus the baseline is the cost of handing control to another unit. Its links
/// sit beside the chain's (each chain link has a unit parked on its read end, so a byte written there would be taken).
/// </remarks>
public sealed class Brigade : IDisposable
{
    private readonly ExecutionModel _model;
    private readonly IByteLink[] _links;
    private readonly IByteLink[] _baselineLinks;
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

    /// <param name="withBaseline">Also create the U+1 links of <see cref="BaselineNsPerTransfer"/>.</param>
    public Brigade(ExecutionModel model, Transport transport, int units, bool withBaseline = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        _model = model;
        Units = units;
        _links = new IByteLink[units + 1];
        _baselineLinks = new IByteLink[withBaseline ? units + 1 : 0];
        _units = new IUnit[units];
        _forwarded = new long[units];
        try
        {
            for (int i = 0; i < _links.Length; i++) _links[i] = model.CreateLink(transport);
            for (int i = 0; i < _baselineLinks.Length; i++) _baselineLinks[i] = model.CreateLink(transport);
        }
        catch
        {
            DisposeLinks();
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
        double elapsedNs = TimedUnit.Run(_model, async () =>
        {
            for (int r = 0; r < rounds; r++) await Round();
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
            DisposeLinks();
        }
        long hops = _forwarded.Sum();
        long expected = (Rounds + 1) * Units;
        return hops == expected
            ? hops
            : throw new InvalidOperationException($"units forwarded {hops} bytes, expected {expected}");
    }

    public void Dispose() => Stop();

    private void DisposeLinks()
    {
        foreach (IByteLink? link in _links.Concat(_baselineLinks)) link?.Dispose();
    }

    /// <summary>
    /// Blandy's baseline for <paramref name="rounds"/> rounds: a single unit writes the byte into each of the U+1
    /// baseline links in turn and reads it back at once, no switch; nanoseconds per transfer, as
    /// <see cref="NsPerTransfer"/> counts them.
    /// </summary>
    public double BaselineNsPerTransfer(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_baselineLinks.Length == 0) throw new InvalidOperationException("this brigade was made without baseline links");
        double elapsedNs = TimedUnit.Run(_model, async () =>
        {
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < _baselineLinks.Length; i++)
                {
                    byte sent = unchecked((byte)(r + i));
                    await _baselineLinks[i].WriteByteAsync(sent);
                    byte back = await _baselineLinks[i].ReadByteAsync();
                    if (back != sent) throw new InvalidOperationException($"baseline read {back}, wrote {sent}");
                }
            }
        });
        return elapsedNs / ((long)_baselineLinks.Length * rounds);
    }
}
