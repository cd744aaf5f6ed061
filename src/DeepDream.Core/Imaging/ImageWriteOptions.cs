namespace DeepDream.Imaging;

/// <summary>How <see cref="ImageFile"/> writes an image.</summary>
public sealed record ImageWriteOptions
{
    public const int DefaultQuality = 92;

    public static ImageWriteOptions Default { get; } = new();

    /// <summary>JPEG and WebP quality, 1-100 (PNG is lossless and ignores it).</summary>
    public int Quality
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            field = value;
        }
    } = DefaultQuality;

    /// <summary>The image being dreamed on; writing over it is refused unless <see cref="InPlace"/> is set.</summary>
    public string? InputPath { get; init; }

    /// <summary>Allows the output to replace <see cref="InputPath"/>.</summary>
    public bool InPlace { get; init; }

    /// <summary>
    /// How the image was made, as text (DeepDream writes <see cref="Pipeline.DreamRecord"/> JSON), embedded in the
    /// file's XMP metadata and read back with <see cref="ImageRecipe.Read"/>; null writes no metadata.
    /// </summary>
    public string? Recipe { get; init; }
}
