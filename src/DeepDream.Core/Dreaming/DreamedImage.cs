using DeepDream.Imaging;

namespace DeepDream.Dreaming;

/// <summary>A dreamed image with the per-octave report of how the objective rose.</summary>
public sealed record DreamedImage(RgbImage Image, IReadOnlyList<OctaveReport> Octaves)
{
    public double ObjectiveFirst => Octaves.Count > 0 && Octaves[0].Objective.Count > 0 ? Octaves[0].Objective[0] : double.NaN;

    public double ObjectiveLast => Octaves.Count > 0 && Octaves[^1].Objective.Count > 0 ? Octaves[^1].Objective[^1] : double.NaN;
}
