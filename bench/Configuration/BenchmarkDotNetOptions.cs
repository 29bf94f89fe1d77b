using System.Reflection;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using Harness;
using Harness.Commands;

namespace Bench.Configuration;

/// <summary>
/// Checks arguments meant for BenchmarkDotNet before it sees them: BenchmarkDotNet answers an unknown option with
/// its whole help text (some 240 lines) and then "no benchmark matched", which hides a simple typo.
/// </summary>
public static class BenchmarkDotNetOptions
{
    /// <summary>BenchmarkDotNet's own option names, read from its command-line definition so they cannot drift.</summary>
    private static readonly Lazy<(HashSet<string> Long, HashSet<char> Short)> s_names = new(() =>
    {
        var longNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "help", "version" };
        var shortNames = new HashSet<char> { 'h', '?' };
        foreach (PropertyInfo property in typeof(CommandLineOptions).GetProperties())
        {
            foreach (object attribute in property.GetCustomAttributes(inherit: false))
            {
                Type type = attribute.GetType();
                if (type.Name != "OptionAttribute") continue;
                if (type.GetProperty("LongName")?.GetValue(attribute) is string name && name.Length > 0) longNames.Add(name);
                if (type.GetProperty("ShortName")?.GetValue(attribute) is string letter && letter.Length == 1) shortNames.Add(letter[0]);
            }
        }
        return (longNames, shortNames);
    });

    /// <summary>Throws a one-line <see cref="UsageException"/> for the first option neither BenchmarkDotNet nor the table knows.</summary>
    public static void Validate(IEnumerable<string> args, IReadOnlyList<string> tableOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(tableOptions);
        (HashSet<string> longNames, HashSet<char> shortNames) = s_names.Value;
        foreach (string arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg[2..].Split('=', 2)[0];
                if (longNames.Contains(name)) continue;
                throw new UsageException($"unknown option '{arg}'{Suggestion.DidYouMean(name, longNames.Select(n => "--" + n).Concat(tableOptions))}; table options: "
                    + $"{string.Join(", ", tableOptions)}; BenchmarkDotNet options: see --help");
            }
            if (arg.Length == 2 && arg[0] == '-' && char.IsLetter(arg[1]) && !shortNames.Contains(arg[1]))
                throw new UsageException($"unknown option '{arg}'; BenchmarkDotNet options: see --help");
        }
        string[] all = args as string[] ?? args.ToArray();
        ThrowIfBenchmarkDotNetRefuses(all);
        ThrowIfCountIsBelowItsMinimum(all);
    }

    /// <summary>BenchmarkDotNet's counts and their least sensible value: it accepts `--iterationCount 0` and then runs
    /// benchmarks that measure nothing.</summary>
    private static readonly Dictionary<string, int> s_countMinimums = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iterationCount"] = 1,
        ["minIterationCount"] = 1,
        ["maxIterationCount"] = 1,
        ["invocationCount"] = 1,
        ["unrollFactor"] = 1,
        ["launchCount"] = 1,
        ["warmupCount"] = 0,
        ["minWarmupCount"] = 0,
        ["maxWarmupCount"] = 0,
    };

    private static void ThrowIfCountIsBelowItsMinimum(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            string[] parts = args[i][2..].Split('=', 2);
            if (!s_countMinimums.TryGetValue(parts[0], out int minimum)) continue;
            string? text = parts.Length == 2 ? parts[1] : i + 1 < args.Length ? args[i + 1] : null;
            if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out int value) && value < minimum)
                throw new UsageException($"--{parts[0]} must be at least {minimum}, got {value}");
        }
    }

    /// <summary>
    /// Known options can still be refused by BenchmarkDotNet (no value, a value of the wrong format, an option given
    /// twice). It would print its help and then find no benchmark; its parser is run here first, silently, and its
    /// first error becomes the one line.
    /// </summary>
    private static void ThrowIfBenchmarkDotNetRefuses(string[] args)
    {
        if (args.Any(arg => arg is "--help" or "-h" or "-?" or "--version")) return;
        var log = new AccumulationLogger();
        (bool parsed, _, _) = ConfigParser.Parse(args, log);
        if (parsed) return;
        string[] lines = log.GetLog().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int errors = Array.FindIndex(lines, line => line.StartsWith("ERROR", StringComparison.Ordinal));
        string reason = errors >= 0 && errors + 1 < lines.Length ? lines[errors + 1]
            : lines.FirstOrDefault(line => !line.StartsWith("BenchmarkDotNet", StringComparison.Ordinal)) ?? "invalid arguments";
        throw new UsageException($"BenchmarkDotNet refused the arguments: {reason} (see --help)");
    }
}
