using static TorchSharp.torch;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>
/// Decorrelated colour: the dream's colour coordinates are the principal axes of ImageNet's RGB correlation,
/// scaled by their standard deviations, so one step changes luminance and the two colour-opponent axes in the
/// proportions photos have, instead of pushing R, G and B independently.
/// </summary>
/// <remarks>
/// The matrix is the square root of ImageNet's colour correlation as published by Lucid
/// (tensorflow/lucid, <c>lucid/optvis/param/color.py</c>, <c>color_correlation_svd_sqrt</c>), normalised by its
/// largest column norm as Lucid does; it is not estimated here.
/// </remarks>
public static class ColorDecorrelation
{
    /// <summary>Rows: R, G, B; columns: the decorrelated axes (luminance first).</summary>
    private static readonly float[,] SvdSqrt =
    {
        { 0.26f, 0.09f, 0.02f },
        { 0.27f, 0.00f, -0.05f },
        { 0.27f, -0.09f, 0.03f },
    };

    /// <summary>
    /// The 3×3 matrix taking decorrelated colours to RGB (Lucid's <c>color_correlation_normalized</c>): the
    /// published square root divided by its largest column norm.
    /// </summary>
    public static float[,] Matrix { get; } = Normalised();

    /// <summary>
    /// RGB from decorrelated colours: N×3×H×W in, N×3×H×W out (same device), differentiable. Offsets are the
    /// caller's: this is the linear part only.
    /// </summary>
    public static Tensor ToRgb(Tensor decorrelated)
    {
        using var scope = NewDisposeScope();
        var matrix = tensor(Matrix.Cast<float>().ToArray(), [3, 3], device: decorrelated.device);
        return einsum("ij,njhw->nihw", matrix, decorrelated).MoveToOuterDisposeScope();
    }

    private static float[,] Normalised()
    {
        double largest = Enumerable.Range(0, 3)
            .Max(column => Math.Sqrt(Enumerable.Range(0, 3).Sum(row => (double)SvdSqrt[row, column] * SvdSqrt[row, column])));
        var matrix = new float[3, 3];
        for (int row = 0; row < 3; row++)
            for (int column = 0; column < 3; column++)
                matrix[row, column] = (float)(SvdSqrt[row, column] / largest);
        return matrix;
    }
}
