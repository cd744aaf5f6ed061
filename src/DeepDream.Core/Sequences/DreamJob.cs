using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Sequences;

/// <summary>What to do to every file of a batch or frame sequence.</summary>
public sealed record DreamJob
{
    /// <summary>The dream settings, completed for the model (layers resolved).</summary>
    public required DreamSettings Settings { get; init; }

    /// <summary>Guide image for guided dreams; null for none.</summary>
    public RgbImage? Guide { get; init; }

    /// <summary>JPEG and WebP quality of the outputs, 1-100.</summary>
    public int Quality { get; init; } = ImageWriteOptions.DefaultQuality;

    /// <summary>Limits for reading the inputs.</summary>
    public ImageReadOptions Read { get; init; } = ImageReadOptions.Default;
}
