using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

public sealed class DreamerTests
{
    public DreamerTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void One_step_matches_the_hand_computed_update()
    {
        // Objective mean(x²) on the identity: gradient 2x/N, normalised by its mean |.| gives x / mean|x|.
        using var image = tensor(new float[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120 }, [1, 3, 2, 2]);
        var settings = new DreamSettings { Octaves = 1, Steps = 1, Jitter = 0, StepSize = 1.5f };
        using var result = new DreamPipeline(new IdentityNetwork(), settings).Dream(image);
        float meanAbs = 65f;
        var expected = new float[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120 }
            .Select(v => Math.Min(255f, v + 1.5f * v / meanAbs)).ToArray();
        var actual = result.Image.data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 3);
        Assert.Single(result.Octaves);
        // The objective is reported before the step: mean of squares of the input.
        Assert.Equal(new float[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120 }.Average(v => v * v), result.Octaves[0].Objective[0], 1);
    }

    [Fact]
    public void Objective_rises_over_steps()
    {
        using var network = new TinyTestNetwork();
        using var image = TestImages.Random(48, 64, 1);
        var settings = new DreamSettings { Octaves = 2, Steps = 8, Jitter = 4, Layers = [new LayerObjective("conv2")] };
        using var result = new DreamPipeline(network, settings).Dream(image);
        foreach (var octave in result.Octaves)
            Assert.True(octave.Objective[^1] > octave.Objective[0] * 1.05, $"objective {string.Join(", ", octave.Objective)} did not rise");
        Assert.Equal([1, 3, 48, 64], result.Image.shape);
        Assert.True(result.Image.min().item<float>() >= 0 && result.Image.max().item<float>() <= 255);
    }

    [Theory]
    [InlineData(Parameterization.Pixel, true)]
    [InlineData(Parameterization.Fourier, false)]
    [InlineData(Parameterization.Fourier, true)]
    [InlineData(Parameterization.Laplacian, true)]
    public void Every_parameterization_climbs_the_objective_through_random_views(Parameterization parameterization, bool decorrelate)
    {
        using var network = new TinyTestNetwork();
        using var image = TestImages.Random(40, 48, 3, 118, 138);
        var settings = new DreamSettings
        {
            Octaves = 2, Steps = 8, Jitter = 4, RandomScale = 0.1f, RandomRotation = 5, Layers = [LayerObjective.Parse("conv2:3")],
            Parameterization = parameterization, DecorrelateColors = decorrelate,
        };
        using var result = new DreamPipeline(network, settings).Dream(image);
        foreach (var octave in result.Octaves)
            Assert.True(octave.Objective[^1] > octave.Objective[0] * 1.05, $"objective {string.Join(", ", octave.Objective)} did not rise");
        Assert.Equal([1, 3, 40, 48], result.Image.shape);
        Assert.True(result.Image.min().item<float>() >= 0 && result.Image.max().item<float>() <= 255);
    }

    [Fact]
    public void A_Fourier_step_changes_the_image_by_the_step_size_on_average()
    {
        using var image = TestImages.Random(16, 16, 4, 100, 156);
        var settings = new DreamSettings { Octaves = 1, Steps = 1, Jitter = 0, StepSize = 2f, Parameterization = Parameterization.Fourier };
        using var result = new DreamPipeline(new IdentityNetwork(), settings).Dream(image);

        Assert.Equal(2.0, (result.Image - image).abs().mean().item<float>(), 3);
    }

    [Fact]
    public void Same_seed_gives_identical_output_and_another_seed_does_not()
    {
        using var network = new TinyTestNetwork();
        using var image = TestImages.Random(40, 40, 2);
        var settings = new DreamSettings { Octaves = 2, Steps = 3, Seed = 7 };
        using var a = new DreamPipeline(network, settings).Dream(image);
        using var b = new DreamPipeline(network, settings).Dream(image);
        using var c = new DreamPipeline(network, settings with { Seed = 8 }).Dream(image);
        Assert.Equal(a.Image.data<float>().ToArray(), b.Image.data<float>().ToArray());
        Assert.NotEqual(a.Image.data<float>().ToArray(), c.Image.data<float>().ToArray());
    }

    [Theory]
    [InlineData(ScalarType.Byte, 45, 60)]
    [InlineData(ScalarType.Float32, 45, 60)]
    [InlineData(ScalarType.Byte, 32, 43)]
    [InlineData(ScalarType.Float32, 32, 43)]
    public void Octave_start_summed_in_place_equals_the_new_sum_of_base_and_scaled_up_detail(ScalarType type, int height, int width)
    {
        using var photo = TestImages.Random(45, 60, 8);
        using var original = photo.to(type);
        foreach (var (detailHeight, detailWidth) in new[] { (23, 31), (height, width) })
        {
            using var detail = rand(new long[] { 1, 3, detailHeight, detailWidth }, generator: new Generator(9)).mul_(300).sub_(150);
            // The octave start as a new tensor: the start in float32 at the octave's size plus the scaled-up detail.
            using var floatBase = photo.shape[2] == height ? photo.alias() : ImageTensor.Resize(photo, height, width);
            using var upscaled = detailHeight == height ? detail.alias() : ImageTensor.Resize(detail, height, width);
            using var expected = (floatBase + upscaled).clamp_(0, 255);

            using var octaveBase = Dreamer.ResizeTo(original, height, width);
            using var start = Dreamer.AddDetail(octaveBase, detail.clone());

            Assert.Equal(ScalarType.Float32, start.dtype);
            Assert.True(start.eq(expected).all().item<bool>());
            // At the image's own size the base is the original itself (its own type), not a float copy of it.
            Assert.Equal(height == 45 ? type : ScalarType.Float32, octaveBase.dtype);
        }
    }

    [Fact]
    public void Channel_objective_out_of_range_names_the_layer()
    {
        using var network = new TinyTestNetwork();
        var settings = new DreamSettings { Octaves = 1, Steps = 1, Layers = [LayerObjective.Parse("conv1:99")] };
        var error = Assert.Throws<DreamSettingsException>(() => new DreamPipeline(network, settings));
        Assert.Equal(("Layers", "conv1:99"), (error.Setting, error.Value));
        Assert.Contains("conv1 has 8 channels", error.Message);
    }

    [Fact]
    public void Cancellation_stops_the_dream()
    {
        using var network = new TinyTestNetwork();
        using var image = TestImages.Random(16, 16, 4);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => new DreamPipeline(network, new DreamSettings()).Dream(image, null, cancel.Token).Dispose());
    }
}
