using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Sequences;

/// <summary>What a zoom sequence should make.</summary>
public sealed record ZoomPlan
{
    public const int MaxFrames = 100_000;

    /// <summary>The dream settings, completed for the model (layers resolved); the same for every frame.</summary>
    public required DreamSettings Settings { get; init; }

    /// <summary>How many frames the finished sequence has, frame 0 included.</summary>
    public int Frames { get; init; } = 30;

    /// <summary>How each frame moves from the previous one.</summary>
    public ZoomMotion Motion { get; init; } = new();

    /// <summary>Guide image for guided dreams; null for none.</summary>
    public RgbImage? Guide { get; init; }

    /// <summary>Discard the frames and state already in the output folder instead of continuing them.</summary>
    public bool Restart { get; init; }

    /// <summary>Checks ranges; throws <see cref="DreamSettingsException"/> naming the option.</summary>
    public void Validate()
    {
        if (Frames is < 1 or > MaxFrames) throw new DreamSettingsException($"--frames {Frames}: must be between 1 and {MaxFrames}");
        Motion.Validate();
        Settings.Validate();
    }
}
