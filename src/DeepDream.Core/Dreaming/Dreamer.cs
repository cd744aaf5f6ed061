using System.Diagnostics;
using System.Globalization;
using DeepDream.Dreaming.Regularizers;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// Gradient ascent on the input image, octave by octave, as in Google's DeepDream notebook: the weights stay fixed,
/// the image changes so that the objective (the chosen layers' activations) grows. <see cref="DreamPipeline"/>
/// completes the settings and plans the octaves; this is only the loop.
/// </summary>
internal sealed class Dreamer(IDreamNetwork network)
{
    /// <param name="image">1×3×H×W, RGB, 0-255, at the plan's size (any device; the dream runs on the network's).</param>
    /// <param name="settings">Completed settings (<see cref="DreamPipeline.Settings"/>).</param>
    /// <param name="plan">The octave sizes, coarsest first; the last is the image's.</param>
    /// <param name="guide">Optional guide image, same form, for guided dreams.</param>
    public DreamResult Dream(Tensor image, DreamSettings settings, DreamPlan plan, Tensor? guide = null,
        IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        using var objective = new Objective(network, settings, guide);
        using var blur = settings.GradientBlur.Count > 0 ? new GradientBlur(settings.GradientBlur, network.Device) : null;
        var random = new Random(settings.Seed);
        var reports = new List<OctaveReport>();

        // Full-size copies dominate memory on big photos: keep at most the original, the octave base, the detail
        // and the dreamed image alive, and none of them twice.
        using var original = image.to(float32, network.Device);
        var detail = zeros(1, 3, plan.Octaves[0].Height, plan.Octaves[0].Width, device: network.Device);
        for (int octave = 0; ; octave++)
        {
            var (height, width) = plan.Octaves[octave];
            long started = Stopwatch.GetTimestamp();
            using var octaveBase = ResizeTo(original, height, width);
            using var dreamed = AddDetail(octaveBase, detail);
            var gradients = new GradientComputer(objective, settings.TileSize, settings.AutoTilePixels, height, width);
            var values = new List<double>();
            try
            {
                for (int step = 0; step < plan.StepsPerOctave; step++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    values.Add(MakeStep(dreamed, gradients, settings, settings.StepSizeAt(step, plan.StepsPerOctave), blur, random));
                    events?.Report(new DreamStep(octave + 1, plan.Octaves.Count, step + 1, plan.StepsPerOctave, height, width, values[^1]));
                }
            }
            catch (ModelFormatException error) when (error.Message.Contains("too small", StringComparison.OrdinalIgnoreCase))
            {
                throw OctaveTooSmall(error, settings, objective, height, width);
            }
            reports.Add(new OctaveReport(height, width, values, Stopwatch.GetElapsedTime(started).TotalSeconds));
            events?.Report(new OctaveDone(octave + 1, plan.Octaves.Count, reports[^1]));
            if (octave == plan.Octaves.Count - 1) return new DreamResult(dreamed.alias(), reports);
            detail = dreamed - octaveBase;
        }
    }

    /// <summary>
    /// One ascent step, in place: take the objective's gradient at a random roll (jitter), normalise it by its mean
    /// absolute value, apply the regularisers, step, clamp to the pixel range. Returns the objective.
    /// </summary>
    private static double MakeStep(Tensor image, GradientComputer gradients, DreamSettings settings, float stepSize,
        GradientBlur? blur, Random random)
    {
        using var scope = NewDisposeScope();
        int dy = random.Next(-settings.Jitter, settings.Jitter + 1);
        int dx = random.Next(-settings.Jitter, settings.Jitter + 1);
        var (gradient, value) = gradients.Compute(image, dy, dx);
        Normalise(gradient);

        if (settings.TotalVariation > 0)
        {
            using var smoothing = TotalVariation.Gradient(image);
            gradient.add_(Normalise(smoothing), alpha: -settings.TotalVariation);
        }
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

    /// <summary>Divides by the mean absolute value, in place (the L1 norm needs no full-size temporary).</summary>
    private static Tensor Normalise(Tensor gradient)
    {
        using var meanAbs = gradient.norm(1f).div_(gradient.numel()).add_(1e-8);
        return gradient.div_(meanAbs);
    }

    /// <summary>The octave's start: its base plus the detail dreamed so far, scaled up; the detail is disposed.</summary>
    private static Tensor AddDetail(Tensor octaveBase, Tensor detail)
    {
        using (detail)
        using (var upscaled = ResizeTo(detail, (int)octaveBase.shape[2], (int)octaveBase.shape[3]))
            return (octaveBase + upscaled).clamp_(0, 255);
    }

    /// <summary>The image at another size; the same tensor (no copy) when the size already matches.</summary>
    private static Tensor ResizeTo(Tensor image, int height, int width) =>
        image.shape[2] == height && image.shape[3] == width ? image.alias() : ImageTensor.Resize(image, height, width);

    private DreamSettingsException OctaveTooSmall(ModelFormatException error, DreamSettings settings, Objective objective, int height, int width) =>
        new(nameof(DreamSettings.Octaves), settings.Octaves.ToString(CultureInfo.InvariantCulture),
            $"the {width}x{height} octave is too small for {network.Name} at {string.Join(", ", objective.Layers)}: " +
            $"use fewer octaves, a smaller octave scale or a larger image ({error.Message})");
}
