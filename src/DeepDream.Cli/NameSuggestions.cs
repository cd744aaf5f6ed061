namespace DeepDream.Cli;

/// <summary>The names closest to a mistyped one, for "did you mean" hints on options and commands.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// Candidates within a few typing mistakes of <paramref name="typed"/> (insertions, deletions, substitutions and
    /// swapped neighbours, about one per three characters), or that start with it; closest first. Case is ignored.
    /// </summary>
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> candidates)
    {
        string bare = typed.TrimStart('-').ToLowerInvariant();
        int allowed = Math.Max(1, bare.Length / 3);
        return candidates
            .Distinct()
            .Select(name => (Name: name, Bare: name.TrimStart('-').ToLowerInvariant()))
            .Select(c => (c.Name, Distance: bare.Length >= 3 && c.Bare.StartsWith(bare, StringComparison.Ordinal) ? 0 : Distance(bare, c.Bare)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .Take(3)
            .ToList();
    }

    /// <summary>" Did you mean --a or --b?" for the suggestions, or "" when there are none.</summary>
    public static string Hint(IReadOnlyList<string> suggestions) => suggestions.Count switch
    {
        0 => "",
        1 => $"; did you mean {suggestions[0]}?",
        _ => $"; did you mean {string.Join(", ", suggestions.Take(suggestions.Count - 1))} or {suggestions[^1]}?",
    };

    /// <summary>Optimal string alignment distance: edits, counting a swap of neighbouring letters as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
