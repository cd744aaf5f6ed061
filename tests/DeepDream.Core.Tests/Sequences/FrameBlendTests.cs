using DeepDream.Imaging;
using DeepDream.Runtime;
using DeepDream.Sequences;

namespace DeepDream.Tests.Sequences;

public sealed class FrameBlendTests
{
    public FrameBlendTests() => TorchRuntime.EnsureLoaded();

    private static RgbImage Uniform(int width, int height, byte value, byte[]? alpha = null) =>
        new(width, height, Enumerable.Repeat(value, width * height * 3).ToArray(), alpha);

    [Fact]
    public void Mixes_the_previous_dream_into_the_frame_by_the_blend()
    {
        var previous = new RgbImage(2, 1, [200, 0, 100, 40, 40, 40]);
        var frame = new RgbImage(2, 1, [100, 100, 100, 200, 0, 40]);
        var blended = FrameBlend.Blend(previous, frame, blend: 0.25, dreamSize: (1, 2))!;
        // 0.25·previous + 0.75·frame, channel by channel.
        Assert.Equal(new byte[] { 125, 75, 100, 160, 10, 40 }, blended.Rgb);
    }

    [Fact]
    public void Keeps_the_frames_alpha()
    {
        byte[] alpha = [255, 0, 128, 7];
        var blended = FrameBlend.Blend(Uniform(2, 2, 0), Uniform(2, 2, 100, alpha), 0.5, dreamSize: (2, 2))!;
        Assert.Equal(alpha, blended.Alpha);
        Assert.All(blended.Rgb, value => Assert.Equal(50, value));
    }

    [Fact]
    public void Scales_up_a_previous_dream_that_the_size_limit_shrank()
    {
        // An 8×4 frame is dreamed at 4×2 under a size limit of 4; the previous dream has that size.
        var blended = FrameBlend.Blend(Uniform(4, 2, 200), Uniform(8, 4, 100), 0.5, dreamSize: (2, 4))!;
        Assert.Equal((8, 4), (blended.Width, blended.Height));
        Assert.All(blended.Rgb, value => Assert.Equal(150, value));
    }

    [Fact]
    public void A_frame_of_another_size_is_not_blended()
    {
        Assert.Null(FrameBlend.Blend(Uniform(4, 4, 200), Uniform(6, 4, 100), 0.5, dreamSize: (4, 6)));
        Assert.Null(FrameBlend.Blend(Uniform(8, 4, 200), Uniform(8, 4, 100), 0.5, dreamSize: (2, 4)));
    }
}
