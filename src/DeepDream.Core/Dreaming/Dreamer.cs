using DeepDream.Dreaming.Regularizers;
using DeepDream.Imaging;
using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// Gradient ascent on the input image, octave by octave, as in Google's DeepDream notebook: the weights stay fixed,
/// the image changes so that the objective (the chosen layers' activations) grows.
/// </summary>
public sealed class Dreamer(IDreamNetwork network)
{
    /// <param name="image">1×3×H×W, RGB, 0-255 (any device; the dream runs on the network's).</param>
    /// <param name="guide">Optional guide image, same form, for guided dreams.</param>
    public DreamResult Dream(Tensor image, DreamSettings settings,
        IProgress<DreamProgress>? progress = null, CancellationToken cancellation = default, Tensor? guide = null)
    {
        settings.Validate();
        using var guidePixels = guide?.to(float32, network.Device);
        using var objective = new Objective(network, settings, guidePixels);
        using var blur = settings.GradientBlur.Count > 0 ? new GradientBlur(settings.GradientBlur, network.Device) : null;
        var random = new Random(settings.Seed);
        var sizes = Pyramid.Sizes((int)image.shape[2], (int)image.shape[3], settings.Octaves, settings.OctaveScale);
        var reports = new List<OctaveReport>();

        using var original = image.to(float32, network.Device);
        var detail = zeros(1, 3, sizes[0].Height, sizes[0].Width, device: network.Device);
        Tensor dreamed = detail;
        for (int octave = 0; octave < sizes.Count; octave++)
        {
            var (height, width) = sizes[octave];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var octaveBase = ImageTensor.Resize(original, height, width);
            using (var previous = detail) detail = ImageTensor.Resize(previous, height, width);
            dreamed = (octaveBase + detail).clamp_(0, 255);
            var gradients = new GradientComputer(objective, settings.TileSize, settings.AutoTilePixels, height, width);
            var values = new List<double>();
            for (int step = 0; step < settings.Steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                values.Add(MakeStep(dreamed, gradients, settings, settings.StepSizeAt(step, settings.Steps), blur, random));
                progress?.Report(new DreamProgress(octave + 1, sizes.Count, step + 1, settings.Steps, height, width, values[^1]));
            }
            reports.Add(new OctaveReport(height, width, values, clock.Elapsed.TotalSeconds));
            detail.Dispose();
            detail = dreamed - octaveBase;
            if (octave < sizes.Count - 1) dreamed.Dispose();
        }
        detail.Dispose();
        return new DreamResult(dreamed, reports);
    }

    /// <summary>
    /// One ascent step, in place: roll by a random jitter, take the objective's gradient, normalise it by its mean
    /// absolute value, apply the regularisers, unroll, step, clamp to the pixel range. Returns the objective.
    /// </summary>
    private static double MakeStep(Tensor image, GradientComputer gradients, DreamSettings settings, float stepSize,
        GradientBlur? blur, Random random)
    {
        using var scope = NewDisposeScope();
        int dy = random.Next(-settings.Jitter, settings.Jitter + 1);
        int dx = random.Next(-settings.Jitter, settings.Jitter + 1);
        var (rolledGradient, value) = gradients.Compute(image.roll([dy, dx], [2, 3]));
        var gradient = Normalised(rolledGradient.roll([-dy, -dx], [2, 3]));

        if (settings.TotalVariation > 0)
            gradient.add_(Normalised(TotalVariation.Gradient(image)), alpha: -settings.TotalVariation);
        if (blur is not null) gradient = blur.Apply(gradient);
        if (settings.PreserveColors) gradient = LuminanceProjection.Apply(gradient);

        using (no_grad())
        {
            image.add_(gradient, alpha: stepSize);
            if (settings.L2Decay > 0) image.sub_(127.5).mul_(1 - settings.L2Decay).add_(127.5);
            image.clamp_(0, 255);
        }
        return value;
    }

    private static Tensor Normalised(Tensor gradient) => gradient.div(gradient.abs().mean().add(1e-8));
}
