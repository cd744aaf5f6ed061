using DeepDream.Imaging;
using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class FlowCoherenceTests
{
    private const int Width = 96, Height = 64;

    /// <summary>
    /// A "dream" of <paramref name="frame"/>: a smooth wave pattern (period 16 px, ±30 levels) added to its red channel,
    /// with the pattern's origin at (<paramref name="dx"/>, <paramref name="dy"/>).
    /// </summary>
    private static RgbImage WithWaves(RgbImage frame, int dx, int dy)
    {
        var rgb = (byte[])frame.Rgb.Clone();
        for (int y = 0; y < frame.Height; y++)
        for (int x = 0; x < frame.Width; x++)
        {
            int i = (y * frame.Width + x) * 3;
            double wave = 30 * Math.Sin(2 * Math.PI * (x - dx) / 16) * Math.Sin(2 * Math.PI * (y - dy) / 16);
            rgb[i] = (byte)Math.Clamp(Math.Round(rgb[i] + wave), 0, 255);
        }
        return new RgbImage(frame.Width, frame.Height, rgb);
    }

    [Fact]
    public void The_dream_detail_travels_with_the_scene()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.Frame(Width, Height, dx: 3, dy: 2);
        using var motion = FrameMotion.Estimate(previous, current);

        var start = FlowCoherence.Start(current, previous, WithWaves(previous, 0, 0), motion, carry: 1);

        // The waves, drawn on the previous frame, start the current dream moved by (3, 2) with the scene.
        Assert.InRange(MovingScene.InteriorDifference(start, WithWaves(current, 3, 2), 12), 0, 2);
        Assert.True(MovingScene.InteriorDifference(start, WithWaves(current, 0, 0), 12) > 5, "the waves did not move");
    }

    [Fact]
    public void Carry_scales_the_detail_and_zero_gives_the_plain_frame()
    {
        var frame = MovingScene.Frame(Width, Height);
        using var motion = FrameMotion.Estimate(frame, frame);
        var dreamed = new RgbImage(Width, Height, frame.Rgb.Select(value => (byte)Math.Min(255, value + 40)).ToArray());

        var half = FlowCoherence.Start(frame, frame, dreamed, motion, carry: 0.5);
        var none = FlowCoherence.Start(frame, frame, dreamed, motion, carry: 0);

        Assert.Equal(frame.Rgb, none.Rgb);
        for (int i = 0; i < frame.Rgb.Length; i++)
            Assert.Equal(Math.Min(255, frame.Rgb[i] + (dreamed.Rgb[i] - frame.Rgb[i]) / 2.0), half.Rgb[i], 0.51);
    }

    [Fact]
    public void Untracked_pixels_start_from_the_plain_frame()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.Frame(Width, Height, variant: 3);
        using var motion = FrameMotion.Estimate(previous, current);
        var dreamed = new RgbImage(Width, Height, previous.Rgb.Select(value => (byte)(value / 2)).ToArray());

        var start = FlowCoherence.Start(current, previous, dreamed, motion, carry: 1);

        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            if (motion.IsTracked(x, y)) continue;
            int i = (y * Width + x) * 3;
            Assert.Equal(current.Rgb[i..(i + 3)], start.Rgb[i..(i + 3)]);
        }
    }
}
