using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

/// <summary>Seeded test images and image statistics for the dream tests.</summary>
internal static class TestImages
{
    /// <summary>Uniform random pixels in [low, high), 1×3×H×W.</summary>
    public static Tensor Random(int height, int width, int seed, int low = 0, int high = 256)
    {
        var random = new System.Random(seed);
        var data = new float[3 * height * width];
        for (int i = 0; i < data.Length; i++) data[i] = random.Next(low, high);
        return tensor(data, [1, 3, height, width]);
    }

    /// <summary>Mean squared difference between horizontally and vertically neighbouring pixels: high-frequency energy.</summary>
    public static double HighFrequencyEnergy(Tensor image)
    {
        using var scope = NewDisposeScope();
        var dy = image[.., .., 1.., ..] - image[.., .., ..^1, ..];
        var dx = image[.., .., .., 1..] - image[.., .., .., ..^1];
        return (dy.square().mean() + dx.square().mean()).item<float>();
    }
}
