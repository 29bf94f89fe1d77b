using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Harness.Commands;

/// <summary>
/// The kinds of option the bench commands take, each with its parser and its one-line refusals: a flag, a whole
/// number in a range, a comma-separated list of known ids, a folder path, a percentage. The refusals name the
/// valid values; <see cref="ParseErrorLine"/> puts the command's name in front.
/// </summary>
public static class OptionKinds
{
    /// <summary>A flag that takes no value: <c>--force true</c> is an unexpected argument, not a spelling of --force.</summary>
    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.Zero,
    };

    /// <summary>A whole number within [min, max], written as digits with an optional minus ("+5" and " 5" are refused as
    /// typos more often than intent); a number too big for any integer is out of range, never an overflow.</summary>
    public static Option<int> WholeNumber(string name, string description, string helpName, int min, int max, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseWholeNumber(result, name, min, max) ?? defaultValue,
    };

    /// <summary>A whole number within [min, max] as <see cref="WholeNumber"/> parses it, or null when the option is not
    /// given (its description says what then happens).</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, string helpName, int min, int max) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseWholeNumber(result, name, min, max),
    };

    /// <summary>The token as a whole number in [min, max], or null with the parse error added.</summary>
    private static int? ParseWholeNumber(ArgumentResult result, string name, int min, int max)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text.StartsWith('+') || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            // Digits too many for a long are still a number: say it is out of range rather than not a number.
            bool digits = text.Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit) && text.TrimStart('-').Length > 0;
            result.AddError(digits
                ? $"{name} must be between {min} and {max}, got {text}"
                : $"{name} must be a whole number between {min} and {max}, got '{text}'");
            return null;
        }
        if (value < min || value > max)
        {
            result.AddError($"{name} must be between {min} and {max}, got {value}");
            return null;
        }
        return (int)value;
    }

    /// <summary>
    /// A comma-separated list whose items must all be in <paramref name="valid"/> and implemented in this build
    /// (<paramref name="available"/>); duplicates removed, order kept. Null when the option is not given.
    /// </summary>
    public static Option<IReadOnlyList<string>?> IdList(string name, string what, IReadOnlyList<string> valid, IReadOnlyList<string> available,
        string description) => new(name)
    {
        Description = $"{description} (comma-separated: {string.Join(",", available)})",
        HelpName = $"{what.ToUpperInvariant()}S",
        CustomParser = result => ParseIdList(result, name, what, valid, available),
    };

    private static List<string>? ParseIdList(ArgumentResult result, string name, string what, IReadOnlyList<string> valid, IReadOnlyList<string> available)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        string? error = null;
        if (items.All(i => i.Length == 0))
            error = $"{name} needs at least one {what}; valid: {string.Join(", ", available)}";
        else if (items.Any(i => i.Length == 0))
            error = $"{name} '{text}' has an empty item; write a comma-separated list such as {string.Join(",", available)}";
        else if (items.FirstOrDefault(i => !valid.Contains(i)) is { } unknown)
            error = $"unknown {what} '{unknown}'{Suggestion.DidYouMean(unknown, available)}; valid {what}s: {string.Join(", ", available)}";
        else if (items.FirstOrDefault(i => !available.Contains(i)) is { } missing)
            error = $"{what} '{missing}' is not implemented in this build yet; available: {string.Join(", ", available)}";
        if (error is null) return items.Distinct(StringComparer.Ordinal).ToList();
        result.AddError(error);
        return null;
    }

    /// <summary>A folder path: an empty or blank one is refused rather than taken as the current folder.</summary>
    public static Option<string?> Folder(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DIR",
        CustomParser = result => NonBlankPath(result, name),
    };

    /// <summary>The value of a path argument or option, refusing an empty or blank one.</summary>
    public static string? NonBlankPath(ArgumentResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        string? text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{what} needs a folder path");
            return null;
        }
        return text;
    }

    /// <summary>"5%", "2.5%" or a bare "5" (meaning percent): more than 0 and at most 100 (a regression threshold above
    /// 100% would excuse a run twice as slow). A fraction such as 0.05 is taken as 0.05%, as written.</summary>
    public static Option<double> Percentage(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "PERCENT",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            string number = text.EndsWith('%') ? text[..^1] : text;
            if (number.Length > 0 && char.IsAsciiDigit(number[0]) && char.IsAsciiDigit(number[^1])
                && double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
                && value > 0 && value <= 100)
                return value;
            result.AddError($"{name} must be a percentage above 0 and at most 100, such as 5% or 5, got '{text}'");
            return defaultValue;
        },
    };
}
