using DeepDream.Dreaming;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

/// <summary>Each regulariser changes the result the way its name says, measured against the same dream without it.</summary>
public sealed class RegularizerTests : IDisposable
{
    private readonly TinyTestNetwork _network;
    private readonly Tensor _grey;
    private static readonly DreamSettings Base = new() { Octaves = 1, Steps = 12, StepSize = 3f, Jitter = 2, Layers = [new LayerObjective("conv1")] };

    public RegularizerTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
        _grey = TestImages.Random(64, 64, 11, 120, 136);
    }

    private Tensor Dream(DreamSettings settings) => new DreamPipeline(_network, settings).Dream(_grey).Image;

    [Fact]
    public void Total_variation_lowers_high_frequency_energy()
    {
        using var plain = Dream(Base);
        using var smooth = Dream(Base with { TotalVariation = 1.5f });
        Assert.True(TestImages.HighFrequencyEnergy(smooth) < 0.7 * TestImages.HighFrequencyEnergy(plain));
    }

    [Fact]
    public void Gradient_blur_lowers_high_frequency_energy()
    {
        using var plain = Dream(Base);
        using var blurred = Dream(Base with { GradientBlur = [1f, 2f] });
        Assert.True(TestImages.HighFrequencyEnergy(blurred) < 0.5 * TestImages.HighFrequencyEnergy(plain));
    }

    [Fact]
    public void L2_decay_pulls_pixels_towards_grey()
    {
        using var plain = Dream(Base);
        using var decayed = Dream(Base with { L2Decay = 0.05f });
        double Spread(Tensor t) => t.sub(127.5).square().mean().item<float>();
        Assert.True(Spread(decayed) < 0.8 * Spread(plain));
    }

    [Fact]
    public void Preserve_colors_changes_only_luminance()
    {
        using var result = Dream(Base with { PreserveColors = true, Steps = 4, StepSize = 1f });
        using var change = result - _grey;
        // The same change on R, G and B: no pixel's colour (chroma) moves.
        Assert.True(change[0, 0].sub(change[0, 1]).abs().max().item<float>() < 1e-3);
        Assert.True(change[0, 1].sub(change[0, 2]).abs().max().item<float>() < 1e-3);
        Assert.True(change.abs().mean().item<float>() > 0.1);
        using var free = Dream(Base with { Steps = 4, StepSize = 1f });
        using var freeChange = free - _grey;
        Assert.True(freeChange[0, 0].sub(freeChange[0, 1]).abs().mean().item<float>() > 0.1);
    }

    [Theory]
    [InlineData(StepSchedule.Linear, new[] { 2f, 1.5f, 1f, 0.5f, 0f })]
    [InlineData(StepSchedule.Cosine, new[] { 2f, 1.70710677f, 1f, 0.29289323f, 0f })]
    [InlineData(StepSchedule.Constant, new[] { 2f, 2f, 2f, 2f, 2f })]
    public void Step_schedule_moves_from_start_to_end(StepSchedule schedule, float[] expected)
    {
        var settings = new DreamSettings { StepSize = 2f, StepSizeEnd = 0f, Schedule = schedule };
        for (int step = 0; step < 5; step++) Assert.Equal(expected[step], settings.StepSizeAt(step, 5), 5);
    }

    [Fact]
    public void Decreasing_schedule_moves_the_image_less_than_constant()
    {
        using var constant = Dream(Base with { Steps = 6 });
        using var decreasing = Dream(Base with { Steps = 6, StepSizeEnd = 0f, Schedule = StepSchedule.Linear });
        Assert.True(decreasing.sub(_grey).abs().mean().item<float>() < 0.7 * constant.sub(_grey).abs().mean().item<float>());
    }

    public void Dispose()
    {
        _grey.Dispose();
        _network.Dispose();
    }
}
