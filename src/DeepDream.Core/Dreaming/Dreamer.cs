using System.Diagnostics;
using DeepDream.Dreaming.Parameterizations;
using DeepDream.Dreaming.Regularizers;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// Gradient ascent on the input image, octave by octave, as in Google's DeepDream notebook: the weights stay fixed,
/// the image changes so that the objective (the chosen layers' activations) grows; several images of one size can
/// climb together. <see cref="DreamPipeline"/> completes the settings and plans the octaves; this is only the loop.
/// </summary>
internal sealed class Dreamer(IDreamNetwork network)
{
    /// <param name="image">N×3×H×W, RGB, 0-255, float32 or uint8, at the plan's size (any device; the dream runs on the network's).</param>
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

        // Full-size copies dominate memory on big photos: keep at most the original (in its own type: uint8 from a
        // photo), the octave base, the detail and the dreamed image alive, and none of them twice. At the image's own
        // size the base is the original itself, so the last octave makes no float copy of the start.
        using var original = image.to(network.Device);
        var detail = zeros(image.shape[0], 3, plan.Octaves[0].Height, plan.Octaves[0].Width, device: network.Device);
        for (int octave = 0; ; octave++)
        {
            var (height, width) = plan.Octaves[octave];
            long started = Stopwatch.GetTimestamp();
            using var octaveBase = ResizeTo(original, height, width);
            using var dreamed = AddDetail(octaveBase, detail);
            var gradients = new GradientComputer(objective, settings.TileSize, settings.AutoTilePixels, height, width);
            using var parameters = ParameterSpace.For(settings.Parameterization, settings.DecorrelateColors, dreamed.shape, network.Device);
            var values = new List<double>();
            for (int step = 0; step < plan.StepsPerOctave; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                float stepSize = settings.StepSizeAt(step, plan.StepsPerOctave);
                values.Add(MakeStep(dreamed, gradients, parameters, settings, stepSize, blur, random));
                events?.Report(new DreamStep(octave + 1, plan.Octaves.Count, step + 1, plan.StepsPerOctave, height, width, values[^1]));
            }
            // The tiles' activations, freed but kept mapped by NativeHeap's settings, would lie under the next
            // octave's full-size tensors (or the output's): on a large photo that set the peak.
            if (gradients.Tiled) NativeHeap.Release();
            reports.Add(new OctaveReport(height, width, values, Stopwatch.GetElapsedTime(started).TotalSeconds));
            if (events is not null)
            {
                var picture = new OctaveImage(dreamed);
                events.Report(new OctaveDone(octave + 1, plan.Octaves.Count, reports[^1]) { Image = picture });
                picture.Expire();
            }
            if (octave == plan.Octaves.Count - 1) return new DreamResult(dreamed.alias(), reports);
            detail = dreamed - octaveBase;
        }
    }

    /// <summary>
    /// One ascent step, in place: take the objective's gradient through a random view of the image (roll, and scale
    /// and rotation when asked), normalise it by its mean absolute value, apply the regularisers, turn it into the
    /// parameterisation's step (Fourier, Laplacian or decorrelated colour; normalised again), step, clamp to the
    /// pixel range. Returns the objective.
    /// </summary>
    private static double MakeStep(Tensor image, GradientComputer gradients, ParameterSpace? parameters,
        DreamSettings settings, float stepSize, GradientBlur? blur, Random random)
    {
        using var scope = NewDisposeScope();
        var (gradient, value) = gradients.Compute(image, ImageTransform.Draw(settings, random));
        Normalise(gradient);

        if (settings.TotalVariation > 0)
        {
            using var smoothing = TotalVariation.Gradient(image);
            gradient.add_(Normalise(smoothing), alpha: -settings.TotalVariation);
        }
        if (blur is not null) gradient = blur.Apply(gradient);
        if (parameters is not null) gradient = Normalise(parameters.Step(gradient, image));
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

    /// <summary>
    /// The octave's start (float32): its base plus the detail dreamed so far, scaled up, summed into the scaled-up
    /// detail (the same numbers as a new sum: float addition is commutative and the base's uint8 values are exact in
    /// float32); the detail is disposed.
    /// </summary>
    internal static Tensor AddDetail(Tensor octaveBase, Tensor detail)
    {
        using (detail)
            return ResizeTo(detail, (int)octaveBase.shape[2], (int)octaveBase.shape[3]).add_(octaveBase).clamp_(0, 255);
    }

    /// <summary>
    /// The image at another size (float32, <see cref="ImageTensor.Resize"/>); the same tensor in its own type (no
    /// copy) when the size already matches.
    /// </summary>
    internal static Tensor ResizeTo(Tensor image, int height, int width) =>
        image.shape[2] == height && image.shape[3] == width ? image.alias() : ImageTensor.Resize(image, height, width);
}
