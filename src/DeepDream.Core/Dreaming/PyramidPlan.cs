namespace DeepDream.Dreaming;

/// <summary>
/// The octaves a dream will run (coarsest first; empty when even the image's own size is too small) and the coarse
/// ones left out because they are smaller than <see cref="Minimum"/> (height, width in pixels), the smallest input
/// <see cref="Layers"/> accept; null when that is unknown.
/// </summary>
public sealed record PyramidPlan(
    IReadOnlyList<(int Height, int Width)> Sizes,
    IReadOnlyList<(int Height, int Width)> LeftOut,
    (int Height, int Width)? Minimum,
    IReadOnlyList<string> Layers)
{
    /// <summary>One line saying which octaves are left out and why, or null when none is.</summary>
    public string? LeftOutNote(string networkName) =>
        LeftOut.Count == 0
            ? null
            : $"left out {(LeftOut.Count == 1 ? "the smallest octave" : $"the {LeftOut.Count} smallest octaves")} " +
              $"({string.Join(", ", LeftOut.Select(s => $"{s.Width}x{s.Height}"))}): {Requirement(networkName)}";

    /// <summary>Why no octave can run, for an image of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public string TooSmallMessage(string networkName, int height, int width) =>
        $"the {width}x{height} image is too small: {Requirement(networkName)}; use a larger image or an earlier layer";

    private string Requirement(string networkName) =>
        $"{networkName} needs at least {Minimum?.Width}x{Minimum?.Height} pixels at {string.Join(", ", Layers)}";
}
