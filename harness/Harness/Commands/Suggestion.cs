namespace Harness.Commands;

/// <summary>"did you mean --quick?": the known name closest to a typo, by edit distance.</summary>
public static class Suggestion
{
    /// <summary>Two edits: catches a swapped, missing or extra letter without proposing an unrelated name.</summary>
    private const int MaxDistance = 2;

    /// <summary>"; did you mean X?" for the candidate within two edits of <paramref name="typed"/> (leading dashes and case
    /// ignored), or "" when none is that close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string bare = typed.TrimStart('-');
        var best = candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(bare, candidate.TrimStart('-'))))
            .Where(c => c.Distance <= MaxDistance)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $"; did you mean {best.Candidate}?";
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
