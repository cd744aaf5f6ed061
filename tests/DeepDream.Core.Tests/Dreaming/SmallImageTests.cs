using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;

namespace DeepDream.Tests.Dreaming;

/// <summary>Octaves smaller than the dreamed layer accepts are left out; an image too small for any octave is a usage error.</summary>
public sealed class SmallImageTests
{
    public SmallImageTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Plan_leaves_out_the_coarse_octaves_below_the_minimum()
    {
        // 20 / 1.4³ = 7.3, 30 / 1.4³ = 10.9; 20 / 1.4² = 10.2, 30 / 1.4² = 15.3; 20 / 1.4 = 14.3, 30 / 1.4 = 21.4
        var plan = Pyramid.Plan(20, 30, 4, 1.4, (9, 17), ["r2"]);

        Assert.Equal([(14, 21), (20, 30)], plan.Sizes);
        Assert.Equal([(7, 11), (10, 15)], plan.LeftOut);
        Assert.Equal("left out the 2 smallest octaves (11x7, 15x10): windows needs at least 17x9 pixels at r2", plan.LeftOutNote("windows"));
    }

    [Fact]
    public void Plan_without_a_known_minimum_keeps_every_octave()
    {
        var plan = Pyramid.Plan(20, 30, 4, 1.4, null, ["r2"]);

        Assert.Equal(Pyramid.Sizes(20, 30, 4, 1.4), plan.Sizes);
        Assert.Null(plan.LeftOutNote("windows"));
    }

    [Fact]
    public void The_pipeline_dreams_the_octaves_that_fit_and_says_which_it_left_out()
    {
        using var network = MinimumInputSizeTests.Network();
        using var image = TestImages.Random(20, 30, 1);
        var settings = new DreamSettings { Octaves = 4, OctaveScale = 1.4, Steps = 2, Jitter = 2, Layers = [new LayerObjective("r2")] };
        var pipeline = new DreamPipeline(network, settings);

        using var result = pipeline.Dream(image);

        Assert.Equal("left out the 2 smallest octaves (11x7, 15x10): windows needs at least 17x9 pixels at r2", pipeline.Plan(20, 30).LeftOutNote);
        Assert.Equal([(14, 21), (20, 30)], result.Octaves.Select(o => (o.Height, o.Width)));
        Assert.Equal([1L, 3, 20, 30], result.Image.shape);
    }

    [Fact]
    public void An_image_too_small_for_every_octave_is_a_settings_error_naming_the_minimum()
    {
        using var network = MinimumInputSizeTests.Network();
        using var image = TestImages.Random(8, 40, 1);
        var settings = new DreamSettings { Octaves = 2, Steps = 1, Layers = [new LayerObjective("block")] };

        var error = Assert.Throws<DreamSettingsException>(() => new DreamPipeline(network, settings).Dream(image).Dispose());

        Assert.Equal(nameof(DreamSettings.Layers), error.Setting);
        Assert.Equal("the 40x8 image is too small: windows needs at least 17x9 pixels at block; use a larger image or an earlier layer", error.Problem);
    }

    [Fact]
    public void The_check_before_any_work_names_the_file_of_an_image_too_small()
    {
        using var network = MinimumInputSizeTests.Network();
        var settings = new DreamSettings { Octaves = 2, Steps = 1, Layers = [new LayerObjective("block")] };
        var pipeline = new DreamPipeline(network, settings);

        var error = Assert.Throws<DreamSettingsException>(() => pipeline.CheckFits(new RgbImage(40, 8, new byte[40 * 8 * 3]), "in/thin.png"));
        pipeline.CheckFits(new RgbImage(17, 9, new byte[17 * 9 * 3]), "in/fits.png");

        Assert.Equal("in/thin.png", error.Input);
        Assert.Equal("in/thin.png: Layers block: the 40x8 image is too small: windows needs at least 17x9 pixels at block; " +
            "use a larger image or an earlier layer", error.Message);
        Assert.Equal("in/thin.png: --layer block: the 40x8 image is too small: windows needs at least 17x9 pixels at block; " +
            "use a larger image or an earlier layer", error.Describe("--layer"));
    }
}
