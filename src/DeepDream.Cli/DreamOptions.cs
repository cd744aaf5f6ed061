using System.CommandLine;
using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;
using DeepDream.Imaging;

namespace DeepDream.Cli;

/// <summary>
/// The options that shape a dream, shared by the single-image, batch and sequence commands. A preset supplies the
/// starting values; any option given explicitly overrides it.
/// </summary>
public sealed class DreamOptions
{
    private static readonly DreamSettings Defaults = new();

    public Option<DreamPreset> Preset { get; } = OptionValues.Choice<DreamPreset>("--preset",
        "Starting settings: classic (the defaults), subtle, deep, smoke (tiny and fast, for CI) or visualize (Lucid's feature visualisation; the default from noise). Explicit options override");

    public Option<string[]> Layers { get; } = new("--layer", "-l")
    {
        Description = "Layer to amplify; repeat for several. Forms: name, name=weight, name:channel[,channel…][=weight]. Default: the model's recommended layer",
    };

    public Option<string[]> Classes { get; } = new("--class")
    {
        Description = "Maximise this class logit (index, or label where the model has labels); repeatable",
    };

    public Option<string?> Guide { get; } = new("--guide") { Description = "Guide image: steer the dream towards the features of this image" };

    public Option<int> MaxSize { get; } = new("--max-size") { Description = "Shrink the input so its longest side is at most this (0: keep)", DefaultValueFactory = _ => Defaults.MaxSide };

    public Option<int> Octaves { get; } = new("--octaves") { Description = "Number of octaves (image pyramid levels)", DefaultValueFactory = _ => Defaults.Octaves };

    public Option<double> OctaveScale { get; } = new("--octave-scale") { Description = "Size ratio between octaves", DefaultValueFactory = _ => Defaults.OctaveScale };

    public Option<int> Steps { get; } = new("--steps") { Description = "Gradient steps per octave", DefaultValueFactory = _ => Defaults.Steps };

    public Option<float> StepSize { get; } = new("--step-size") { Description = "Step length in 0-255 pixel units (gradient normalised by its mean absolute value)", DefaultValueFactory = _ => Defaults.StepSize };

    public Option<float?> StepSizeEnd { get; } = new("--step-size-end") { Description = "Step length at the last step of each octave (with --step-schedule)" };

    public Option<StepSchedule?> Schedule { get; } = OptionValues.OptionalChoice<StepSchedule>("--step-schedule",
        "How the step length goes from --step-size to --step-size-end within an octave [default: linear]");

    public Option<int> Jitter { get; } = new("--jitter") { Description = "Largest random shift in pixels before each step", DefaultValueFactory = _ => Defaults.Jitter };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (same seed, input and settings: same output on CPU)", DefaultValueFactory = _ => Defaults.Seed };

    public Option<float> TotalVariation { get; } = new("--tv") { Description = "Total-variation smoothing, relative to the objective's step (e.g. 0.5)", DefaultValueFactory = _ => 0f };

    public Option<float> L2Decay { get; } = new("--l2-decay") { Description = "Pull pixels towards grey by this fraction per step (e.g. 0.01)", DefaultValueFactory = _ => 0f };

    public Option<string?> Blur { get; } = new("--blur") { Description = "Smooth the gradient with Gaussian sigmas in pixels, e.g. 0.5,1,2" };

    public Option<bool> PreserveColors { get; } = new("--preserve-colors") { Description = "Change only luminance: the photo keeps its colours" };

    public Option<Parameterization> Parameterization { get; } = OptionValues.Choice<Parameterization>("--param",
        "Coordinates of each step: pixel (classic), fourier (1/f-scaled spectrum) or laplacian (pyramid), as in Lucid");

    public Option<bool> Decorrelate { get; } = new("--decorrelate") { Description = "Step in decorrelated colour (ImageNet's colour correlation, as Lucid)" };

    public Option<float> RandomScale { get; } = new("--random-scale")
    {
        Description = "Show the network the image rescaled at random by up to this fraction each step (e.g. 0.1: 90-110%)",
        DefaultValueFactory = _ => Defaults.RandomScale,
    };

    public Option<float> RandomRotation { get; } = new("--random-rotation")
    {
        Description = "Show the network the image turned at random by up to this many degrees each step",
        DefaultValueFactory = _ => Defaults.RandomRotation,
    };

    public Option<float> Diversity { get; } = new("--diversity-weight")
    {
        Description = "How strongly images dreamed together are pushed apart, relative to the objective (dream visualize --diversity)",
        DefaultValueFactory = _ => Defaults.Diversity,
    };

    public Option<string> TileSize { get; } = new("--tile-size")
    {
        Description = "Compute gradients in tiles of this many pixels (auto or 0: tile octaves above 1.5 MP to bound memory)",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Preset, Layers, Classes, Guide, MaxSize, Octaves, OctaveScale, Steps, StepSize, StepSizeEnd, Schedule,
                     Jitter, Seed, TotalVariation, L2Decay, Blur, PreserveColors, Parameterization, Decorrelate, RandomScale, RandomRotation,
                     Diversity, TileSize,
                 })
            command.Options.Add(option);
    }

    /// <summary>
    /// The settings: <paramref name="baseline"/> (a recorded dream's, or the visualize preset from noise) or else the
    /// preset's, overridden by each option given on the command line (a --preset given explicitly replaces the
    /// baseline). Each value is checked as it is set (<see cref="DreamSettings"/>); a bad one throws <see cref="DreamSettingsException"/> naming its property.
    /// </summary>
    public DreamSettings ToSettings(ParseResult parse, DreamSettings? baseline = null)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        var s = baseline is null || Given(Preset) ? DreamPresets.For(parse.GetValue(Preset)) : baseline;
        if (Given(Layers)) s = s with { Layers = parse.GetValue(Layers)!.Select(LayerObjective.Parse).ToList() };
        if (Given(Classes))
        {
            // Numbers are class indices, anything else a label for the network to resolve.
            var specs = parse.GetValue(Classes)!;
            s = s with
            {
                Classes = [.. specs.Where(IsIndex).Select(spec => int.Parse(spec, CultureInfo.InvariantCulture))],
                ClassLabels = [.. specs.Where(spec => !IsIndex(spec))],
            };
        }
        if (Given(MaxSize)) s = s with { MaxSide = parse.GetValue(MaxSize) };
        if (Given(Octaves)) s = s with { Octaves = parse.GetValue(Octaves) };
        if (Given(OctaveScale)) s = s with { OctaveScale = parse.GetValue(OctaveScale) };
        if (Given(Steps)) s = s with { Steps = parse.GetValue(Steps) };
        if (Given(StepSize)) s = s with { StepSize = parse.GetValue(StepSize) };
        if (Given(StepSizeEnd)) s = s with { StepSizeEnd = parse.GetValue(StepSizeEnd), Schedule = parse.GetValue(Schedule) ?? StepSchedule.Linear };
        if (Given(Jitter)) s = s with { Jitter = parse.GetValue(Jitter) };
        if (Given(Seed)) s = s with { Seed = parse.GetValue(Seed) };
        if (Given(TotalVariation)) s = s with { TotalVariation = parse.GetValue(TotalVariation) };
        if (Given(L2Decay)) s = s with { L2Decay = parse.GetValue(L2Decay) };
        if (Given(Blur)) s = s with { GradientBlur = ParseSigmas(parse.GetValue(Blur)!) };
        if (Given(PreserveColors)) s = s with { PreserveColors = parse.GetValue(PreserveColors) };
        if (Given(Parameterization)) s = s with { Parameterization = parse.GetValue(Parameterization) };
        if (Given(Decorrelate)) s = s with { DecorrelateColors = parse.GetValue(Decorrelate) };
        if (Given(RandomScale)) s = s with { RandomScale = parse.GetValue(RandomScale) };
        if (Given(RandomRotation)) s = s with { RandomRotation = parse.GetValue(RandomRotation) };
        if (Given(Diversity)) s = s with { Diversity = parse.GetValue(Diversity) };
        if (Given(TileSize)) s = s with { TileSize = ParseTileSize(parse.GetValue(TileSize)!) };
        return s;
    }

    /// <summary>The --guide image, read now so a bad one fails before the model loads; null without --guide.</summary>
    public RgbImage? ReadGuide(ParseResult parse, ImageReadOptions read) =>
        parse.GetValue(Guide) is { } path ? ImageFile.Read(path, read) : null;

    private static bool IsIndex(string spec) => int.TryParse(spec, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static List<float> ParseSigmas(string text)
    {
        var sigmas = new List<float>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out float sigma))
                throw new DreamSettingsException(nameof(DreamSettings.GradientBlur), text, $"'{part}' is not a number");
            sigmas.Add(sigma);
        }
        return sigmas;
    }

    private static int ParseTileSize(string text) =>
        text.Equals("auto", StringComparison.OrdinalIgnoreCase) ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size
        : throw new DreamSettingsException(nameof(DreamSettings.TileSize), text, "expected a number of pixels or 'auto'");
}
