using DeepDream.Imaging;
using DeepDream.Models;

namespace DeepDream.Dreaming;

/// <summary>
/// Dreams a decoded image: shrinks it to the settings' size limit, moves it to the network's device as a tensor,
/// runs the <see cref="Dreamer"/>, and converts back (alpha kept, resized alike).
/// </summary>
public sealed class ImageDreamer(IDreamNetwork network)
{
    public DreamedImage Dream(RgbImage image, DreamSettings settings,
        IProgress<DreamProgress>? progress = null, CancellationToken cancellation = default, RgbImage? guide = null)
    {
        var (height, width) = FitWithin(image.Height, image.Width, settings.MaxSide);
        using var loaded = ImageTensor.ToTensor(image, network.Device);
        using var pixels = (height, width) == (image.Height, image.Width) ? loaded.alias() : ImageTensor.Resize(loaded, height, width);
        using var guidePixels = guide is null ? null : GuidePixels(guide, Math.Max(height, width));
        using var result = new Dreamer(network).Dream(pixels, settings, progress, cancellation, guidePixels);
        var alpha = image.Alpha is null || (height, width) == (image.Height, image.Width) ? image.Alpha : ResizeAlpha(image, height, width);
        return new DreamedImage(ImageTensor.ToImage(result.Image, alpha), result.Octaves);
    }

    /// <summary>The size with the longest side at most <paramref name="maxSide"/> (0: unchanged), aspect kept.</summary>
    public static (int Height, int Width) FitWithin(int height, int width, int maxSide)
    {
        int longest = Math.Max(height, width);
        if (maxSide <= 0 || longest <= maxSide) return (height, width);
        double scale = (double)maxSide / longest;
        return (Math.Max(1, (int)Math.Round(height * scale)), Math.Max(1, (int)Math.Round(width * scale)));
    }

    /// <summary>
    /// The guide at most as large as the dream (longest side): the guided objective compares every position with
    /// every guide position, so a large guide would cost time and memory without adding anything.
    /// </summary>
    private TorchSharp.torch.Tensor GuidePixels(RgbImage guide, int maxSide)
    {
        var (height, width) = FitWithin(guide.Height, guide.Width, maxSide);
        var pixels = ImageTensor.ToTensor(guide, network.Device);
        if ((height, width) == (guide.Height, guide.Width)) return pixels;
        using (pixels) return ImageTensor.Resize(pixels, height, width);
    }

    private static byte[] ResizeAlpha(RgbImage image, int height, int width)
    {
        var plane = new byte[image.PixelCount * 3];
        for (long i = 0; i < image.PixelCount; i++) plane[i * 3] = plane[i * 3 + 1] = plane[i * 3 + 2] = image.Alpha![i];
        using var alpha = ImageTensor.ToTensor(new RgbImage(image.Width, image.Height, plane), TorchSharp.torch.CPU);
        using var resized = ImageTensor.Resize(alpha, height, width);
        var rgb = ImageTensor.ToImage(resized).Rgb;
        return Enumerable.Range(0, height * width).Select(i => rgb[i * 3]).ToArray();
    }
}
