using System.CommandLine;
using DeepDream.Dreaming;

namespace DeepDream.Cli;

/// <summary>The options that shape a dream, shared by the single-image, batch and sequence commands.</summary>
public sealed class DreamOptions
{
    private static readonly DreamSettings Defaults = new();

    public Option<string[]> Layers { get; } = new("--layer", "-l")
    {
        Description = "Layer to amplify; repeat for several. Forms: name, name=weight, name:channel[,channel…][=weight]. Default: the model's recommended layer",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> Octaves { get; } = new("--octaves") { Description = "Number of octaves (image pyramid levels)", DefaultValueFactory = _ => Defaults.Octaves };

    public Option<double> OctaveScale { get; } = new("--octave-scale") { Description = "Size ratio between octaves", DefaultValueFactory = _ => Defaults.OctaveScale };

    public Option<int> Steps { get; } = new("--steps") { Description = "Gradient steps per octave", DefaultValueFactory = _ => Defaults.Steps };

    public Option<float> StepSize { get; } = new("--step-size") { Description = "Step length in 0-255 pixel units (gradient normalised by its mean absolute value)", DefaultValueFactory = _ => Defaults.StepSize };

    public Option<int> Jitter { get; } = new("--jitter") { Description = "Largest random shift in pixels before each step", DefaultValueFactory = _ => Defaults.Jitter };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (same seed, input and settings: same output on CPU)", DefaultValueFactory = _ => Defaults.Seed };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Layers, Octaves, OctaveScale, Steps, StepSize, Jitter, Seed })
            command.Options.Add(option);
    }

    public DreamSettings ToSettings(ParseResult parse)
    {
        var settings = new DreamSettings
        {
            Layers = (parse.GetValue(Layers) ?? []).Select(LayerObjective.Parse).ToList(),
            Octaves = parse.GetValue(Octaves),
            OctaveScale = parse.GetValue(OctaveScale),
            Steps = parse.GetValue(Steps),
            StepSize = parse.GetValue(StepSize),
            Jitter = parse.GetValue(Jitter),
            Seed = parse.GetValue(Seed),
        };
        settings.Validate();
        return settings;
    }
}
