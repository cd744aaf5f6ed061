using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>
/// A Laplacian pyramid: the image is a full-size layer plus layers of half, a quarter and an eighth of its size,
/// each bilinearly enlarged into the next (Lucid's <c>laplacian_pyramid_image</c>, four levels, summed
/// coarse-to-fine as a pyramid is rebuilt). Layers below 1 pixel are left out on tiny images.
/// </summary>
internal sealed class LaplacianBasis : ISpatialBasis
{
    /// <summary>Pyramid levels, the full-size one included (Lucid's default).</summary>
    public const int Levels = 4;

    /// <param name="imageShape">N×3×H×W.</param>
    public LaplacianBasis(long[] imageShape)
    {
        var shapes = new List<long[]>();
        long height = imageShape[2], width = imageShape[3];
        for (int level = 0; level < Levels && height >= 1 && width >= 1; level++)
        {
            shapes.Add([imageShape[0], imageShape[1], height, width]);
            (height, width) = (height / 2, width / 2);
        }
        Shapes = shapes;
    }

    public IReadOnlyList<long[]> Shapes { get; }

    public Tensor Synthesize(IReadOnlyList<Tensor> coefficients)
    {
        using var scope = NewDisposeScope();
        var image = coefficients[^1];
        for (int level = coefficients.Count - 2; level >= 0; level--)
        {
            var layer = coefficients[level];
            image = layer + F.interpolate(image, [layer.shape[2], layer.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        }
        return image.alias().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
    }
}
