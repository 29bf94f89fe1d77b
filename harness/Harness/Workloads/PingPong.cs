using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// In-memory ping-pong: two units hand a token back and forth over two handoffs; each receive finds its
/// mailbox empty and suspends, so every token crossing is one switch from one unit to the other.
/// </summary>
/// <remarks>
/// The pong unit is spawned once and answers until it receives <see cref="StopToken"/>. Each call to
/// <see cref="Exchange"/> runs a fresh ping unit that sends the next tokens 0, 1, 2, ... of one running
/// sequence; pong checks it receives them in order and ping checks it gets each one back.
/// </remarks>
public sealed class PingPong : IDisposable
{
    private const int StopToken = -1;

    private readonly ExecutionModel _model;
    private readonly IHandoff _toPong;
    private readonly IHandoff _toPing;
    private readonly IUnit _pong;
    private int _nextToken;
    /// <summary>Tokens received by each side; each written only by its own unit, read after joins.</summary>
    private long _pingReceived, _pongReceived;
    private bool _stopped;

    public PingPong(ExecutionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _toPong = model.CreateHandoff();
        _toPing = model.CreateHandoff();
        _pong = model.Spawn(Answer);
    }

    /// <summary>Tokens that have crossed in either direction, each one a switch.</summary>
    public long Switches => _pingReceived + _pongReceived;

    private async ValueTask Answer()
    {
        int expected = 0;
        while (true)
        {
            int token = await _toPong.ReceiveAsync();
            if (token == StopToken) return;
            if (token != expected) throw new InvalidOperationException($"pong received token {token}, expected {expected}");
            expected++;
            _pongReceived++;
            _toPing.Send(token);
        }
    }

    /// <summary>Runs <paramref name="exchanges"/> round trips from a fresh ping unit; returns the elapsed nanoseconds.</summary>
    public double Exchange(int exchanges) => Exchange(exchanges, roundTrips: null);

    /// <summary>
    /// Runs <paramref name="exchanges"/> round trips from a fresh ping unit and returns each one's nanoseconds, from just
    /// before ping sends the token to just after it has it back. A separate pass from <see cref="Exchange(int)"/>: the
    /// two clock reads per trip would otherwise weigh on the per-switch samples.
    /// </summary>
    public double[] TimeEachRoundTrip(int exchanges)
    {
        var roundTrips = new double[exchanges];
        Exchange(exchanges, roundTrips);
        return roundTrips;
    }

    private double Exchange(int exchanges, double[]? roundTrips)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exchanges);
        ObjectDisposedException.ThrowIf(_stopped, this);
        return TimedUnit.Run(_model, async () =>
        {
            for (int i = 0; i < exchanges; i++)
            {
                long start = roundTrips is null ? 0 : Stopwatch.GetTimestamp();
                int sent = _nextToken++;
                _toPong.Send(sent);
                int back = await _toPing.ReceiveAsync();
                if (roundTrips is not null) roundTrips[i] = CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - start);
                if (back != sent) throw new InvalidOperationException($"ping got token {back} back, sent {sent}");
                _pingReceived++;
            }
        });
    }

    /// <summary>Nanoseconds per switch over <paramref name="exchanges"/> round trips (two switches each).</summary>
    public double NsPerSwitch(int exchanges) => Exchange(exchanges) / (2.0 * exchanges);

    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            _toPong.Send(StopToken);
            _pong.Join();
        }
        finally
        {
            _toPong.Dispose();
            _toPing.Dispose();
        }
    }
}
