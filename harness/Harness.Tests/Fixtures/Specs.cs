using Harness.Models;
using Harness.Scenarios;

namespace Harness.Tests.Fixtures;

/// <summary>Small scenario specs for tests, one factory per shape, with the sizes a test usually wants.</summary>
internal static class Specs
{
    public static CreationSpec Creation(string model = ModelIds.Task, int units = 10, int samples = 3) =>
        new() { Model = model, Units = units, Samples = samples };

    public static PingPongSpec PingPong(string model = ModelIds.Task, bool pinned = false, int roundTrips = 100, int samples = 3) =>
        new() { Model = model, Pinned = pinned, RoundTrips = roundTrips, Warmup = 1, Samples = samples };

    public static BrigadeSpec Brigade(string model = ModelIds.Thread, Transport transport = Transport.SocketPair, bool pinned = false, int units = 500, int rounds = 20) =>
        new() { Model = model, Transport = transport, Pinned = pinned, Units = units, Rounds = rounds, Warmup = 1, Samples = 3 };

    public static ParkedSpec Parked(string model, int units) => new() { Model = model, Units = units };

    public static StallSpec Stall(string model = ModelIds.Task, string shape = Shapes.Stall, int holdMicroseconds = 1_000, int offenders = 2, int windowMilliseconds = 400) =>
        new()
        {
            Model = model,
            StallShape = shape,
            Block = Harness.Workloads.BlockKind.Sleep,
            HoldMicroseconds = holdMicroseconds,
            Offenders = offenders,
            WindowMilliseconds = windowMilliseconds,
        };
}
