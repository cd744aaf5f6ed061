using DeepDream.Dreaming;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

public sealed class ImageTransformTests
{
    public ImageTransformTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Without_scale_and_rotation_a_draw_takes_only_the_shift_from_the_random_sequence()
    {
        var settings = new DreamSettings { Jitter = 8 };
        Random drawn = new(5), expected = new(5);

        var view = ImageTransform.Draw(settings, drawn);

        Assert.Equal(new ImageTransform(expected.Next(-8, 9), expected.Next(-8, 9)), view);
        Assert.True(view.IsShiftOnly);
        Assert.Equal(expected.Next(), drawn.Next());
    }

    [Fact]
    public void Scale_and_rotation_are_drawn_within_their_limits()
    {
        var settings = new DreamSettings { Jitter = 0, RandomScale = 0.1f, RandomRotation = 5 };
        var random = new Random(1);
        var views = Enumerable.Range(0, 200).Select(_ => ImageTransform.Draw(settings, random)).ToArray();

        Assert.All(views, v => Assert.InRange(v.Scale, 0.9, 1.1));
        Assert.All(views, v => Assert.InRange(v.Degrees, -5, 5));
        Assert.True(views.Max(v => v.Scale) > 1.08 && views.Min(v => v.Degrees) < -4.5);
    }

    [Fact]
    public void Warp_at_scale_one_without_a_turn_returns_the_image()
    {
        using var image = rand(2, 3, 7, 9);
        using var warped = new ImageTransform(0, 0).Warp(image);
        Assert.True(allclose(warped, image, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void A_quarter_turn_anticlockwise_takes_the_top_row_to_the_left_column()
    {
        using var image = rand(1, 3, 8, 8);
        using var turned = new ImageTransform(0, 0, Degrees: 90).Warp(image);

        // The top row, read right to left, becomes the left column read top to bottom.
        Assert.True(allclose(turned[0, .., .., 0], image[0, .., 0, ..].flip(1), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void The_gradient_flows_back_through_the_warp_to_the_image()
    {
        using var network = new IdentityNetwork();
        using var objective = new Objective(network, new DreamSettings { Layers = [new LayerObjective("input")] });
        var gradients = new GradientComputer(objective, 0, long.MaxValue, 12, 12);
        var view = new ImageTransform(2, -1, Scale: 1.07, Degrees: 4);
        using var image = rand(1, 3, 12, 12).mul_(255);

        var (gradient, value) = gradients.Compute(image, view);

        using var x = image.detach().requires_grad_(true);
        using var expected = objective.Evaluate(view.Warp(x).roll([2, -1], [2, 3]));
        expected.backward();
        Assert.Equal(expected.item<float>(), value, 3);
        Assert.True(allclose(gradient, x.grad!, rtol: 1e-4, atol: 1e-6));
        gradient.Dispose();
    }
}
