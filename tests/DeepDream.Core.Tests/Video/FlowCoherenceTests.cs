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

    private static RgbImage Plus(RgbImage image, int amount) =>
        new(image.Width, image.Height, image.Rgb.Select(value => (byte)Math.Clamp(value + amount, 0, 255)).ToArray());

    [Fact]
    public void The_dream_detail_travels_with_the_scene()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.Frame(Width, Height, dx: 3, dy: 2);

        var start = FlowCoherence.Start(current, previous, WithWaves(previous, 0, 0), carry: 1, (Height, Width))!;

        // The waves, drawn on the previous frame, start the current dream moved by (3, 2) with the scene.
        Assert.InRange(MovingScene.InteriorDifference(start, WithWaves(current, 3, 2), 12), 0, 2);
        Assert.True(MovingScene.InteriorDifference(start, WithWaves(current, 0, 0), 12) > 5, "the waves did not move");
    }

    [Fact]
    public void Carry_scales_the_detail_and_zero_gives_the_plain_frame()
    {
        var frame = MovingScene.Frame(Width, Height);
        var dreamed = Plus(frame, 40);

        var half = FlowCoherence.Start(frame, frame, dreamed, carry: 0.5, (Height, Width))!;
        var none = FlowCoherence.Start(frame, frame, dreamed, carry: 0, (Height, Width))!;

        Assert.Equal(frame.Rgb, none.Rgb);
        for (int i = 0; i < frame.Rgb.Length; i++)
            Assert.Equal(frame.Rgb[i] + (dreamed.Rgb[i] - frame.Rgb[i]) / 2.0, half.Rgb[i], 0.51);
    }

    [Fact]
    public void Where_an_object_appears_the_plain_frame_is_dreamed()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.WithSquare(Width, Height, left: 40, top: 24, side: 16);

        var start = FlowCoherence.Start(current, previous, Plus(previous, 30), carry: 1, (Height, Width))!;

        for (int y = 26; y < 38; y++)
        for (int x = 42; x < 54; x++)
            Assert.Equal(250, start.Rgb[(y * Width + x) * 3]);
        Assert.InRange(start.Rgb[(8 * Width + 8) * 3] - current.Rgb[(8 * Width + 8) * 3], 29, 31);
    }

    [Fact]
    public void A_cut_or_a_change_of_size_starts_afresh()
    {
        var cat = MovingScene.Photo("cat_chelsea.jpg", Width, Height);
        var cup = MovingScene.Photo("coffee_cup.jpg", Width, Height);

        Assert.Null(FlowCoherence.Start(cup, cat, Plus(cat, 30), carry: 1, (Height, Width)));
        Assert.Null(FlowCoherence.Start(cat, MovingScene.Frame(Width, Height + 2), Plus(cat, 30), carry: 1, (Height, Width)));
        Assert.Null(FlowCoherence.Start(cat, cat, Plus(cat, 30), carry: 1, (Height / 2, Width / 2)));
    }

    [Fact]
    public void Frames_larger_than_the_dream_get_the_detail_scaled_up()
    {
        var previous = MovingScene.Frame(Width, Height);
        var halved = new byte[Width / 2 * (Height / 2) * 3];
        for (int y = 0; y < Height / 2; y++)
        for (int x = 0; x < Width / 2; x++)
        for (int c = 0; c < 3; c++)
        {
            int Value(int dx, int dy) => previous.Rgb[((2 * y + dy) * Width + 2 * x + dx) * 3 + c];
            halved[(y * (Width / 2) + x) * 3 + c] = (byte)Math.Round((Value(0, 0) + Value(1, 0) + Value(0, 1) + Value(1, 1)) / 4.0);
        }
        // The dream at half size: the frame shrunk by averaging 2x2 blocks, as the detail is measured against, plus 20.
        var dreamed = Plus(new RgbImage(Width / 2, Height / 2, halved), 20);

        var start = FlowCoherence.Start(previous, previous, dreamed, carry: 1, (Height / 2, Width / 2))!;

        Assert.Equal((Width, Height), (start.Width, start.Height));
        Assert.InRange(start.Rgb.Zip(previous.Rgb, (a, b) => (double)(a - b)).Average(), 19, 21);
    }
}
