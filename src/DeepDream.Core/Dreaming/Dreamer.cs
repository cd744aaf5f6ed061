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
    /// <exception cref="ImageTooSmallException">The image, at its own size, is smaller than the layers accept.</exception>
    /// <exception cref="DreamSettingsException">A setting is invalid, or a coarse octave is smaller than the layers accept.</exception>
    /// <exception cref="ModelFormatException">The network fails for another reason.</exception>
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

        // Full-size copies dominate memory on big photos: keep at most the original, the octave base, the detail
        // and the dreamed image alive, and none of them twice.
        using var original = image.to(float32, network.Device);
        var detail = zeros(1, 3, sizes[0].Height, sizes[0].Width, device: network.Device);
        Tensor dreamed = detail;
        for (int octave = 0; octave < sizes.Count; octave++)
        {
            var (height, width) = sizes[octave];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var octaveBase = ResizeTo(original, height, width);
            using (var previous = detail)
            using (var upscaled = ResizeTo(previous, height, width))
                dreamed = (octaveBase + upscaled).clamp_(0, 255);
            var gradients = new GradientComputer(objective, settings.TileSize, settings.AutoTilePixels, height, width);
            var values = new List<double>();
            try
            {
                for (int step = 0; step < settings.Steps; step++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    values.Add(MakeStep(dreamed, gradients, settings, settings.StepSizeAt(step, settings.Steps), blur, random));
                    progress?.Report(new DreamProgress(octave + 1, sizes.Count, step + 1, settings.Steps, height, width, values[^1]));
                }
            }
            catch (ModelFormatException error)
            {
                dreamed.Dispose();
                // Is it the size? Only then is there something better to say than the model's own error.
                if (InputSizeProbe.SmallestSide(objective, network.Device) is not { } smallest || Math.Min(height, width) >= smallest) throw;
                string layers = string.Join(", ", objective.Layers);
                var (imageHeight, imageWidth) = sizes[^1];
                if (Math.Min(imageHeight, imageWidth) < smallest)
                    throw new ImageTooSmallException(imageWidth, imageHeight, smallest, network.Name, layers, error);
                throw new DreamSettingsException(
                    $"the {width}x{height} octave is too small for {network.Name} at {layers}: " +
                    $"use fewer --octaves, a smaller --octave-scale or a larger image (the layers need at least {smallest}x{smallest})");
            }
            catch
            {
                dreamed.Dispose();
                throw;
            }
            reports.Add(new OctaveReport(height, width, values, clock.Elapsed.TotalSeconds));
            if (octave == sizes.Count - 1) break;
            detail = dreamed - octaveBase;
            dreamed.Dispose();
        }
        return new DreamResult(dreamed, reports);
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

    /// <summary>The image at another size; the same tensor (no copy) when the size already matches.</summary>
    private static Tensor ResizeTo(Tensor image, int height, int width) =>
        image.shape[2] == height && image.shape[3] == width ? image.alias() : ImageTensor.Resize(image, height, width);
}
