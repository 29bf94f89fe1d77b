namespace Harness.Tests.Fixtures;

/// <summary>Assertions on rendered text.</summary>
internal static class Text
{
    /// <summary>Asserts that <paramref name="text"/> holds every one of <paramref name="parts"/>, in any order.</summary>
    public static void ContainsAll(string text, params string[] parts)
    {
        foreach (string part in parts) Assert.Contains(part, text, StringComparison.Ordinal);
    }
}
