using System.Globalization;
using DeepDream.Imaging;

namespace DeepDream.Dreaming;

/// <summary>Starting points other than a photo, for pure feature visualisation.</summary>
public static class StartImages
{
    /// <summary>Mid-grey with uniform noise of ±<paramref name="amplitude"/> (0-127; 0 gives plain grey), seeded.</summary>
    /// <exception cref="DreamSettingsException">A size below 1x1 or above the default pixel limit, or an amplitude outside 0-127.</exception>
    public static RgbImage Noise(int width, int height, int amplitude, int seed)
    {
        if (width < 1 || height < 1 || (long)width * height > ImageReadOptions.DefaultMaxPixels)
            throw new DreamSettingsException("size", $"{width}x{height}", $"must be at least 1x1 and at most {ImageReadOptions.DefaultMaxPixels} pixels");
        if (amplitude is < 0 or > 127)
            throw new DreamSettingsException(nameof(amplitude), amplitude.ToString(CultureInfo.InvariantCulture), "must be between 0 and 127");
        var random = new Random(seed);
        var rgb = new byte[(long)width * height * 3];
        for (long i = 0; i < rgb.LongLength; i++) rgb[i] = (byte)(128 + random.Next(-amplitude, amplitude + 1));
        return new RgbImage(width, height, rgb);
    }

    /// <summary>Parses "WIDTHxHEIGHT" (e.g. 512x512).</summary>
    /// <exception cref="DreamSettingsException">Not of that form, naming the setting "size".</exception>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int w) && int.TryParse(parts[1], out int h) && w > 0 && h > 0)
            return (w, h);
        throw new DreamSettingsException("size", text, "expected WIDTHxHEIGHT, e.g. 512x512");
    }
}
