namespace DeepDream.Bench;

/// <summary>Summary figures of repeated measurements.</summary>
internal static class Statistics
{
    /// <summary>The median; NaN for no values.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
