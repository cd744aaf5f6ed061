namespace DeepDream.Import.Graph;

/// <summary>Finds the layer names closest to a mistyped one, for the "unknown layer" message.</summary>
internal static class LayerNameSuggestions
{
    /// <summary>
    /// The <paramref name="count"/> candidates with the smallest edit distance to <paramref name="wanted"/>,
    /// less the length of the prefix they share (so "mixed4" suggests "mixed4/concat" as readily as "mixed5").
    /// Case is ignored; ties keep the candidates' order.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string wanted, IEnumerable<string> candidates, int count)
    {
        string target = wanted.ToLowerInvariant();
        return
        [
            .. candidates
                .Distinct()
                .Select(name => (Name: name, Score: Score(target, name.ToLowerInvariant())))
                .OrderBy(candidate => candidate.Score)
                .Take(count)
                .Select(candidate => candidate.Name),
        ];
    }

    private static int Score(string target, string candidate) =>
        EditDistance(target, candidate) - CommonPrefixLength(target, candidate);

    private static int CommonPrefixLength(string a, string b)
    {
        int length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length]) length++;
        return length;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
