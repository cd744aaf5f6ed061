using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Dreaming.Regularizers;

/// <summary>
/// Smooths the ascent direction with Gaussian blurs at several widths and averages them (the "multi-sigma gradient
/// smoothing" of later DeepDream tools): coarse structure grows, pixel-level noise does not.
/// </summary>
public sealed class GradientBlur : IDisposable
{
    private readonly List<(Tensor Kernel, int Radius)> _kernels = [];

    public GradientBlur(IReadOnlyList<float> sigmas, Device device)
    {
        foreach (var sigma in sigmas)
        {
            int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
            var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(i => MathF.Exp(-i * i / (2 * sigma * sigma))).ToArray();
            float sum = weights.Sum();
            _kernels.Add((tensor(weights.Select(w => w / sum).ToArray(), device: device), radius));
        }
    }

    /// <summary>The mean of the gradient blurred at each sigma (separable, reflect-padded, per channel).</summary>
    public Tensor Apply(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        long channels = gradient.shape[1];
        Tensor? total = null;
        foreach (var (kernel, radius) in _kernels)
        {
            var horizontal = kernel.view(1, 1, 1, -1).expand(channels, 1, 1, -1);
            var vertical = kernel.view(1, 1, -1, 1).expand(channels, 1, -1, 1);
            var padded = F.pad(gradient, [radius, radius, radius, radius], PaddingModes.Reflect);
            var blurred = F.conv2d(F.conv2d(padded, horizontal, groups: channels), vertical, groups: channels);
            total = total is null ? blurred : total.add_(blurred);
        }
        return total!.div_(_kernels.Count).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var (kernel, _) in _kernels) kernel.Dispose();
    }
}
