using System.Globalization;

namespace Harness.Cli;

/// <summary>
/// Walks a command's arguments: <c>--name value</c>, <c>--name=value</c> and flags, with one-line
/// <see cref="UsageException"/>s that name the valid choices.
/// </summary>
public sealed class ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlyList<string> validOptions)
{
    private int _next;

    /// <summary>Advances to the next option and returns its name (with the leading dashes), or null at the end.</summary>
    public string? NextOption()
    {
        if (_next >= args.Count) return null;
        string arg = args[_next++];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{command}: unexpected argument '{arg}'; valid options: {string.Join(", ", validOptions)}");
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? arg : arg[..eq];
        if (!validOptions.Contains(name))
            throw new UsageException($"{command}: unknown option '{name}'; valid options: {string.Join(", ", validOptions)}");
        _pendingValue = eq < 0 ? null : arg[(eq + 1)..];
        return name;
    }

    private string? _pendingValue;

    /// <summary>The value of the option just read.</summary>
    public string Value(string option)
    {
        if (_pendingValue is not null)
        {
            string inline = _pendingValue;
            _pendingValue = null;
            return inline;
        }
        if (_next >= args.Count || args[_next].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{command}: option {option} needs a value");
        return args[_next++];
    }

    /// <summary>The option's value as an integer within [min, max].</summary>
    public int IntValue(string option, int min, int max)
    {
        string text = Value(option);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            throw new UsageException($"{command}: {option} must be a whole number between {min} and {max}, got '{text}'");
        if (value < min || value > max)
            throw new UsageException($"{command}: {option} must be between {min} and {max}, got {value}");
        return (int)value;
    }

    /// <summary>A comma-separated list whose items must all be in <paramref name="valid"/>; duplicates removed, order kept.</summary>
    public IReadOnlyList<string> ListValue(string option, string what, IReadOnlyList<string> valid, IReadOnlyList<string> available)
    {
        string text = Value(option);
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.All(i => i.Length == 0))
            throw new UsageException($"{command}: {option} needs at least one {what}; valid: {string.Join(", ", available)}");
        if (items.Any(i => i.Length == 0))
            throw new UsageException($"{command}: {option} '{text}' has an empty item; write a comma-separated list such as {string.Join(",", available)}");
        foreach (string item in items)
        {
            if (!valid.Contains(item))
                throw new UsageException($"{command}: unknown {what} '{item}'; valid {what}s: {string.Join(", ", available)}");
            if (!available.Contains(item))
                throw new UsageException($"{command}: {what} '{item}' is not implemented in this build yet; available: {string.Join(", ", available)}");
        }
        return items.Distinct(StringComparer.Ordinal).ToList();
    }
}
