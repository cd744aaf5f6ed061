using DeepDream.Imaging;
using DeepDream.Models;

namespace DeepDream.Dreaming;

/// <summary>Dreams a decoded image: to a tensor on the network's device, through the <see cref="Dreamer"/>, and back (alpha kept).</summary>
public sealed class ImageDreamer(IDreamNetwork network)
{
    public DreamedImage Dream(RgbImage image, DreamSettings settings,
        IProgress<DreamProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var pixels = ImageTensor.ToTensor(image, network.Device);
        using var result = new Dreamer(network).Dream(pixels, settings, progress, cancellation);
        return new DreamedImage(ImageTensor.ToImage(result.Image, image.Alpha), result.Octaves);
    }
}
