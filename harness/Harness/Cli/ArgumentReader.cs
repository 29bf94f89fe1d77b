using System.Globalization;

namespace Harness.Cli;

/// <summary>
/// The hidden scenario command's argument reader (the commands people type are System.CommandLine's, in Commands/;
/// this goes when the child takes its spec as JSON). Walks the arguments: <c>--name value</c>, <c>--name=value</c>, flags and up to
/// <paramref name="maxPositionals"/> plain arguments (kept in <see cref="Positionals"/>), with one-line
/// <see cref="UsageException"/>s that name the valid choices. An option given twice is refused: which one
/// should win is a guess the user did not ask for.
/// </summary>
public sealed class ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlyList<string> validOptions,
    int maxPositionals = 0, string? usage = null)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];
    private int _next;
    private string? _pendingValue;

    /// <summary>The plain (non-option) arguments read so far, in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Advances to the next option and returns its name (with the leading dashes), or null at the end;
    /// plain arguments on the way are collected into <see cref="Positionals"/>.</summary>
    public string? NextOption()
    {
        while (_next < args.Count && !args[_next].StartsWith("--", StringComparison.Ordinal))
        {
            string arg = args[_next++];
            if (_positionals.Count == maxPositionals)
                throw new UsageException(usage is not null
                    ? $"{command}: unexpected argument '{arg}'; usage: {usage}"
                    : $"{command}: unexpected argument '{arg}'; valid options: {string.Join(", ", validOptions)}");
            _positionals.Add(arg);
        }
        if (_next >= args.Count) return null;
        string option = args[_next++];
        int eq = option.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? option : option[..eq];
        if (!validOptions.Contains(name))
            throw new UsageException($"{command}: unknown option '{name}'; valid options: {string.Join(", ", validOptions)}");
        if (!_seen.Add(name))
            throw new UsageException($"{command}: option {name} is given more than once; give it once");
        _pendingValue = eq < 0 ? null : option[(eq + 1)..];
        return name;
    }

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
        // Digits with an optional minus only (AllowLeadingSign admits no white space; a '+' is refused here): " 5" or
        // "+5" are typos more often than intent.
        if (text.StartsWith('+') || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw new UsageException($"{command}: {option} must be a whole number between {min} and {max}, got '{text}'");
        if (value < min || value > max)
            throw new UsageException($"{command}: {option} must be between {min} and {max}, got {value}");
        return (int)value;
    }
}
