using DeepDream.Dreaming.Parameterizations;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming.Parameterizations;

public sealed class LaplacianBasisTests
{
    public LaplacianBasisTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Four_levels_each_half_the_size_of_the_one_above()
    {
        using var basis = new LaplacianBasis([1, 3, 64, 50]);
        Assert.Equal(["64x50", "32x25", "16x12", "8x6"], basis.Shapes.Select(s => $"{s[2]}x{s[3]}"));
    }

    [Fact]
    public void A_tiny_image_keeps_only_the_levels_that_have_pixels()
    {
        using var basis = new LaplacianBasis([1, 3, 3, 2]);
        Assert.Equal(["3x2", "1x1"], basis.Shapes.Select(s => $"{s[2]}x{s[3]}"));
    }

    [Fact]
    public void The_image_is_the_sum_of_the_levels_each_enlarged()
    {
        using var basis = new LaplacianBasis([1, 3, 16, 16]);
        var levels = basis.Shapes.Select(shape => zeros(shape)).ToArray();
        levels[0][0, 0, 5, 7] = tensor(2f);     // a single full-size pixel stays a pixel
        levels[3].fill_(10f);                   // a constant coarse level enlarges to a constant
        using var image = basis.Synthesize(levels);

        Assert.Equal(12f, image[0, 0, 5, 7].item<float>(), 5);
        Assert.Equal(10f, image[0, 1, 0, 0].item<float>(), 5);
        Assert.Equal(10f * 16 * 16 * 3 + 2, image.sum().item<float>(), 1);
        foreach (var level in levels) level.Dispose();
    }
}
