using static TorchSharp.torch;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>
/// The real 2-D Fourier transform with each coefficient scaled by 1 / max(f, 1 / max(H, W)), f the frequency in
/// cycles per pixel (Lucid's <c>fft_image</c> with decay power 1): an equal change of every coefficient makes an
/// image change whose amplitude falls as 1/f, as natural photos' spectra do. The transform is orthonormal, so
/// without the scaling one coefficient unit is one pixel unit.
/// </summary>
internal sealed class FourierBasis : ISpatialBasis
{
    private readonly Tensor _scale;
    private readonly long _height, _width;

    /// <param name="imageShape">N×3×H×W.</param>
    public FourierBasis(long[] imageShape, Device device)
    {
        _height = imageShape[2];
        _width = imageShape[3];
        long columns = _width / 2 + 1;
        Shapes = [[imageShape[0], imageShape[1], _height, columns, 2]];
        using var scope = NewDisposeScope();
        var fy = fft.fftfreq(_height, device: device).view(-1, 1);
        var fx = fft.rfftfreq(_width, device: device).view(1, -1);
        var frequency = (fy.square() + fx.square()).sqrt();
        _scale = frequency.clamp_min(1.0 / Math.Max(_height, _width)).reciprocal().MoveToOuterDisposeScope();
    }

    public IReadOnlyList<long[]> Shapes { get; }

    public Tensor Synthesize(IReadOnlyList<Tensor> coefficients)
    {
        using var scope = NewDisposeScope();
        var spectrum = view_as_complex(coefficients[0]).mul(_scale);
        return fft.irfft2(spectrum, s: [_height, _width], norm: TorchSharp.FFTNormType.Ortho).MoveToOuterDisposeScope();
    }

    public void Dispose() => _scale.Dispose();
}
