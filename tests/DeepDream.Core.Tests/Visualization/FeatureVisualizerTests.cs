using DeepDream.Dreaming;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Visualization;

namespace DeepDream.Tests.Visualization;

public sealed class FeatureVisualizerTests : IDisposable
{
    private static readonly DreamSettings Quick = DreamPresets.For(DreamPreset.Visualize) with { Steps = 2 };
    private readonly TinyTestNetwork _network;

    public FeatureVisualizerTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
    }

    public void Dispose() => _network.Dispose();

    [Fact]
    public void A_layer_with_channels_becomes_one_unit_per_channel()
    {
        var units = FeatureVisualizer.UnitsOf(LayerObjective.Parse("conv2:1,4-5@center=3"));

        Assert.Equal(["conv2:1@center", "conv2:4@center", "conv2:5@center"], units.Select(u => u.ToString()));
    }

    [Fact]
    public void A_layer_without_channels_is_refused() =>
        Assert.Equal("Layers",
            Assert.Throws<DreamSettingsException>(() => FeatureVisualizer.UnitsOf(new LayerObjective("conv2"))).Setting);

    [Fact]
    public void A_channel_the_layer_lacks_fails_before_anything_is_dreamed()
    {
        var error = Assert.Throws<DreamSettingsException>(() =>
            new FeatureVisualizer(_network, Quick, FeatureVisualizer.UnitsOf(LayerObjective.Parse("conv2:0,16"))));

        Assert.Contains("channel 16 is out of range; conv2 has 16 channels", error.Message);
    }

    [Fact]
    public void Each_unit_is_dreamed_from_noise_and_laid_out_with_its_label()
    {
        var visualizer = new FeatureVisualizer(_network, Quick, FeatureVisualizer.UnitsOf(LayerObjective.Parse("conv2:0-3")));

        var units = visualizer.Visualize(24, 20, images: 1, noiseAmplitude: 20);
        var sheet = FeatureVisualizer.Sheet(units);

        Assert.Equal(["conv2:0", "conv2:1", "conv2:2", "conv2:3"], units.Select(u => u.Unit.ToString()));
        Assert.All(units, u => Assert.Equal((24, 20), (u.Images.Single().Image.Width, u.Images.Single().Image.Height)));
        Assert.NotEqual(units[0].Images[0].Image.Rgb, units[1].Images[0].Image.Rgb);
        // Two columns of 160-pixel tiles with 8-pixel gaps: 8 + 2 × (160 + 8).
        Assert.Equal(8 + 2 * 168, sheet.Width);
    }

    [Fact]
    public void Several_images_per_unit_start_from_different_noise_and_fill_a_row_each()
    {
        var visualizer = new FeatureVisualizer(_network, Quick, FeatureVisualizer.UnitsOf(LayerObjective.Parse("conv3:5,6")));

        var units = visualizer.Visualize(16, 16, images: 3, noiseAmplitude: 20);
        var sheet = FeatureVisualizer.Sheet(units);

        Assert.All(units, u => Assert.Equal(3, u.Images.Count));
        Assert.Equal(3, units[0].Images.Select(i => Convert.ToHexString(i.Image.Rgb)).Distinct().Count());
        Assert.Equal(8 + 3 * 168, sheet.Width);
    }
}
