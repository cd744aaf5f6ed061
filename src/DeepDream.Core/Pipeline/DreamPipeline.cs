using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Sequences;
using DeepDream.Runtime;
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

    /// <summary>A copy with <paramref name="settings"/>, already completed and checked for the same network.</summary>
    private DreamPipeline(DreamPipeline original, DreamSettings settings)
    {
        Network = original.Network;
        Settings = settings;
        Guide = original.Guide;
        ModelSource = original.ModelSource;
        GuideSource = original.GuideSource;
        _dreamer = original._dreamer;
    }

    public IDreamNetwork Network { get; }

    /// <summary>
    /// The settings completed for <see cref="Network"/>: <see cref="DreamSettings.ClassLabels"/> resolved into
    /// <see cref="DreamSettings.Classes"/>, and <see cref="DreamSettings.Layers"/> never empty unless classes are given.
    /// </summary>
    public DreamSettings Settings { get; }

    public RgbImage? Guide { get; }

    /// <summary>
    /// How outputs record the model's origin, so a repeat can load it again: an installed or catalog model's name, or
    /// a model file's full path. Defaults to the network's name.
    /// </summary>
    public string? ModelSource { get; init; }

    /// <summary>Where <see cref="Guide"/> came from, for the outputs' records; null records only its pixels' digest.</summary>
    public DreamSource? GuideSource { get; init; }

    /// <summary>
    /// How a dream of <paramref name="start"/> (from <paramref name="source"/>) written to <paramref name="target"/> is
    /// made: everything <see cref="DreamRecord"/> holds, with the start's and guide's pixel digests, the current torch
    /// thread count, and the target's format and quality.
    /// </summary>
    public DreamRecord Record(DreamSource source, RgbImage start, ImageTarget? target = null) => new()
    {
        Version = ProgramVersion.Text,
        Model = new RecordedModel(Network.Name, ModelSource ?? Network.Name, Network.Identity, Network.WeightsSha256),
        Device = Network.Device.type.ToString().ToLowerInvariant(),
        Threads = get_num_threads(),
        Precision = Network.Precision == NumericPrecision.Float32 ? null : Network.Precision,
        Start = source with { Pixels = SettingsKey.Digest(start) },
        Guide = Guide is null ? null : (GuideSource ?? DreamSource.Image("guide image")) with { Pixels = SettingsKey.Digest(Guide) },
        Settings = Settings,
        Output = target?.Format is { } format ? new RecordedOutput(format, target.Options.Quality) : null,
    };

    /// <summary>The same pipeline with another seed (for variants of one dream); nothing is checked again.</summary>
    public DreamPipeline WithSeed(int seed) => new(this, Settings with { Seed = seed });

    /// <summary>
    /// The plan for an image of <paramref name="height"/> × <paramref name="width"/> pixels: coarse octaves smaller
    /// than the objective's layers accept (computed from the graph) are left out.
    /// </summary>
    /// <exception cref="DreamSettingsException">Even the image's own size is too small for the layers.</exception>
    public DreamPlan Plan(int height, int width)
    {
        var (fittedHeight, fittedWidth) = FitWithin(height, width, Settings.MaxSide);
        var pyramid = Objective.Plan(Network, Settings, fittedHeight, fittedWidth);
        if (pyramid.Sizes.Count == 0)
        {
            throw new DreamSettingsException(nameof(DreamSettings.Layers), string.Join(" ", pyramid.Layers),
                pyramid.TooSmallMessage(Network.Name, fittedHeight, fittedWidth));
        }
        return new DreamPlan(fittedHeight, fittedWidth, pyramid.Sizes, Settings.Steps, pyramid.LeftOutNote(Network.Name));
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="image"/> is large enough to dream (<see cref="Plan"/>); the
    /// refusal names <paramref name="source"/>, the input the image came from (a file path, or &lt;stdin&gt;).
    /// </summary>
    /// <exception cref="DreamSettingsException">Even the image's own size is too small for the layers.</exception>
    public void CheckFits(RgbImage image, string source)
    {
        try
        {
            Plan(image.Height, image.Width);
        }
        catch (DreamSettingsException error)
        {
            throw error.For(source);
        }
    }

    /// <summary>
    /// Dreams <paramref name="start"/>: shrunk to <see cref="DreamSettings.MaxSide"/>, alpha kept (and resized alike).
    /// </summary>
    /// <param name="events">Told the plan, each step and each octave, on the calling thread.</param>
    /// <param name="cancellation">Stops after the current gradient step with <see cref="OperationCanceledException"/>.</param>
    public DreamedImage Dream(RgbImage start, IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        // Bytes: the dream reads the start once per octave, and a float copy of a large photo would be held throughout.
        using var pixels = ImageTensor.ToByteTensor(start, Network.Device);
        using var result = Dream(pixels, events, cancellation);
        int height = (int)result.Image.shape[2], width = (int)result.Image.shape[3];
        var alpha = start.Alpha is null || (height, width) == (start.Height, start.Width) ? start.Alpha : ResizeAlpha(start, height, width);
        return new DreamedImage(ImageTensor.ToImage(result.Image, alpha), result.Octaves);
    }

    /// <summary>
    /// Dreams <paramref name="start"/> and writes the result to <paramref name="target"/>, recording in its metadata
    /// how it was made (<see cref="Record"/>), the start described as an image given in memory.
    /// </summary>
    /// <exception cref="DreamOutputException">The target cannot be written.</exception>
    public DreamedImage Dream(RgbImage start, ImageTarget target, IProgress<DreamEvent>? events = null,
        CancellationToken cancellation = default) =>
        Dream(start, DreamSource.Image("an image given in memory"), target, events, cancellation);

    /// <summary>
    /// Dreams <paramref name="start"/>, which came from <paramref name="source"/>, and writes the result to
    /// <paramref name="target"/> with the record of how it was made (<see cref="Record"/>) in its metadata, unless the
    /// target already carries a recipe. The target is checked first: one that cannot be written fails before any
    /// work. Reports <see cref="DreamWritten"/> last.
    /// </summary>
    /// <exception cref="DreamOutputException">The target cannot be written.</exception>
    public DreamedImage Dream(RgbImage start, DreamSource source, ImageTarget target, IProgress<DreamEvent>? events = null,
        CancellationToken cancellation = default)
    {
        target.Check();
        // The record needs only the inputs; its JSON (tens of ms of one-time JIT in a fresh process) is written on a
        // worker thread while the dream runs. Made here, on the caller's thread: torch's thread count is per thread.
        var recipe = target.Options.Recipe is null ? Task.Run(Record(source, start, target).ToJson, CancellationToken.None) : null;
        var dreamed = Dream(start, events, cancellation);
        (recipe is null ? target : target.WithRecipe(recipe.GetAwaiter().GetResult())).Write(dreamed.Image);
        events?.Report(new DreamWritten(target.Name));
        return dreamed;
    }

    /// <summary>
    /// Dreams several images of one size together, so that <see cref="DreamSettings.Diversity"/> can push them
    /// apart; each is shrunk to <see cref="DreamSettings.MaxSide"/> and keeps no alpha. Results in the same order.
    /// </summary>
    /// <exception cref="ArgumentException">No images, or images of different sizes.</exception>
    public IReadOnlyList<DreamedImage> Dream(IReadOnlyList<RgbImage> starts, IProgress<DreamEvent>? events = null,
        CancellationToken cancellation = default)
    {
        if (starts.Count == 0 || starts.Any(s => (s.Width, s.Height) != (starts[0].Width, starts[0].Height)))
            throw new ArgumentException("expected one or more images of the same size", nameof(starts));
        using var scope = NewDisposeScope();
        var pixels = cat(starts.Select(start => ImageTensor.ToTensor(start, Network.Device)).ToArray(), 0);
        using var result = Dream(pixels, events, cancellation);
        return Enumerable.Range(0, starts.Count)
            .Select(i => new DreamedImage(ImageTensor.ToImage(result.Image.narrow(0, i, 1)), result.Octaves))
            .ToArray();
    }

    /// <summary>
    /// Dreams image pixels: N×3×H×W (N images dreamed together), RGB, 0-255, float32 or uint8, on any device. The result is on the
    /// network's device, at the size the plan gives (<see cref="DreamSettings.MaxSide"/> applied); the caller
    /// disposes it.
    /// </summary>
    public DreamResult Dream(Tensor pixels, IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        if (pixels.shape is not [>= 1, 3, var height, var width])
            throw new ArgumentException($"expected an Nx3xHxW image tensor, got [{string.Join("x", pixels.shape)}]", nameof(pixels));
        var plan = Plan((int)height, (int)width);
        events?.Report(new DreamPlanned(plan));
        using var start = (plan.Height, plan.Width) == (height, width) ? pixels.alias() : ShrinkToPlan(pixels, plan);
        using var guide = Guide is null ? null : GuidePixels(Guide, Math.Max(plan.Height, plan.Width));
        return _dreamer.Dream(start, Settings, plan, guide, events, cancellation);
    }

    /// <summary>The pixels at the plan's size, resized in float32 whatever their type.</summary>
    private static Tensor ShrinkToPlan(Tensor pixels, DreamPlan plan) => ImageTensor.Resize(pixels, plan.Height, plan.Width);

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
        if (completed.TileSize > 0 && ((completed.Diversity > 0 && completed.Layers.Count > 0) || completed.Layers.Any(layer => layer.AtCenter)))
        {
            throw new DreamSettingsException(nameof(DreamSettings.TileSize), completed.TileSize.ToString(CultureInfo.InvariantCulture),
                "a neuron at the centre (@center) and diversity need the whole image, not tiles; leave the tile size automatic");
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
