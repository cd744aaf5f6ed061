using DeepDream.Imaging;

namespace DeepDream.Tests.Batch;

/// <summary>Small PNG files for the batch and sequence commands.</summary>
internal static class TestImages
{
    /// <summary>Writes seeded random pixels as a PNG (creating its folder) and returns the path.</summary>
    public static string Random(string path, int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        new Random(seed).NextBytes(rgb);
        return Write(path, new RgbImage(width, height, rgb));
    }

    /// <summary>Writes a PNG whose every channel of every pixel is <paramref name="value"/>.</summary>
    public static string Uniform(string path, int width, int height, byte value) =>
        Write(path, new RgbImage(width, height, Enumerable.Repeat(value, width * height * 3).ToArray()));

    public static RgbImage Read(string path) => ImageFile.Read(path, ImageReadOptions.Default);

    private static string Write(string path, RgbImage image)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageFile.Write(image, path, ImageWriteOptions.Default);
        return path;
    }
}
