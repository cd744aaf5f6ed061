using DeepDream.Dreaming.Parameterizations;
using DeepDream.Runtime;
using DeepDream.Tests.Dreaming;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming.Parameterizations;

public sealed class ParameterSpaceTests
{
    public ParameterSpaceTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Pixels_at_the_ends_of_the_range_that_the_gradient_pushes_out_are_left_out()
    {
        using var space = ParameterSpace.For(Parameterization.Pixel, decorrelateColors: true, [1, 3, 1, 3], CPU)!;
        using var image = tensor(new float[] { 255, 255, 0, 255, 255, 0, 255, 255, 0 }, [1, 3, 1, 3]);
        using var gradient = tensor(new float[] { 1, -1, -1, 1, -1, -1, 1, -1, -1 }, [1, 3, 1, 3]);

        using var step = space.Step(gradient, image);

        // The first pixel is white and pushed whiter, the last black and pushed blacker: no step. The middle one
        // is white but pushed darker: it moves.
        Assert.Equal(0, step[0, .., 0, 0].abs().sum().item<float>());
        Assert.Equal(0, step[0, .., 0, 2].abs().sum().item<float>());
        Assert.True(step[0, .., 0, 1].sum().item<float>() < -0.5);
    }

    [Fact]
    public void Plain_pixels_have_no_other_coordinates() =>
        Assert.Null(ParameterSpace.For(Parameterization.Pixel, decorrelateColors: false, [1, 3, 8, 8], CPU));

    [Fact]
    public void The_first_decorrelated_step_moves_every_colour_coordinate_by_one_in_its_direction()
    {
        // Adam's first step is the gradient's sign in the coefficients: here C sign(Cᵀ g) per pixel.
        using var space = ParameterSpace.For(Parameterization.Pixel, decorrelateColors: true, [1, 3, 2, 2], CPU)!;
        using var gradient = randn(1, 3, 2, 2, generator: new TorchSharp.torch.Generator(3));
        using var grey = Grey(gradient);
        using var step = space.Step(gradient, grey);

        var c = ColorDecorrelation.Matrix;
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                var g = Enumerable.Range(0, 3).Select(i => (double)gradient[0, i, y, x].item<float>()).ToArray();
                var signs = Enumerable.Range(0, 3).Select(j => Math.Sign(Enumerable.Range(0, 3).Sum(i => c[i, j] * g[i]))).ToArray();
                for (int i = 0; i < 3; i++)
                    Assert.Equal(Enumerable.Range(0, 3).Sum(j => c[i, j] * signs[j]), step[0, i, y, x].item<float>(), 4);
            }
        }
    }

    [Fact]
    public void A_Fourier_step_holds_less_fine_detail_than_the_gradient_it_follows()
    {
        using var space = ParameterSpace.For(Parameterization.Fourier, decorrelateColors: true, [1, 3, 32, 32], CPU)!;
        using var gradient = randn(1, 3, 32, 32, generator: new TorchSharp.torch.Generator(5));
        using var grey = Grey(gradient);
        using var step = space.Step(gradient, grey);

        double Fine(Tensor t) => TestImages.HighFrequencyEnergy(t) / t.square().mean().item<float>();
        // White noise: 4; a 1/f spectrum on 32×32: about 1.3.
        Assert.True(Fine(step) < Fine(gradient) / 2.5, $"step {Fine(step):F3}, gradient {Fine(gradient):F3}");
    }

    [Theory]
    [InlineData(Parameterization.Fourier)]
    [InlineData(Parameterization.Laplacian)]
    public void Momentum_damps_a_gradient_that_turns_back(Parameterization parameterization)
    {
        using var space = ParameterSpace.For(parameterization, decorrelateColors: false, [1, 3, 16, 16], CPU)!;
        using var gradient = randn(1, 3, 16, 16, generator: new TorchSharp.torch.Generator(9));
        using var grey = Grey(gradient);
        using var first = space.Step(gradient, grey);
        using var reversed = gradient.neg();
        using var second = space.Step(reversed, grey);

        Assert.True(second.abs().mean().item<float>() < 0.1 * first.abs().mean().item<float>());
    }

    private static Tensor Grey(Tensor like) => full_like(like, 127.5);
}
