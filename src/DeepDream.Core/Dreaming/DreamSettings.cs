namespace DeepDream.Dreaming;

/// <summary>
/// Everything that shapes a dream. Defaults give the classic look of Google's 2015 notebook: 4 octaves at scale
/// 1.4, 10 steps each, roll jitter of 32 px, step 1.5 in 0-255 pixel units with the gradient divided by its mean
/// absolute value, detail carried from coarse to fine. Every regulariser is off by default.
/// </summary>
public sealed record DreamSettings
{
    /// <summary>Objective terms; empty means the model's first recommended layer (unless classes are given).</summary>
    public IReadOnlyList<LayerObjective> Layers { get; init; } = [];

    /// <summary>Class indices whose logits to maximise ("dream a cat").</summary>
    public IReadOnlyList<int> Classes { get; init; } = [];

    /// <summary>Longest side the input is shrunk to before dreaming (0: keep its size).</summary>
    public int MaxSide { get; init; }

    public int Octaves { get; init; } = 4;

    public double OctaveScale { get; init; } = 1.4;

    public int Steps { get; init; } = 10;

    /// <summary>Step length in 0-255 pixel units, after the gradient is normalised by its mean absolute value.</summary>
    public float StepSize { get; init; } = 1.5f;

    /// <summary>Step length at the last step of each octave; null keeps <see cref="StepSize"/> throughout.</summary>
    public float? StepSizeEnd { get; init; }

    public StepSchedule Schedule { get; init; } = StepSchedule.Constant;

    /// <summary>Largest random roll (pixels) applied before each step so the dream doesn't lock to the pixel grid.</summary>
    public int Jitter { get; init; } = 32;

    /// <summary>Seed for the jitter and noise; same seed, input and settings give the same output on CPU.</summary>
    public int Seed { get; init; }

    /// <summary>Weight of the total-variation smoothing step, relative to the (normalised) objective step.</summary>
    public float TotalVariation { get; init; }

    /// <summary>Fraction by which each step pulls pixels back towards mid-grey (L2 decay).</summary>
    public float L2Decay { get; init; }

    /// <summary>Gaussian sigmas (pixels) with which the gradient is smoothed; empty for none.</summary>
    public IReadOnlyList<float> GradientBlur { get; init; } = [];

    /// <summary>Only change luminance, so the photo keeps its colours.</summary>
    public bool PreserveColors { get; init; }

    /// <summary>Tile edge (pixels) for computing gradients of large octaves piecewise; 0 picks automatically.</summary>
    public int TileSize { get; init; }

    /// <summary>With <see cref="TileSize"/> 0, octaves above this many pixels are tiled.</summary>
    public long AutoTilePixels { get; init; } = 1_500_000;

    /// <summary>Checks ranges; throws <see cref="DreamSettingsException"/> naming the option.</summary>
    public void Validate()
    {
        if (MaxSide is < 0 or (> 0 and < 8)) throw new DreamSettingsException($"--max-size {MaxSide}: must be at least 8 (or 0 for no limit)");
        if (Octaves is < 1 or > 16) throw new DreamSettingsException($"--octaves {Octaves}: must be between 1 and 16");
        if (!(OctaveScale >= 1.0 && OctaveScale <= 4.0)) throw new DreamSettingsException($"--octave-scale {OctaveScale}: must be between 1 and 4");
        if (Steps is < 0 or > 10_000) throw new DreamSettingsException($"--steps {Steps}: must be between 0 and 10000");
        if (!(StepSize > 0 && StepSize <= 255)) throw new DreamSettingsException($"--step-size {StepSize}: must be above 0 and at most 255");
        if (StepSizeEnd is { } end && !(end >= 0 && end <= 255)) throw new DreamSettingsException($"--step-size-end {end}: must be between 0 and 255");
        if (Jitter is < 0 or > 4096) throw new DreamSettingsException($"--jitter {Jitter}: must be between 0 and 4096");
        if (!(TotalVariation >= 0 && TotalVariation <= 100)) throw new DreamSettingsException($"--tv {TotalVariation}: must be between 0 and 100");
        if (!(L2Decay >= 0 && L2Decay < 1)) throw new DreamSettingsException($"--l2-decay {L2Decay}: must be at least 0 and below 1");
        if (GradientBlur.Any(s => !(s > 0 && s <= 64))) throw new DreamSettingsException($"--blur {string.Join(",", GradientBlur)}: each sigma must be above 0 and at most 64");
        if (TileSize != 0 && TileSize < 64) throw new DreamSettingsException($"--tile-size {TileSize}: must be at least 64 (or auto)");
        if (Classes.Any(c => c < 0)) throw new DreamSettingsException($"--class: class indices must not be negative");
    }

    /// <summary>The objective in a few words, e.g. "mixed4 + mixed3=0.5" or "class 281".</summary>
    public string Describe() =>
        string.Join(" + ", Layers.Select(l => l.ToString()).Concat(Classes.Select(c => $"class {c}")));

    /// <summary>Step size at step <paramref name="step"/> (0-based) of <paramref name="steps"/>.</summary>
    public float StepSizeAt(int step, int steps)
    {
        if (StepSizeEnd is not { } end || steps <= 1 || Schedule == StepSchedule.Constant) return StepSize;
        double t = (double)step / (steps - 1);
        double blend = Schedule == StepSchedule.Linear ? t : (1 - Math.Cos(Math.PI * t)) / 2;
        return (float)(StepSize + (end - StepSize) * blend);
    }
}
