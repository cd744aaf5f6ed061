namespace DeepDream.Pipeline;

/// <summary>
/// The sizes one dream runs at, planned once before it starts and published (<see cref="DreamPlanned"/>) so that a
/// display can weigh the octaves: the image's size after <see cref="Dreaming.DreamSettings.MaxSide"/>, and each
/// octave's size from coarsest to finest (the finest is the image's).
/// </summary>
/// <param name="Height">Height in pixels the image is dreamed at.</param>
/// <param name="Width">Width in pixels the image is dreamed at.</param>
/// <param name="Octaves">Octave sizes, coarsest first; at least one.</param>
/// <param name="StepsPerOctave">Gradient steps in each octave.</param>
/// <param name="LeftOutNote">
/// One line saying which coarse octaves were left out because they are smaller than the layers accept; null when
/// none was.
/// </param>
public sealed record DreamPlan(int Height, int Width, IReadOnlyList<(int Height, int Width)> Octaves, int StepsPerOctave,
    string? LeftOutNote = null)
{
    /// <summary>
    /// The share of the dream's work done after <paramref name="step"/> steps of octave <paramref name="octave"/>
    /// (both from 1), 0-1. A step costs about its octave's pixel count, so the last octave weighs most.
    /// </summary>
    public double FractionDone(int octave, int step)
    {
        double total = Octaves.Sum(size => (double)size.Height * size.Width);
        if (total == 0 || StepsPerOctave == 0) return octave >= Octaves.Count ? 1 : 0;
        double done = Octaves.Take(octave - 1).Sum(size => (double)size.Height * size.Width)
            + (double)Octaves[octave - 1].Height * Octaves[octave - 1].Width * step / StepsPerOctave;
        return done / total;
    }
}
