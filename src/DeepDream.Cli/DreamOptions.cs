using System.CommandLine;
using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Cli;

/// <summary>
/// The options that shape a dream, shared by the single-image, batch and sequence commands. A preset supplies the
/// starting values; any option given explicitly overrides it.
/// </summary>
public sealed class DreamOptions
{
    private static readonly DreamSettings Defaults = new();

    public Option<DreamPreset> Preset { get; } = new("--preset")
    {
        Description = "Starting settings: subtle, classic (the defaults), deep, or smoke (tiny and fast, for CI). Explicit options override [default: classic]",
        HelpName = "subtle|classic|deep|smoke",
    };

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

    public Option<StepSchedule> Schedule { get; } = new("--step-schedule")
    {
        Description = "How the step length goes from --step-size to --step-size-end within an octave [default: linear]",
        HelpName = "constant|linear|cosine",
    };

    public Option<int> Jitter { get; } = new("--jitter") { Description = "Largest random shift in pixels before each step", DefaultValueFactory = _ => Defaults.Jitter };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (same seed, input and settings: same output on CPU)", DefaultValueFactory = _ => Defaults.Seed };

    public Option<float> TotalVariation { get; } = new("--tv") { Description = "Total-variation smoothing, relative to the objective's step (e.g. 0.5)", DefaultValueFactory = _ => 0f };

    public Option<float> L2Decay { get; } = new("--l2-decay") { Description = "Pull pixels towards grey by this fraction per step (e.g. 0.01)", DefaultValueFactory = _ => 0f };

    public Option<string?> Blur { get; } = new("--blur") { Description = "Smooth the gradient with Gaussian sigmas in pixels, e.g. 0.5,1,2" };

    public Option<bool> PreserveColors { get; } = new("--preserve-colors") { Description = "Change only luminance: the photo keeps its colours" };

    public Option<string> TileSize { get; } = new("--tile-size")
    {
        Description = "Compute gradients in tiles of this many pixels (auto: tile octaves above 1.5 MP to bound memory)",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Preset, Layers, Classes, Guide, MaxSize, Octaves, OctaveScale, Steps, StepSize, StepSizeEnd, Schedule,
                     Jitter, Seed, TotalVariation, L2Decay, Blur, PreserveColors, TileSize,
                 })
            command.Options.Add(option);
    }

    /// <summary>The settings: the preset's, overridden by each option given on the command line.</summary>
    public DreamSettings ToSettings(ParseResult parse)
    {
        var s = DreamPresets.For(parse.GetValue(Preset));
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        if (Given(Layers)) s = s with { Layers = parse.GetValue(Layers)!.Select(LayerObjective.Parse).ToList() };
        if (Given(MaxSize)) s = s with { MaxSide = parse.GetValue(MaxSize) };
        if (Given(Octaves)) s = s with { Octaves = parse.GetValue(Octaves) };
        if (Given(OctaveScale)) s = s with { OctaveScale = parse.GetValue(OctaveScale) };
        if (Given(Steps)) s = s with { Steps = parse.GetValue(Steps) };
        if (Given(StepSize)) s = s with { StepSize = parse.GetValue(StepSize) };
        if (Given(StepSizeEnd)) s = s with { StepSizeEnd = parse.GetValue(StepSizeEnd), Schedule = Given(Schedule) ? parse.GetValue(Schedule) : StepSchedule.Linear };
        if (Given(Jitter)) s = s with { Jitter = parse.GetValue(Jitter) };
        if (Given(Seed)) s = s with { Seed = parse.GetValue(Seed) };
        if (Given(TotalVariation)) s = s with { TotalVariation = parse.GetValue(TotalVariation) };
        if (Given(L2Decay)) s = s with { L2Decay = parse.GetValue(L2Decay) };
        if (Given(Blur)) s = s with { GradientBlur = ParseSigmas(parse.GetValue(Blur)!) };
        if (Given(PreserveColors)) s = s with { PreserveColors = parse.GetValue(PreserveColors) };
        if (Given(TileSize)) s = s with { TileSize = ParseTileSize(parse.GetValue(TileSize)!) };
        s.Validate();
        return s;
    }

    /// <summary>The --class values as given (indices or labels); resolved against the model once it is loaded.</summary>
    public IReadOnlyList<string> ClassSpecs(ParseResult parse) => parse.GetValue(Classes) ?? [];

    private static List<float> ParseSigmas(string text)
    {
        var sigmas = new List<float>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out float sigma))
                throw new DreamSettingsException($"--blur {text}: '{part}' is not a number");
            sigmas.Add(sigma);
        }
        return sigmas;
    }

    private static int ParseTileSize(string text) =>
        text.Equals("auto", StringComparison.OrdinalIgnoreCase) ? 0
        : int.TryParse(text, out int size) ? size
        : throw new DreamSettingsException($"--tile-size {text}: expected a number of pixels or 'auto'");
}
