using DeepDream.Imaging;

namespace DeepDream.Dreaming;

/// <summary>A dreamed image with the per-octave report of how the objective rose.</summary>
public sealed record DreamedImage(RgbImage Image, IReadOnlyList<OctaveReport> Octaves)
{
    /// <summary>The objective before the first step; null when no step was taken.</summary>
    public double? ObjectiveFirst => Octaves.Count > 0 && Octaves[0].Objective.Count > 0 ? Octaves[0].Objective[0] : null;

    /// <summary>The objective before the last step; null when no step was taken.</summary>
    public double? ObjectiveLast => Octaves.Count > 0 && Octaves[^1].Objective.Count > 0 ? Octaves[^1].Objective[^1] : null;
}
