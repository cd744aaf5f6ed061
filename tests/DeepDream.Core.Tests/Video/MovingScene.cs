using DeepDream.Imaging;

namespace DeepDream.Tests.Video;

/// <summary>
/// Synthetic frames with texture everywhere (so optical flow has something to hold on to), moved by whole pixels so
/// the true motion is known exactly.
/// </summary>
internal static class MovingScene
{
    /// <summary>
    /// A smooth colour texture seen through a <paramref name="width"/> × <paramref name="height"/> window, its content
    /// moved right by <paramref name="dx"/> and down by <paramref name="dy"/> pixels.
    /// </summary>
    public static RgbImage Frame(int width, int height, int dx = 0, int dy = 0, int variant = 0)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0, i = 0; y < height; y++)
        for (int x = 0; x < width; x++, i += 3)
        {
            double u = x - dx, v = y - dy;
            rgb[i] = Level(128 + 60 * Math.Sin(u / 4.0 + variant) * Math.Cos(v / 5.0) + 40 * Math.Sin((u + 2 * v) / 7.0));
            rgb[i + 1] = Level(128 + 70 * Math.Cos((u - v) / 6.0 + 2 * variant) + 30 * Math.Sin(v / 3.0));
            rgb[i + 2] = Level(128 + 50 * Math.Sin(u / 9.0 - variant) * Math.Sin(v / 4.0) + 40 * Math.Cos((2 * u + v) / 5.0));
        }
        return new RgbImage(width, height, rgb);
    }

    /// <summary>
    /// <see cref="Frame"/> (unmoved) with a <paramref name="side"/>-pixel square of flat bright grey whose top-left corner
    /// is at (<paramref name="left"/>, <paramref name="top"/>): an object in front of a still background.
    /// </summary>
    public static RgbImage WithSquare(int width, int height, int left, int top, int side)
    {
        var frame = Frame(width, height);
        for (int y = top; y < top + side; y++)
        for (int x = left; x < left + side; x++)
            frame.Rgb.AsSpan((y * width + x) * 3, 3).Fill(250);
        return frame;
    }

    /// <summary>Mean absolute difference per channel value over pixels at least <paramref name="margin"/> from every edge.</summary>
    public static double InteriorDifference(RgbImage a, RgbImage b, int margin)
    {
        double sum = 0;
        int count = 0;
        for (int y = margin; y < a.Height - margin; y++)
        for (int x = margin; x < a.Width - margin; x++)
        for (int c = 0; c < 3; c++)
        {
            int i = (y * a.Width + x) * 3 + c;
            sum += Math.Abs(a.Rgb[i] - b.Rgb[i]);
            count++;
        }
        return sum / count;
    }

    /// <summary>The <paramref name="width"/> × <paramref name="height"/> pixels at the centre of a photo in samples/.</summary>
    public static RgbImage Photo(string name, int width, int height)
    {
        var photo = ImageFile.Read(Imaging.TestImages.Sample(name), ImageReadOptions.Default);
        int left = (photo.Width - width) / 2, top = (photo.Height - height) / 2;
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            Array.Copy(photo.Rgb, ((top + y) * photo.Width + left) * 3, rgb, y * width * 3, width * 3);
        return new RgbImage(width, height, rgb);
    }

    /// <summary>An image of the given size with every channel value <paramref name="value"/>.</summary>
    public static RgbImage Uniform(int width, int height, byte value) =>
        new(width, height, Enumerable.Repeat(value, width * height * 3).ToArray());

    private static byte Level(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
