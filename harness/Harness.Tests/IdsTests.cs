namespace Harness.Tests;

/// <summary>An identity enum's ids: kebab-cased member names unless an attribute says otherwise, parsed back exactly.</summary>
public sealed class IdsTests
{
    public enum Sample
    {
        SpawnJoin,
        [Id("brigade-mem")] BrigadeMemory,
        CThread,
        Go,
    }

    [Fact]
    public void AMembersId_IsItsNameInKebabCase_UnlessTheAttributeGivesIt() =>
        Assert.Equal(["spawn-join", "brigade-mem", "c-thread", "go"], Ids.All<Sample>());

    [Theory]
    [InlineData(Sample.SpawnJoin)]
    [InlineData(Sample.BrigadeMemory)]
    [InlineData(Sample.CThread)]
    [InlineData(Sample.Go)]
    public void EveryMember_RoundTripsThroughItsId(Sample member) =>
        Assert.Equal(member, Ids.Parse<Sample>(member.Id()));

    [Theory]
    [InlineData("brigade-memory")]
    [InlineData("SpawnJoin")]
    [InlineData("Go")]
    [InlineData("")]
    public void AnythingButAnId_IsRefusedNamingTheKindAndTheValidIds(string id)
    {
        Assert.False(Ids.TryParse(id, out Sample _));
        var e = Assert.Throws<ArgumentException>(() => Ids.Parse<Sample>(id));
        Assert.StartsWith($"unknown sample '{id}'; valid: spawn-join, brigade-mem, c-thread, go", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatIsNoMember_HasNoId() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Sample)42).Id());
}
