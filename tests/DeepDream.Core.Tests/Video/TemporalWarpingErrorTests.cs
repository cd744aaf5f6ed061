using DeepDream.Imaging;
using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class TemporalWarpingErrorTests
{
    private const int Width = 96, Height = 64;

    [Fact]
    public void A_dream_that_moves_with_the_scene_scores_near_zero_and_one_that_stays_put_scores_its_shift()
    {
        var previous = MovingScene.Frame(Width, Height);
        var current = MovingScene.Frame(Width, Height, dx: 3, dy: 2);
        using var motion = FrameMotion.Estimate(previous, current);

        double? moving = TemporalWarpingError.Between(motion, previous, current);
        // A "dream" pinned to the screen: the previous dreamed frame shown again unchanged.
        double? pinned = TemporalWarpingError.Between(motion, previous, previous);

        Assert.InRange(moving!.Value, 0, 2.5);
        Assert.InRange(pinned!.Value, 8 * moving.Value, 255);
    }

    [Fact]
    public void A_uniform_change_on_tracked_pixels_is_measured_exactly()
    {
        var frame = MovingScene.Uniform(Width, Height, 100);
        var textured = MovingScene.Frame(Width, Height);
        using var motion = FrameMotion.Estimate(textured, textured);

        Assert.Equal(20, TemporalWarpingError.Between(motion, frame, MovingScene.Uniform(Width, Height, 120)));
    }

    [Fact]
    public void Dreamed_frames_of_another_size_are_refused() =>
        Assert.Throws<ArgumentException>(() =>
        {
            var frame = MovingScene.Frame(Width, Height);
            using var motion = FrameMotion.Estimate(frame, frame);
            TemporalWarpingError.Between(motion, frame, new RgbImage(Width + 1, Height, new byte[(Width + 1) * Height * 3]));
        });
}
