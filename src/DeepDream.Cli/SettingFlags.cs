using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Sequences;
using DeepDream.Video;

namespace DeepDream.Cli;

/// <summary>
/// The one place where the library's setting names become command-line options: the library's errors name
/// properties (<c>Steps -1: must be between 0 and 10000</c>), and the command line shows them under the option the
/// user typed (<c>--steps -1: ...</c>).
/// </summary>
internal static class SettingFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(DreamSettings.Layers)] = "--layer",
        [nameof(DreamSettings.Classes)] = "--class",
        [nameof(DreamSettings.ClassLabels)] = "--class",
        [nameof(DreamSettings.MaxSide)] = "--max-size",
        [nameof(DreamSettings.Octaves)] = "--octaves",
        [nameof(DreamSettings.OctaveScale)] = "--octave-scale",
        [nameof(DreamSettings.Steps)] = "--steps",
        [nameof(DreamSettings.StepSize)] = "--step-size",
        [nameof(DreamSettings.StepSizeEnd)] = "--step-size-end",
        [nameof(DreamSettings.Schedule)] = "--step-schedule",
        [nameof(DreamSettings.Jitter)] = "--jitter",
        [nameof(DreamSettings.Seed)] = "--seed",
        [nameof(DreamSettings.TotalVariation)] = "--tv",
        [nameof(DreamSettings.L2Decay)] = "--l2-decay",
        [nameof(DreamSettings.GradientBlur)] = "--blur",
        [nameof(DreamSettings.PreserveColors)] = "--preserve-colors",
        [nameof(DreamSettings.Parameterization)] = "--param",
        [nameof(DreamSettings.DecorrelateColors)] = "--decorrelate",
        [nameof(DreamSettings.RandomScale)] = "--random-scale",
        [nameof(DreamSettings.RandomRotation)] = "--random-rotation",
        [nameof(DreamSettings.Diversity)] = "--diversity-weight",
        [nameof(DreamSettings.TileSize)] = "--tile-size",
        [nameof(ZoomPlan.Folder)] = "--out",
        [nameof(ZoomPlan.Frames)] = "--frames",
        [nameof(ZoomPlan.Restart)] = "--restart",
        [nameof(ZoomPlan.Video)] = "--video",
        [nameof(ZoomPlan.Fps)] = "--fps",
        [nameof(ZoomMotion.Zoom)] = "--zoom",
        [nameof(ZoomMotion.RotateDegrees)] = "--rotate",
        [nameof(ZoomMotion.Padding)] = "--padding",
        [nameof(OutputLayout.Extension)] = "--format",
        [nameof(ImageReadOptions.MaxPixels)] = "--max-pixels",
        [nameof(FrameOptions.Blend)] = "--blend",
        [nameof(FrameOptions.Flow)] = "--flow",
        [nameof(FrameOptions.LayerCycle)] = "--layer-cycle",
        [nameof(VideoPlan.Output)] = "-o",
        [nameof(VideoPlan.Start)] = "--start",
        [nameof(VideoPlan.Duration)] = "--duration",
        // Parameters rather than properties: BatchDreamer's variants, StartImages' size and amplitude.
        ["variants"] = "--variants",
        ["size"] = "--from-noise",
        ["amplitude"] = "--noise",
        ["images"] = "--diversity",
    };

    /// <summary>Every setting name with its option, for the check that each option exists.</summary>
    public static IReadOnlyDictionary<string, string> All => Flags;

    /// <summary>The message of <paramref name="error"/> with the setting shown as its option.</summary>
    public static string Describe(DreamSettingsException error) => error.Describe(Flag(error.Setting));

    /// <summary>The message of <paramref name="error"/>, with the option that raises the limit it exceeds.</summary>
    public static string Describe(DreamInputException error) =>
        error.Limit is { } limit ? $"{error.Problem}; raise it with {Flag(limit)}" : error.Message;

    /// <summary>The option for a setting name; the name itself for a setting the command line does not offer.</summary>
    public static string Flag(string setting) => Flags.TryGetValue(setting, out var flag) ? flag : setting;
}
