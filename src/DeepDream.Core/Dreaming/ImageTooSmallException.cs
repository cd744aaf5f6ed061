using DeepDream.Imaging;

namespace DeepDream.Dreaming;

/// <summary>
/// The image itself, at its own size (the finest octave), is smaller than the network accepts at the requested
/// layers. The message says the image's size and the smallest that works; <see cref="For"/> adds the file's name.
/// </summary>
public sealed class ImageTooSmallException(int width, int height, int minimumSide, string network, string layers, Exception inner)
    : DeepDreamException($"the image is {width}x{height} pixels, smaller than the {minimumSide}x{minimumSide} that {network} needs at {layers}", inner)
{
    /// <summary>Width of the image as dreamed (after any --max-size), pixels.</summary>
    public int Width { get; } = width;

    /// <summary>Height of the image as dreamed, pixels.</summary>
    public int Height { get; } = height;

    /// <summary>The smallest side, in pixels, that both sides of an image must reach.</summary>
    public int MinimumSide { get; } = minimumSide;

    /// <summary>The same refusal as a bad input naming <paramref name="source"/> (a file path, or &lt;stdin&gt;).</summary>
    public DreamInputException For(string source) => new($"{source}: {Message}", this);
}
