using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;
using DeepDream.Dreaming.Parameterizations;

namespace DeepDream.Dreaming;

/// <summary>
/// Everything that shapes a dream. Defaults give the classic look of Google's 2015 notebook: 4 octaves at scale
/// 1.4, 10 steps each, roll jitter of 32 px, step 1.5 in 0-255 pixel units with the gradient divided by its mean
/// absolute value, detail carried from coarse to fine. Every regulariser is off by default.
/// Each value is checked as it is set: an out-of-range one throws <see cref="DreamSettingsException"/> naming the
/// property, so a settings object that exists is a valid one.
/// </summary>
public sealed record DreamSettings
{
    /// <summary>Objective terms; empty means the model's first recommended layer (unless classes are given).</summary>
    public IReadOnlyList<LayerObjective> Layers { get; init; } = [];

    /// <summary>Class indices (0 or more) whose logits to maximise ("dream a cat").</summary>
    public IReadOnlyList<int> Classes
    {
        get;
        init => field = value.FirstOrDefault(c => c < 0, 0) is var bad and < 0
            ? throw Invalid(nameof(Classes), bad, "class indices must not be negative")
            : value;
    } = [];

    /// <summary>
    /// Class labels whose logits to maximise, matched against the network's labels (exactly, else by prefix, ignoring
    /// case) when a <see cref="Pipeline.DreamPipeline"/> is built, which moves them into <see cref="Classes"/>.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> ClassLabels { get; init; } = [];

    /// <summary>Longest side in pixels the input is shrunk to before dreaming: 0 keeps its size, else at least 8.</summary>
    public int MaxSide
    {
        get;
        init => field = value is 0 or >= 8 ? value : throw Invalid(nameof(MaxSide), value, "must be at least 8 (or 0 for no limit)");
    }

    /// <summary>Image pyramid levels, 1-16.</summary>
    public int Octaves
    {
        get;
        init => field = Between(value, 1, 16, nameof(Octaves));
    } = 4;

    /// <summary>Size ratio between neighbouring octaves, 1-4.</summary>
    public double OctaveScale
    {
        get;
        init => field = Between(value, 1, 4, nameof(OctaveScale));
    } = 1.4;

    /// <summary>Gradient steps per octave, 0-10000.</summary>
    public int Steps
    {
        get;
        init => field = Between(value, 0, 10_000, nameof(Steps));
    } = 10;

    /// <summary>
    /// Step length in 0-255 pixel units (above 0, at most 255), after the gradient is normalised by its mean
    /// absolute value.
    /// </summary>
    public float StepSize
    {
        get;
        init => field = value is > 0 and <= 255 ? value : throw Invalid(nameof(StepSize), value, "must be above 0 and at most 255");
    } = 1.5f;

    /// <summary>Step length (0-255) at the last step of each octave; null keeps <see cref="StepSize"/> throughout.</summary>
    public float? StepSizeEnd
    {
        get;
        init => field = value is { } end ? Between(end, 0, 255, nameof(StepSizeEnd)) : null;
    }

    public StepSchedule Schedule { get; init; } = StepSchedule.Constant;

    /// <summary>Largest random roll in pixels (0-4096) applied before each step so the dream doesn't lock to the pixel grid.</summary>
    public int Jitter
    {
        get;
        init => field = Between(value, 0, 4096, nameof(Jitter));
    } = 32;

    /// <summary>Seed for the jitter and noise; same seed, input and settings give the same output on CPU.</summary>
    public int Seed { get; init; }

    /// <summary>Weight (0-100) of the total-variation smoothing step, relative to the (normalised) objective step.</summary>
    public float TotalVariation
    {
        get;
        init => field = Between(value, 0, 100, nameof(TotalVariation));
    }

    /// <summary>Fraction (at least 0, below 1) by which each step pulls pixels back towards mid-grey (L2 decay).</summary>
    public float L2Decay
    {
        get;
        init => field = value is >= 0 and < 1 ? value : throw Invalid(nameof(L2Decay), value, "must be at least 0 and below 1");
    }

    /// <summary>Gaussian sigmas in pixels (each above 0, at most 64) with which the gradient is smoothed; empty for none.</summary>
    public IReadOnlyList<float> GradientBlur
    {
        get;
        init => field = value.All(sigma => sigma is > 0 and <= 64)
            ? value
            : throw new DreamSettingsException(nameof(GradientBlur), string.Join(",", value.Select(Invariant)), "each sigma must be above 0 and at most 64");
    } = [];

    /// <summary>Only change luminance, so the photo keeps its colours.</summary>
    public bool PreserveColors { get; init; }

    /// <summary>
    /// The coordinates each step is taken in: <see cref="Parameterization.Pixel"/> (the classic step), or Lucid's
    /// <see cref="Parameterization.Fourier"/> (1/f-scaled spectrum) or <see cref="Parameterization.Laplacian"/> pyramid.
    /// </summary>
    public Parameterization Parameterization
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Invalid(nameof(Parameterization), value, "must be pixel, fourier or laplacian");
    }

    /// <summary>Take steps in decorrelated colour (ImageNet's colour correlation; see <see cref="ColorDecorrelation"/>).</summary>
    public bool DecorrelateColors { get; init; }

    /// <summary>
    /// Largest random change of scale (0-0.5) with which the network sees the image at each step: 0.1 shows it at
    /// 90-110% (transformation robustness; 0 for none).
    /// </summary>
    public float RandomScale
    {
        get;
        init => field = Between(value, 0, 0.5f, nameof(RandomScale));
    }

    /// <summary>Largest random rotation in degrees (0-45) with which the network sees the image at each step.</summary>
    public float RandomRotation
    {
        get;
        init => field = Between(value, 0, 45, nameof(RandomRotation));
    }

    /// <summary>
    /// When several images are dreamed together, how strongly (0-100, 0 for not at all) they are pushed apart: the
    /// weight of their mean pairwise similarity at the first layer term, relative to the objective's value (an
    /// objective of classes only has no layer to compare them at).
    /// </summary>
    public float Diversity
    {
        get;
        init => field = Between(value, 0, 100, nameof(Diversity));
    }

    /// <summary>Tile edge in pixels (at least 64) for computing gradients of large octaves piecewise; 0 picks automatically.</summary>
    public int TileSize
    {
        get;
        init => field = value is 0 or >= 64 ? value : throw Invalid(nameof(TileSize), value, "must be at least 64 (or 0 for automatic)");
    }

    /// <summary>With <see cref="TileSize"/> 0, octaves above this many pixels are tiled.</summary>
    public long AutoTilePixels { get; init; } = 1_500_000;

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

    /// <summary><paramref name="value"/> when it lies in [<paramref name="min"/>, <paramref name="max"/>] (NaN does not).</summary>
    private static T Between<T>(T value, T min, T max, string setting) where T : INumber<T> =>
        value >= min && value <= max ? value : throw Invalid(setting, value, $"must be between {Invariant(min)} and {Invariant(max)}");

    private static DreamSettingsException Invalid<T>(string setting, T value, string problem) =>
        new(setting, Invariant(value), problem);

    private static string Invariant<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
