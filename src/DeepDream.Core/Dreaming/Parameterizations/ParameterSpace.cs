using static TorchSharp.torch;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>
/// Steps taken in the coordinates of an image parameterisation, as Lucid takes them. The image stays in pixels;
/// the parameterisation is linear (pixels = colour matrix × basis synthesis of the coefficients), so each step
/// pulls the pixel gradient back into the coefficients (the transpose of the synthesis, by autograd through it),
/// moves every coefficient by Adam's normalised amount, and synthesises that move as a pixel change. Equal moves
/// of all coefficients give a change with the statistics the basis encodes: a 1/f spectrum (Fourier), all scales
/// alike (Laplacian), photo-like colour (decorrelated colour). Adam's moments live for one octave.
/// </summary>
internal sealed class ParameterSpace : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly ISpatialBasis _basis;
    private readonly bool _decorrelate;
    private readonly Tensor[] _mean, _square;
    private int _steps;

    private ParameterSpace(ISpatialBasis basis, bool decorrelate, Device device)
    {
        _basis = basis;
        _decorrelate = decorrelate;
        _mean = basis.Shapes.Select(shape => zeros(shape, device: device)).ToArray();
        _square = basis.Shapes.Select(shape => zeros(shape, device: device)).ToArray();
    }

    /// <summary>The coordinates for images of <paramref name="imageShape"/> (N×3×H×W); null for plain pixels.</summary>
    public static ParameterSpace? For(Parameterization parameterization, bool decorrelateColors, long[] imageShape, Device device) =>
        parameterization switch
        {
            Parameterization.Pixel when !decorrelateColors => null,
            Parameterization.Pixel => new ParameterSpace(new PixelBasis(imageShape), true, device),
            Parameterization.Fourier => new ParameterSpace(new FourierBasis(imageShape, device), decorrelateColors, device),
            Parameterization.Laplacian => new ParameterSpace(new LaplacianBasis(imageShape), decorrelateColors, device),
            _ => throw new ArgumentOutOfRangeException(nameof(parameterization), parameterization, null),
        };

    /// <summary>
    /// The pixel change (N×3×H×W, not normalised) of one ascent step for the ascent direction
    /// <paramref name="pixelGradient"/> at <paramref name="image"/> (both N×3×H×W, the image 0-255); updates Adam's
    /// moments. Pixels already at 0 or 255 that the gradient pushes further out are left out: the clamp after the
    /// step would undo their share, and Adam's moments would keep pushing against it.
    /// </summary>
    public Tensor Step(Tensor pixelGradient, Tensor image)
    {
        using var scope = NewDisposeScope();
        var outward = image.ge(255).logical_and(pixelGradient.gt(0)).logical_or_(image.le(0).logical_and(pixelGradient.lt(0)));
        var inward = pixelGradient.masked_fill(outward, 0);
        var coefficients = _basis.Shapes.Select(shape => zeros(shape, device: pixelGradient.device, requires_grad: true)).ToArray();
        using (enable_grad()) Synthesize(coefficients).backward([inward]);

        _steps++;
        double meanCorrection = 1 - Math.Pow(Beta1, _steps), squareCorrection = 1 - Math.Pow(Beta2, _steps);
        var moves = new Tensor[coefficients.Length];
        using (no_grad())
        {
            for (int i = 0; i < coefficients.Length; i++)
            {
                var gradient = coefficients[i].grad!;
                _mean[i].mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
                _square[i].mul_(Beta2).addcmul_(gradient, gradient, value: 1 - Beta2);
                moves[i] = _mean[i].div(meanCorrection).div_(_square[i].div(squareCorrection).sqrt_().add_(Epsilon));
            }
            return Synthesize(moves).MoveToOuterDisposeScope();
        }
    }

    private Tensor Synthesize(IReadOnlyList<Tensor> coefficients)
    {
        var image = _basis.Synthesize(coefficients);
        if (!_decorrelate) return image;
        using (image) return ColorDecorrelation.ToRgb(image);
    }

    public void Dispose()
    {
        _basis.Dispose();
        foreach (var tensor in _mean.Concat(_square)) tensor.Dispose();
    }
}
