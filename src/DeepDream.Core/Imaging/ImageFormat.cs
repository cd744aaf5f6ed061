namespace DeepDream.Imaging;

/// <summary>The formats images can be written in.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
}
