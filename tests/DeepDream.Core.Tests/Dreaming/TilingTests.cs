using DeepDream.Dreaming;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

public sealed class TilingTests : IDisposable
{
    private readonly TinyTestNetwork _network;

    public TilingTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
    }

    [Fact]
    public void Tiled_gradient_matches_the_whole_image_gradient()
    {
        using var image = TestImages.Random(200, 168, 31);
        using var objective = new Objective(_network, new DreamSettings { Layers = [new LayerObjective("conv3")] });
        var whole = new GradientComputer(objective, 0, long.MaxValue, 200, 168);
        var tiled = new GradientComputer(objective, 64, long.MaxValue, 200, 168);
        Assert.False(whole.Tiled);
        Assert.True(tiled.Tiled);
        var (g1, v1) = whole.Compute(image, new ImageTransform(0, 0));
        var (g2, v2) = tiled.Compute(image, new ImageTransform(0, 0));
        using (g1)
        using (g2)
        {
            // The margin covers the tiny network's receptive field, so the tiles see what the whole pass sees.
            Assert.True(g1.sub(g2).abs().max().item<float>() <= 1e-4 * g1.abs().max().item<float>());
            // The reported value weights each tile's mean by its core area: close, not exact.
            Assert.True(Math.Abs(v1 - v2) < 0.02 * v1, $"{v1} vs {v2}");
        }
    }

    [Theory]
    [InlineData(37, -50)]
    [InlineData(-199, 167)]
    public void Tiled_gradient_of_a_rolled_view_is_that_of_the_rolled_image_rolled_back_exactly(int dy, int dx)
    {
        // Tiles read through the roll instead of rolling a copy: the same numbers, bit for bit, wrap-around included.
        using var image = TestImages.Random(200, 168, 33);
        using var objective = new Objective(_network, new DreamSettings { Layers = [new LayerObjective("conv3")] });
        var tiled = new GradientComputer(objective, 64, long.MaxValue, 200, 168);
        using var rolled = image.roll([dy, dx], [2, 3]);
        var (reference, referenceValue) = tiled.Compute(rolled, new ImageTransform(0, 0));
        var (gradient, value) = tiled.Compute(image, new ImageTransform(dy, dx));
        using (reference)
        using (gradient)
        using (var unrolled = reference.roll([-dy, -dx], [2, 3]))
        {
            Assert.True(unrolled.eq(gradient).all().item<bool>());
            Assert.Equal(referenceValue, value);
        }
    }

    [Fact]
    public void Tiled_and_untiled_dreams_agree_closely()
    {
        using var image = TestImages.Random(160, 200, 32);
        var settings = new DreamSettings { Octaves = 2, Steps = 4, Layers = [new LayerObjective("conv3")] };
        using var whole = new DreamPipeline(_network, settings with { TileSize = 4096 }).Dream(image);
        using var tiled = new DreamPipeline(_network, settings with { TileSize = 64 }).Dream(image);
        Assert.True(whole.Image.sub(tiled.Image).abs().mean().item<float>() < 0.05);
    }

    [Fact]
    public void Auto_tiling_kicks_in_above_the_pixel_budget()
    {
        using var objective = new Objective(_network, new DreamSettings { Layers = [new LayerObjective("conv2")] });
        Assert.False(new GradientComputer(objective, 0, 1_000_000, 1000, 1000).Tiled);
        Assert.True(new GradientComputer(objective, 0, 1_000_000, 1000, 1001).Tiled);
        Assert.True(new GradientComputer(objective, 256, long.MaxValue, 300, 200).Tiled);
    }

    public void Dispose() => _network.Dispose();
}
