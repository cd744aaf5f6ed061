using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class FrameMotionTests
{
    private const int Width = 96, Height = 64;

    [Fact]
    public void A_known_shift_is_found_and_warping_moves_the_previous_frame_onto_the_current()
    {
        // The content moves 3 px right and 2 px down, so each pixel of the current frame was 3 px left and 2 px up.
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.Frame(Width, Height, dx: 3, dy: 2);

        using var motion = FrameMotion.Estimate(previous, current);

        var interior = (from y in Enumerable.Range(12, Height - 24) from x in Enumerable.Range(12, Width - 24) select (x, y)).ToList();
        foreach (var (x, y) in interior)
        {
            int i = 2 * (y * Width + x);
            Assert.InRange(motion.Backward[i], -3.4f, -2.6f);
            Assert.InRange(motion.Backward[i + 1], -2.4f, -1.6f);
            Assert.True(motion.IsTracked(x, y), $"({x}, {y}) is not tracked");
        }
        Assert.Equal(-3, interior.Average(p => motion.Backward[2 * (p.y * Width + p.x)]), 0.1);
        Assert.Equal(-2, interior.Average(p => motion.Backward[2 * (p.y * Width + p.x) + 1]), 0.1);
        Assert.True(MovingScene.InteriorDifference(previous, current, 8) > 20, "the frames themselves differ");
        Assert.InRange(MovingScene.InteriorDifference(motion.Warp(previous), current, 8), 0, 2);
        Assert.False(motion.IsCut);
    }

    [Fact]
    public void An_object_that_appears_is_not_tracked_and_the_ground_around_it_is()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.WithSquare(Width, Height, left: 40, top: 24, side: 16);

        using var motion = FrameMotion.Estimate(previous, current);

        var inside = from y in Enumerable.Range(26, 12) from x in Enumerable.Range(42, 12) select (x, y);
        Assert.All(inside, pixel => Assert.False(motion.IsTracked(pixel.x, pixel.y), $"{pixel} is on the new object"));
        var farAway = from y in Enumerable.Range(4, 12) from x in Enumerable.Range(4, 24) select (x, y);
        Assert.All(farAway, pixel => Assert.True(motion.IsTracked(pixel.x, pixel.y), $"{pixel} is still ground"));
    }

    [Fact]
    public void A_still_frame_is_tracked_everywhere_and_a_change_of_scene_is_a_cut()
    {
        using var still = FrameMotion.Estimate(MovingScene.Frame(Width, Height), MovingScene.Frame(Width, Height));
        using var cut = FrameMotion.Estimate(MovingScene.Photo("cat_chelsea.jpg", Width, Height), MovingScene.Photo("coffee_cup.jpg", Width, Height));

        Assert.Equal((1.0, false), (still.TrackedFraction, still.IsCut));
        Assert.True(cut.IsCut, $"tracked fraction {cut.TrackedFraction}");
    }

    [Fact]
    public void Frames_of_different_sizes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FrameMotion.Estimate(MovingScene.Frame(Width, Height), MovingScene.Frame(Width, Height + 2)));
        Assert.Contains("96x64 and 96x66", error.Message);
    }
}
