using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>The dreamed images (N×3×H×W, as many as were dreamed together, RGB 0-255, on the network's device; the caller disposes it) and a per-octave report.</summary>
public sealed record DreamResult(Tensor Image, IReadOnlyList<OctaveReport> Octaves) : IDisposable
{
    public void Dispose() => Image.Dispose();
}
