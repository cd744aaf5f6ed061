using DeepDream.Imaging;

namespace DeepDream.Tests.Imaging;

/// <summary>Images and encoded files the imaging tests are built from.</summary>
internal static class TestImages
{
    public static readonly (byte R, byte G, byte B) Red = (255, 0, 0), Green = (0, 255, 0), Blue = (0, 0, 255), White = (255, 255, 255);

    /// <summary>A photo from the repository's samples folder.</summary>
    public static string Sample(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "samples", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"samples/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Seeded random pixels: a photo stand-in with detail at every scale.</summary>
    public static RgbImage Noise(int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        new Random(seed).NextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }

    /// <summary>An image split into four solid quadrants: top-left, top-right, bottom-left, bottom-right.</summary>
    public static RgbImage Quadrants(int width, int height, params (byte R, byte G, byte B)[] colours)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
                int i = (y * width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        return new RgbImage(width, height, rgb);
    }

    public static (byte R, byte G, byte B) PixelAt(RgbImage image, int x, int y)
    {
        int i = (y * image.Width + x) * 3;
        return (image.Rgb[i], image.Rgb[i + 1], image.Rgb[i + 2]);
    }

    public static byte[] Encode(RgbImage image, ImageFormat format, int quality = 100)
    {
        using var stream = new MemoryStream();
        ImageFile.Write(image, stream, "test image", format, new ImageWriteOptions { Quality = quality });
        return stream.ToArray();
    }

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF APP1 segment right after the start marker, carrying only the
    /// orientation tag (0x0112) in a big-endian TIFF structure.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] app1 =
        [
            0xFF, 0xE1, 0x00, 34,                       // APP1 marker, segment length (this field onwards)
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A,           // TIFF header: big-endian, magic 42
            0x00, 0x00, 0x00, 0x08,                     // first IFD right after the header
            0x00, 0x01,                                 // one entry
            0x01, 0x12, 0x00, 0x03,                     // tag Orientation, type SHORT
            0x00, 0x00, 0x00, 0x01,                     // count 1
            0x00, (byte)orientation, 0x00, 0x00,        // value, padded to 4 bytes
            0x00, 0x00, 0x00, 0x00,                     // no next IFD
        ];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A Windows icon holding <paramref name="png"/>: a format Skia recognises but this library refuses.</summary>
    public static byte[] IconWrapping(byte[] png)
    {
        byte[] header =
        [
            0, 0, 1, 0, 1, 0,                           // reserved, type icon, one image
            1, 1, 0, 0, 1, 0, 32, 0,                    // 1x1, no palette, 1 plane, 32 bpp
            .. BitConverter.GetBytes(png.Length), .. BitConverter.GetBytes(22),
        ];
        return [.. header, .. png];
    }
}
