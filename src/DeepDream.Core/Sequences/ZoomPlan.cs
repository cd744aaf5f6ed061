using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>What a zoom sequence should make, and where; each value is checked as it is set.</summary>
public sealed record ZoomPlan
{
    public const int MaxFrames = 100_000;

    /// <summary>The output folder for the frames and <c>zoom.json</c>; created if needed.</summary>
    public required string Folder { get; init; }

    /// <summary>How many frames the finished sequence has, frame 0 included: 1 to <see cref="MaxFrames"/>.</summary>
    public int Frames
    {
        get;
        init => field = value is >= 1 and <= MaxFrames
            ? value
            : throw new DreamSettingsException(nameof(Frames), value.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {MaxFrames}");
    } = 30;

    /// <summary>How each frame moves from the previous one.</summary>
    public ZoomMotion Motion { get; init; } = new();

    /// <summary>Discard the frames and state already in <see cref="Folder"/> instead of continuing them.</summary>
    public bool Restart { get; init; }

    /// <summary>A .mp4 or .gif file to assemble the frames into with ffmpeg once they are all made; null for none.</summary>
    public string? Video
    {
        get;
        init => field = value is null || Path.GetExtension(value).ToLowerInvariant() is ".mp4" or ".gif"
            ? value
            : throw new DreamSettingsException(nameof(Video), value, "the video must be a .mp4 or .gif file");
    }

    /// <summary>Frame rate of <see cref="Video"/>, 1-240 frames per second.</summary>
    public double Fps
    {
        get;
        init => field = value is >= 1 and <= 240
            ? value
            : throw new DreamSettingsException(nameof(Fps), value.ToString(CultureInfo.InvariantCulture), "must be between 1 and 240");
    } = 24;
}
