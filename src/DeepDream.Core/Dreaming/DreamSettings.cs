namespace DeepDream.Dreaming;

/// <summary>
/// Everything that shapes a dream. Defaults give the classic look of Google's 2015 notebook: 4 octaves at scale
/// 1.4, 10 steps each, roll jitter of 32 px, step 1.5 in 0-255 pixel units with the gradient divided by its mean
/// absolute value, detail carried from coarse to fine.
/// </summary>
public sealed record DreamSettings
{
    /// <summary>Objective terms; empty means the model's first recommended layer.</summary>
    public IReadOnlyList<LayerObjective> Layers { get; init; } = [];

    public int Octaves { get; init; } = 4;

    public double OctaveScale { get; init; } = 1.4;

    public int Steps { get; init; } = 10;

    /// <summary>Step length in 0-255 pixel units, after the gradient is normalised by its mean absolute value.</summary>
    public float StepSize { get; init; } = 1.5f;

    /// <summary>Largest random roll (pixels) applied before each step so the dream doesn't lock to the pixel grid.</summary>
    public int Jitter { get; init; } = 32;

    /// <summary>Seed for the jitter; same seed, input and settings give the same output on CPU.</summary>
    public int Seed { get; init; }

    /// <summary>Checks ranges; throws <see cref="DreamSettingsException"/> naming the option.</summary>
    public void Validate()
    {
        if (Octaves is < 1 or > 16) throw new DreamSettingsException($"--octaves {Octaves}: must be between 1 and 16");
        if (!(OctaveScale >= 1.0 && OctaveScale <= 4.0)) throw new DreamSettingsException($"--octave-scale {OctaveScale}: must be between 1 and 4");
        if (Steps is < 0 or > 10_000) throw new DreamSettingsException($"--steps {Steps}: must be between 0 and 10000");
        if (!(StepSize > 0 && StepSize <= 255)) throw new DreamSettingsException($"--step-size {StepSize}: must be above 0 and at most 255");
        if (Jitter is < 0 or > 4096) throw new DreamSettingsException($"--jitter {Jitter}: must be between 0 and 4096");
    }
}
