using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;

namespace DeepDream.Cli;

/// <summary>Dream settings written back as the command-line options that give them, for showing a record.</summary>
internal static class SettingsArguments
{
    /// <summary>
    /// Every setting as options, e.g. <c>--layer mixed4 --octaves 4 … --seed 0</c>; regularisers that are off are
    /// left out.
    /// </summary>
    public static string For(DreamSettings settings)
    {
        var arguments = new List<string>();
        void Add(string setting, object value) => arguments.Add($"{SettingFlags.Flag(setting)} {Invariant(value)}");
        foreach (var layer in settings.Layers) Add(nameof(DreamSettings.Layers), layer);
        foreach (int index in settings.Classes) Add(nameof(DreamSettings.Classes), index);
        Add(nameof(DreamSettings.MaxSide), settings.MaxSide);
        Add(nameof(DreamSettings.Octaves), settings.Octaves);
        Add(nameof(DreamSettings.OctaveScale), settings.OctaveScale);
        Add(nameof(DreamSettings.Steps), settings.Steps);
        Add(nameof(DreamSettings.StepSize), settings.StepSize);
        if (settings.StepSizeEnd is { } end)
        {
            Add(nameof(DreamSettings.StepSizeEnd), end);
            Add(nameof(DreamSettings.Schedule), settings.Schedule.ToString().ToLowerInvariant());
        }
        Add(nameof(DreamSettings.Jitter), settings.Jitter);
        Add(nameof(DreamSettings.Seed), settings.Seed);
        if (settings.TotalVariation > 0) Add(nameof(DreamSettings.TotalVariation), settings.TotalVariation);
        if (settings.L2Decay > 0) Add(nameof(DreamSettings.L2Decay), settings.L2Decay);
        if (settings.GradientBlur.Count > 0) Add(nameof(DreamSettings.GradientBlur), string.Join(",", settings.GradientBlur.Select(sigma => Invariant(sigma))));
        if (settings.PreserveColors) arguments.Add(SettingFlags.Flag(nameof(DreamSettings.PreserveColors)));
        if (settings.Parameterization != Parameterization.Pixel)
            Add(nameof(DreamSettings.Parameterization), settings.Parameterization.ToString().ToLowerInvariant());
        if (settings.DecorrelateColors) arguments.Add(SettingFlags.Flag(nameof(DreamSettings.DecorrelateColors)));
        if (settings.RandomScale > 0) Add(nameof(DreamSettings.RandomScale), settings.RandomScale);
        if (settings.RandomRotation > 0) Add(nameof(DreamSettings.RandomRotation), settings.RandomRotation);
        if (settings.Diversity > 0) Add(nameof(DreamSettings.Diversity), settings.Diversity);
        Add(nameof(DreamSettings.TileSize), settings.TileSize == 0 ? "auto" : settings.TileSize);
        return string.Join(" ", arguments);
    }

    private static string Invariant(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
