using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Dreaming;

/// <summary>Octave sizes and resampling between them.</summary>
public static class Pyramid
{
    /// <summary>Sizes from coarsest to finest; the finest is the image's own size.</summary>
    public static IReadOnlyList<(int Height, int Width)> Sizes(int height, int width, int octaves, double scale)
    {
        var sizes = new List<(int, int)>();
        for (int i = octaves - 1; i >= 0; i--)
        {
            double factor = Math.Pow(scale, i);
            sizes.Add((Math.Max(1, (int)Math.Round(height / factor)), Math.Max(1, (int)Math.Round(width / factor))));
        }
        return sizes;
    }

    /// <summary>Bilinear resize; antialiased when shrinking so fine detail does not alias into the coarse octaves.</summary>
    public static Tensor Resize(Tensor image, int height, int width)
    {
        if (image.shape[2] == height && image.shape[3] == width) return image.alias();
        bool shrinking = height < image.shape[2] || width < image.shape[3];
        return F.interpolate(image, [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: shrinking);
    }
}
