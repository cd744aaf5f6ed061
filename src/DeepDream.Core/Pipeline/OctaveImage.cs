using DeepDream.Imaging;
using static TorchSharp.torch;

namespace DeepDream.Pipeline;

/// <summary>
/// The image at the end of an octave, at that octave's size, handed out with <see cref="OctaveDone"/>. It can be read
/// only while the event is being reported (synchronously, on the dreaming thread): the dream goes on with the same
/// pixels afterwards. Converting costs a copy, so a listener that does not need it pays nothing.
/// </summary>
public sealed class OctaveImage
{
    private Tensor? _pixels;

    internal OctaveImage(Tensor pixels) => _pixels = pixels;

    /// <summary>The pixels now, as an opaque RGB image of the octave's size.</summary>
    /// <exception cref="ObjectDisposedException">Called after the event was reported.</exception>
    public RgbImage ToImage()
    {
        ObjectDisposedException.ThrowIf(_pixels is null, this);
        return ImageTensor.ToImage(_pixels);
    }

    /// <summary>Ends access once the event has been reported.</summary>
    internal void Expire() => _pixels = null;
}
