using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// Gradient ascent on the input image, octave by octave, as in Google's DeepDream notebook: the weights stay fixed,
/// the image changes so that the chosen layers' activations grow.
/// </summary>
public sealed class Dreamer(IDreamNetwork network)
{
    public DreamResult Dream(Tensor image, DreamSettings settings,
        IProgress<DreamProgress>? progress = null, CancellationToken cancellation = default)
    {
        settings.Validate();
        var objective = new Objective(network, settings.Layers);
        var jitter = new Random(settings.Seed);
        var sizes = Pyramid.Sizes((int)image.shape[2], (int)image.shape[3], settings.Octaves, settings.OctaveScale);
        var reports = new List<OctaveReport>();

        using var original = image.to(float32, network.Device);
        var detail = zeros(1, 3, sizes[0].Height, sizes[0].Width, device: network.Device);
        Tensor dreamed = detail;
        for (int octave = 0; octave < sizes.Count; octave++)
        {
            var (height, width) = sizes[octave];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var octaveBase = Pyramid.Resize(original, height, width);
            using (var previous = detail) detail = Pyramid.Resize(previous, height, width);
            dreamed = (octaveBase + detail).clamp_(0, 255);
            var values = new List<double>();
            for (int step = 0; step < settings.Steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                double value = MakeStep(dreamed, objective, settings, jitter);
                values.Add(value);
                progress?.Report(new DreamProgress(octave + 1, sizes.Count, step + 1, settings.Steps, height, width, value));
            }
            reports.Add(new OctaveReport(height, width, values, clock.Elapsed.TotalSeconds));
            detail.Dispose();
            detail = dreamed - octaveBase;
            if (octave < sizes.Count - 1) dreamed.Dispose();
        }
        detail.Dispose();
        return new DreamResult(dreamed, reports);
    }

    /// <summary>One ascent step, in place: roll, climb the objective, normalise the gradient, unroll, clamp.</summary>
    private static double MakeStep(Tensor image, Objective objective, DreamSettings settings, Random jitter)
    {
        using var scope = NewDisposeScope();
        int dy = jitter.Next(-settings.Jitter, settings.Jitter + 1);
        int dx = jitter.Next(-settings.Jitter, settings.Jitter + 1);
        var shifted = image.roll([dy, dx], [2, 3]).detach().requires_grad_(true);
        var value = objective.Evaluate(shifted);
        value.backward();
        var gradient = shifted.grad!.roll([-dy, -dx], [2, 3]);
        gradient.div_(gradient.abs().mean().add_(1e-8));
        using (no_grad())
            image.add_(gradient, alpha: settings.StepSize).clamp_(0, 255);
        return value.item<float>();
    }
}
