using DeepDream.Imaging;
using DeepDream.Pipeline;
using static TorchSharp.torch;

namespace DeepDream.Sequences;

/// <summary>
/// Temporal coherence for dreamed video: a frame's dream starts from a mix of the previous dreamed frame and the
/// frame itself, so the patterns carry over instead of flickering.
/// </summary>
public static class FrameBlend
{
    /// <summary>
    /// <c>blend × previousDreamed + (1 − blend) × frame</c>, rounded, at the frame's own size (the previous dream is
    /// scaled up when the size limit shrank it) with the frame's alpha. Null when the previous dream's size is not the
    /// size this frame will be dreamed at: a cut to footage of another size starts afresh.
    /// </summary>
    /// <param name="dreamSize">The size the frame will be dreamed at (<see cref="DreamPipeline.Plan"/>).</param>
    public static RgbImage? Blend(RgbImage previousDreamed, RgbImage frame, double blend, (int Height, int Width) dreamSize)
    {
        if ((previousDreamed.Height, previousDreamed.Width) != dreamSize) return null;

        using var scope = NewDisposeScope();
        var current = ImageTensor.ToTensor(frame, CPU);
        var previous = ImageTensor.ToTensor(previousDreamed, CPU);
        if (dreamSize != (frame.Height, frame.Width)) previous = ImageTensor.Resize(previous, frame.Height, frame.Width);
        return ImageTensor.ToImage(current.lerp(previous, blend), frame.Alpha);
    }
}
