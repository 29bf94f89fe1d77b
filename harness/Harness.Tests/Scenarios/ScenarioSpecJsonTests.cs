using Harness.Models;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Scenarios;

/// <summary>The spec a child receives (peers/PROTOCOL.md): every shape round-trips, and malformed specs are refused.</summary>
public sealed class ScenarioSpecJsonTests
{
    public static TheoryData<ScenarioSpec> EveryShape() =>
    [
        Specs.Creation(units: 2_000),
        Specs.Brigade(transport: Transport.Pipe, pinned: true),
        Specs.Brigade(ModelIds.Green, Transport.Memory),
        Specs.PingPong(ModelIds.Green, pinned: true),
        new YieldSpec { Model = ModelIds.Thread, Units = 200, Yields = 1_000, Samples = 10 },
        Specs.Parked(ModelIds.Thread, 1_000) with { StackBytes = Shapes.SmallStackBytes },
        Specs.Parked(ModelIds.Task, 4_000) with { TouchBytes = ScenarioPlan.TouchBytes },
        Specs.Stall(ModelIds.Green, Shapes.StallDetect, holdMicroseconds: 100_000),
    ];

    [Theory]
    [MemberData(nameof(EveryShape))]
    public void Spec_RoundTripsThroughItsJson(ScenarioSpec spec)
    {
        ScenarioSpec parsed = ScenarioSpecJson.Parse(ScenarioSpecJson.Serialize(spec), ExecutionModels.Available);

        Assert.Equal(spec, parsed);
    }

    [Fact]
    public void Json_IsFlatSnakeCaseAndCarriesTheProtocolVersion() =>
        Assert.Equal(
            """{"protocol":2,"metric":"switch","model":"thread","shape":"brigade-pipe","pinned":false,"warmup":1,"warmup_ms":0,"samples":3,"units":500,"rounds":20}""",
            ScenarioSpecJson.Serialize(Specs.Brigade(transport: Transport.Pipe)));

    private const string Good = """{"protocol":2,"metric":"switch","model":"task","shape":"pingpong","pinned":false,"warmup":0,"warmup_ms":0,"samples":3,"round_trips":10}""";

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("""{"protocol":1}""", "protocol 1 is not supported")]
    [InlineData("""{"protocol":2,"metric":"switch"}""", "missing key 'model'")]
    [InlineData("""{"protocol":"2"}""", "'protocol' must be an integer")]
    [InlineData("""{"protocol":2,"metric":"switch","model":"tokio"}""", "unknown model 'tokio'")]
    [InlineData("""{"protocol":2,"metric":"switch","model":"task","shape":"spawn-join"}""", "unknown shape 'spawn-join'")]
    public void MalformedSpecs_AreRefusedWithTheReason(string json, string reason)
    {
        BadSpecException e = Assert.Throws<BadSpecException>(() => ScenarioSpecJson.Parse(json, ExecutionModels.Available));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"round_trips\":10", "\"round_trips\":0", "outside 1..")]
    [InlineData("\"round_trips\":10", "\"round_trips\":1.5", "must be an integer")]
    [InlineData("\"round_trips\":10", "\"round_trips\":10,\"units\":2", "unknown key(s) for this shape: units")]
    [InlineData("\"pinned\":false", "\"pinned\":0", "must be true or false")]
    [InlineData("\"round_trips\":10", "\"round_trips\":10,\"round_trips\":11", "given twice")]
    public void AFieldOfTheWrongTypeRangeOrShape_IsRefused(string from, string to, string reason)
    {
        BadSpecException e = Assert.Throws<BadSpecException>(() => ScenarioSpecJson.Parse(Good.Replace(from, to, StringComparison.Ordinal), ExecutionModels.Available));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownBlockKind_IsRefusedWithTheValidOnes()
    {
        string stall = ScenarioSpecJson.Serialize(Specs.Stall());
        Assert.Contains("\"block\":\"sleep\"", stall, StringComparison.Ordinal);

        BadSpecException e = Assert.Throws<BadSpecException>(() =>
            ScenarioSpecJson.Parse(stall.Replace("\"block\":\"sleep\"", "\"block\":\"Sleep\"", StringComparison.Ordinal), ExecutionModels.Available));
        Assert.Equal("unknown block kind 'Sleep'; valid: sleep, spin, wait", e.Message);
    }

    [Fact]
    public void TheGoodSpec_Parses() =>
        Assert.Equal(Specs.PingPong(roundTrips: 10) with { Warmup = 0 }, ScenarioSpecJson.Parse(Good, ExecutionModels.Available));
}
