using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Pipeline;

/// <summary>
/// The front door of the library: a network, the settings completed for it, and an optional guide image, ready to
/// dream any number of images. Every command (one image, a batch, video frames, a zoom) is a thin driver of it.
/// </summary>
/// <remarks>
/// Built once: the settings are completed for the network (class labels resolved, the network's recommended layer
/// when no layer or class was asked for) and checked against it (layers, channels and classes exist, the objective
/// is not all zero weights), so a bad setting fails before the first image. Each dream then plans its pyramid once
/// (<see cref="Plan"/>), reports it, climbs the octaves with <see cref="Dreamer"/>, and writes the result through an
/// <see cref="ImageTarget"/> checked before the dream starts. The caller keeps ownership of the network.
/// </remarks>
public sealed class DreamPipeline
{
    private readonly Dreamer _dreamer;

    /// <param name="network">The network to climb; not disposed by the pipeline.</param>
    /// <param name="settings">The settings as asked for; see <see cref="Settings"/> for what is used.</param>
    /// <param name="guide">Guide image for guided dreams: the dream grows towards its features.</param>
    /// <exception cref="DreamSettingsException">
    /// A class label the network lacks, a channel or class out of range, no layer to use, or every layer weighted 0.
    /// </exception>
    /// <exception cref="UnknownLayerException">A layer the network does not have.</exception>
    public DreamPipeline(IDreamNetwork network, DreamSettings settings, RgbImage? guide = null)
    {
        Network = network;
        Settings = Complete(network, settings);
        Guide = guide;
        Objective.Check(network, Settings);
        _dreamer = new Dreamer(network);
    }

    private DreamPipeline(DreamPipeline source, DreamSettings settings)
    {
        Network = source.Network;
        Settings = settings;
        Guide = source.Guide;
        _dreamer = source._dreamer;
    }

    public IDreamNetwork Network { get; }

    /// <summary>
    /// The settings completed for <see cref="Network"/>: <see cref="DreamSettings.ClassLabels"/> resolved into
    /// <see cref="DreamSettings.Classes"/>, and <see cref="DreamSettings.Layers"/> never empty unless classes are given.
    /// </summary>
    public DreamSettings Settings { get; }

    public RgbImage? Guide { get; }

    /// <summary>
    /// This pipeline with another <see cref="DreamSettings.Seed"/> (a video frame's own), checked settings kept: the
    /// seed changes only the random rolls, so nothing needs checking again.
    /// </summary>
    public DreamPipeline WithSeed(int seed) => seed == Settings.Seed ? this : new DreamPipeline(this, Settings with { Seed = seed });

    /// <summary>The plan for an image of <paramref name="height"/> × <paramref name="width"/> pixels.</summary>
    public DreamPlan Plan(int height, int width)
    {
        var (fittedHeight, fittedWidth) = FitWithin(height, width, Settings.MaxSide);
        return new DreamPlan(fittedHeight, fittedWidth,
            Pyramid.Sizes(fittedHeight, fittedWidth, Settings.Octaves, Settings.OctaveScale), Settings.Steps);
    }

    /// <summary>
    /// Dreams <paramref name="start"/>: shrunk to <see cref="DreamSettings.MaxSide"/>, alpha kept (and resized alike).
    /// </summary>
    /// <param name="events">Told the plan, each step and each octave, on the calling thread.</param>
    /// <param name="cancellation">Stops after the current gradient step with <see cref="OperationCanceledException"/>.</param>
    public DreamedImage Dream(RgbImage start, IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        using var pixels = ImageTensor.ToTensor(start, Network.Device);
        using var result = Dream(pixels, events, cancellation);
        int height = (int)result.Image.shape[2], width = (int)result.Image.shape[3];
        var alpha = start.Alpha is null || (height, width) == (start.Height, start.Width) ? start.Alpha : ResizeAlpha(start, height, width);
        return new DreamedImage(ImageTensor.ToImage(result.Image, alpha), result.Octaves);
    }

    /// <summary>
    /// Dreams <paramref name="start"/> and writes the result to <paramref name="target"/>, which is checked first:
    /// a target that cannot be written fails before any work. Reports <see cref="DreamWritten"/> last.
    /// </summary>
    /// <exception cref="DreamOutputException">The target cannot be written.</exception>
    public DreamedImage Dream(RgbImage start, ImageTarget target, IProgress<DreamEvent>? events = null,
        CancellationToken cancellation = default)
    {
        target.Check();
        var dreamed = Dream(start, events, cancellation);
        target.Write(dreamed.Image);
        events?.Report(new DreamWritten(target.Name));
        return dreamed;
    }

    /// <summary>
    /// Dreams image pixels: 1×3×H×W, RGB, 0-255, on any device. The result is on the network's device, at the size
    /// the plan gives (<see cref="DreamSettings.MaxSide"/> applied); the caller disposes it.
    /// </summary>
    public DreamResult Dream(Tensor pixels, IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        if (pixels.shape is not [1, 3, var height, var width])
            throw new ArgumentException($"expected a 1x3xHxW image tensor, got [{string.Join("x", pixels.shape)}]", nameof(pixels));
        var plan = Plan((int)height, (int)width);
        events?.Report(new DreamPlanned(plan));
        using var start = (plan.Height, plan.Width) == (height, width) ? pixels.alias() : ImageTensor.Resize(pixels, plan.Height, plan.Width);
        using var guide = Guide is null ? null : GuidePixels(Guide, Math.Max(plan.Height, plan.Width));
        return _dreamer.Dream(start, Settings, plan, guide, events, cancellation);
    }

    /// <summary>The settings made concrete for <paramref name="network"/>, checked where they depend on it.</summary>
    private static DreamSettings Complete(IDreamNetwork network, DreamSettings settings)
    {
        var completed = settings with
        {
            Classes = [.. settings.Classes, .. ClassSelection.Resolve(settings.ClassLabels, network)],
            ClassLabels = [],
        };
        if (completed.Layers.Count == 0 && completed.Classes.Count == 0)
        {
            completed = completed with
            {
                Layers = network.RecommendedLayers.Count > 0
                    ? [new LayerObjective(network.RecommendedLayers[0])]
                    : throw new DreamSettingsException(nameof(DreamSettings.Layers), null,
                        $"model '{network.Name}' has no recommended layer; choose one (`dream layers --model <model>` lists them)"),
            };
        }
        if (completed.Classes.Count == 0 && completed.Layers.All(layer => layer.Weight == 0))
        {
            throw new DreamSettingsException(nameof(DreamSettings.Layers), string.Join(" ", completed.Layers),
                "every weight is 0, so the dream would not change the image; give a layer a weight other than 0");
        }
        return completed;
    }

    /// <summary>The size with the longest side at most <paramref name="maxSide"/> (0: unchanged), aspect kept.</summary>
    private static (int Height, int Width) FitWithin(int height, int width, int maxSide)
    {
        int longest = Math.Max(height, width);
        if (maxSide <= 0 || longest <= maxSide) return (height, width);
        double scale = (double)maxSide / longest;
        return (Math.Max(1, (int)Math.Round(height * scale)), Math.Max(1, (int)Math.Round(width * scale)));
    }

    /// <summary>
    /// The guide at most as large as the dream (longest side): the guided objective compares every position with
    /// every guide position, so a large guide would cost time and memory without adding anything.
    /// </summary>
    private Tensor GuidePixels(RgbImage guide, int maxSide)
    {
        var (height, width) = FitWithin(guide.Height, guide.Width, maxSide);
        var pixels = ImageTensor.ToTensor(guide, Network.Device);
        if ((height, width) == (guide.Height, guide.Width)) return pixels;
        using (pixels) return ImageTensor.Resize(pixels, height, width);
    }

    private static byte[] ResizeAlpha(RgbImage image, int height, int width)
    {
        var plane = new byte[image.PixelCount * 3];
        for (long i = 0; i < image.PixelCount; i++) plane[i * 3] = plane[i * 3 + 1] = plane[i * 3 + 2] = image.Alpha![i];
        using var alpha = ImageTensor.ToTensor(new RgbImage(image.Width, image.Height, plane), CPU);
        using var resized = ImageTensor.Resize(alpha, height, width);
        var rgb = ImageTensor.ToImage(resized).Rgb;
        return Enumerable.Range(0, height * width).Select(i => rgb[i * 3]).ToArray();
    }
}
