using DeepDream.Dreaming;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

public sealed class PyramidTests
{
    public PyramidTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void SizesGoFromCoarseToTheImageSize()
    {
        // 341 / 1.4³ = 124.3, 512 / 1.4³ = 186.6; 341 / 1.4² = 174.0, 512 / 1.4² = 261.2; 341 / 1.4 = 243.6, 512 / 1.4 = 365.7
        var sizes = Pyramid.Sizes(341, 512, 4, 1.4);
        Assert.Equal([(124, 187), (174, 261), (244, 366), (341, 512)], sizes);
    }

    [Fact]
    public void ResizeKeepsAConstantImageConstant()
    {
        using var image = full(1, 3, 30, 40, 77f);
        using var small = Pyramid.Resize(image, 11, 13);
        using var large = Pyramid.Resize(small, 50, 60);
        Assert.Equal([1, 3, 11, 13], small.shape);
        Assert.Equal([1, 3, 50, 60], large.shape);
        Assert.True(small.sub(77f).abs().max().item<float>() < 1e-3);
        Assert.True(large.sub(77f).abs().max().item<float>() < 1e-3);
    }
}
