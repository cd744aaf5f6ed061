using System.Globalization;

namespace DeepDream.Video;

/// <summary>A video's frame rate as the exact fraction ffmpeg gives it, e.g. 30000/1001 for NTSC's 29.97.</summary>
/// <param name="Numerator">Frames, at least 1.</param>
/// <param name="Denominator">Per this many seconds, at least 1.</param>
public readonly record struct FrameRate(long Numerator, long Denominator)
{
    /// <summary>Frames per second.</summary>
    public double PerSecond => (double)Numerator / Denominator;

    /// <summary>
    /// Reads ffmpeg's <c>num/den</c> form (or a whole number); null for a missing or unusable rate (ffprobe's
    /// <c>0/0</c>, zero, negative, or above 1000 frames per second).
    /// </summary>
    public static FrameRate? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        string[] parts = text.Split('/');
        if (parts.Length > 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long numerator)
            || !long.TryParse(parts.Length == 2 ? parts[1] : "1", NumberStyles.None, CultureInfo.InvariantCulture, out long denominator)
            || numerator < 1 || denominator < 1 || numerator > 1000 * denominator)
            return null;
        return new FrameRate(numerator, denominator);
    }

    /// <summary>ffmpeg's form: <c>num/den</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
