using System.Globalization;
using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// The quantity the dream climbs, built from the settings:
/// <list type="bullet">
/// <item>per layer term: the mean squared activation (whole layer or selected channels) times its weight — the mean,
/// not the notebook's sum, keeps layers of different sizes comparable when weighted together;</item>
/// <item>with a guide image, each layer term instead rewards, at every position, the dot product with the guide
/// feature it matches best (Google's "controlling dreams");</item>
/// <item>class terms: the mean of the chosen class logits (activity maximisation of the classifier head);</item>
/// <item>with several images dreamed together and a <see cref="DreamSettings.Diversity"/> weight, minus that weight
/// times the objective's size times the images' mean pairwise similarity at the first term's layer (Lucid's
/// diversity term: cosine similarity of the layer's Gram matrices), so the images climb apart.</item>
/// </list>
/// Terms average over the images of a batch. The step normalisation makes the overall scale irrelevant.
/// </summary>
internal sealed class Objective : IDisposable
{
    private readonly IDreamNetwork _network;
    private readonly IReadOnlyList<LayerObjective> _terms;
    private readonly IReadOnlyList<int> _classes;
    private readonly string? _logitsLayer;
    private readonly string[] _layers;
    private readonly float _diversity;
    /// <summary>Per objective term (same order), the guide's features at that term's layer and channels.</summary>
    private readonly List<Tensor> _guideFeatures = [];

    public Objective(IDreamNetwork network, DreamSettings settings, Tensor? guide = null)
    {
        _network = network;
        _classes = settings.Classes;
        _terms = settings.Layers.Count > 0 || _classes.Count > 0
            ? settings.Layers
            : throw new ArgumentException("no layer and no class to climb: complete the settings first (DreamPipeline does)", nameof(settings));
        if (_classes.Count > 0)
        {
            _logitsLayer = network.LogitsLayer
                ?? throw new DreamSettingsException(nameof(DreamSettings.Classes), string.Join(",", _classes), ClassSelection.NoClassesMessage(network));
            if (network.ClassCount is { } count && _classes.FirstOrDefault(c => c < 0 || c >= count, -1) is var bad and >= 0)
                throw new DreamSettingsException(nameof(DreamSettings.Classes), bad.ToString(CultureInfo.InvariantCulture), $"model '{network.Name}' has classes 0-{count - 1}");
        }
        _layers = _terms.Select(t => t.Layer).Append(_logitsLayer).OfType<string>().Distinct().ToArray();
        // The images are compared at a layer term's layer: a class-only objective has none, and no diversity term.
        _diversity = _terms.Count > 0 ? settings.Diversity : 0;
        if (guide is not null) ComputeGuideFeatures(guide);
    }

    /// <summary>
    /// Checks the settings' layers, channels and classes against the network by evaluating the objective once on a
    /// grey image of the network's input size (224×224 where it has none), so a batch refuses a bad layer before
    /// its first file instead of failing every file. Errors that depend on an image's size are left to the dream.
    /// </summary>
    /// <exception cref="UnknownLayerException">A layer the network does not have.</exception>
    /// <exception cref="DreamSettingsException">A channel or class out of range.</exception>
    public static void Check(IDreamNetwork network, DreamSettings settings)
    {
        var (height, width) = network.InputSize ?? (224, 224);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var objective = new Objective(network, settings);
        try
        {
            objective.Evaluate(full(1, 3, height, width, 127.5f, device: network.Device));
        }
        catch (ModelFormatException)
        {
            // A size problem, not a settings one: each image's own octaves decide.
        }
    }

    /// <summary>
    /// The dream's octave plan for an image of <paramref name="height"/>×<paramref name="width"/>: the completed
    /// settings' octaves less those too small for the layers the objective reads at the octave's own size (a
    /// classifier head built for one input size reads a resized copy and does not count).
    /// </summary>
    /// <exception cref="UnknownLayerException">A layer the network does not have.</exception>
    public static PyramidPlan Plan(IDreamNetwork network, DreamSettings settings, int height, int width)
    {
        var layers = settings.Layers.Select(term => term.Layer).ToList();
        if (settings.Classes.Count > 0 && network.InputSize is null && network.LogitsLayer is { } logits) layers.Add(logits);
        layers = [.. layers.Distinct()];
        var minimum = layers.Count == 0 ? (1, 1) : network.MinimumInputSize(layers);
        return Pyramid.Plan(height, width, settings.Octaves, settings.OctaveScale, minimum, layers);
    }

    /// <summary>The layers the objective reads, so callers can check names before any work.</summary>
    public IReadOnlyList<string> Layers => _layers;

    /// <summary>
    /// Whether the objective only means something on the whole image: a neuron at the centre, or the images'
    /// diversity. Such objectives are never computed in tiles.
    /// </summary>
    public bool NeedsWholeImage => _diversity > 0 || _terms.Any(t => t.AtCenter);

    public Tensor Evaluate(Tensor pixels)
    {
        // A classifier head built for one input size (Caffe's GoogLeNet, Keras' InceptionV3) cannot run on other
        // octave sizes; the class term then looks at the image resized to that size.
        var headInput = HeadInput(pixels);
        var layers = headInput is null ? _layers : _layers.Where(l => l != _logitsLayer).ToArray();
        var activations = layers.Length > 0 ? _network.Forward(pixels, layers) : new Dictionary<string, Tensor>();
        Tensor? total = null;
        for (int i = 0; i < _terms.Count; i++)
        {
            var term = _terms[i];
            var activation = SelectPositions(SelectChannels(activations[term.Layer], term), term);
            var part = _guideFeatures.Count > 0
                ? GuideMatch(activation, _guideFeatures[i])
                : activation.square().mean();
            total = Add(total, part.mul(term.Weight));
        }
        if (_logitsLayer is not null)
        {
            var head = headInput is null ? activations : _network.Forward(headInput, [_logitsLayer]);
            var logits = head[_logitsLayer].flatten(1);
            var chosen = logits.index_select(1, tensor(_classes.Select(c => (long)c).ToArray(), device: logits.device));
            total = Add(total, chosen.mean());
        }
        if (_diversity > 0 && pixels.shape[0] > 1)
            total = total!.sub(Similarity(activations[_terms[0].Layer]).mul(total.detach().abs()).mul(_diversity));
        return total!;
    }

    /// <summary>
    /// The mean over images of the summed cosine similarity between its Gram matrix and every other image's
    /// (N×C×H×W features; a scalar in [-(N-1), N-1]).
    /// </summary>
    private static Tensor Similarity(Tensor features)
    {
        long n = features.shape[0];
        var flat = features.flatten(2);                                          // N × C × HW
        var grams = flat.matmul(flat.transpose(1, 2)).flatten(1);               // N × C²
        grams = grams.div(grams.norm(1, keepdim: true).clamp_min(1e-10));
        var similarities = grams.matmul(grams.t());                              // N × N
        return similarities.sum().sub(similarities.diagonal().sum()).div(n);
    }

    /// <summary>The centre position of the map for a neuron term (N×C×1×1), else the whole map.</summary>
    private static Tensor SelectPositions(Tensor activation, LayerObjective term) =>
        term.AtCenter ? activation.narrow(2, activation.shape[2] / 2, 1).narrow(3, activation.shape[3] / 2, 1) : activation;

    /// <summary>
    /// The pixels resized to the model's input size, or null when they already have it or any size works. Heads
    /// built for one size (pooling windows and a flattening fully connected layer) only run at exactly that size.
    /// </summary>
    private Tensor? HeadInput(Tensor pixels)
    {
        if (_logitsLayer is null || _network.InputSize is not { } native) return null;
        if (pixels.shape[2] == native.Height && pixels.shape[3] == native.Width) return null;
        return TorchSharp.torch.nn.functional.interpolate(pixels, [native.Height, native.Width],
            mode: TorchSharp.torch.InterpolationMode.Bilinear, align_corners: false);
    }

    private static Tensor Add(Tensor? total, Tensor part) => total is null ? part : total.add(part);

    private static Tensor SelectChannels(Tensor activation, LayerObjective term)
    {
        if (term.Channels is not { } channels) return activation;
        long available = activation.shape[1];
        var bad = channels.FirstOrDefault(c => c >= available, -1);
        if (bad >= 0)
            throw new DreamSettingsException(nameof(DreamSettings.Layers), term.ToString(), $"channel {bad} is out of range; {term.Layer} has {available} channels (0-{available - 1})");
        return activation.index_select(1, tensor(channels.Select(c => (long)c).ToArray(), device: activation.device));
    }

    /// <summary>
    /// Mean over positions (and images) of x·g*, where g* is the guide feature with the largest dot product with x.
    /// </summary>
    private static Tensor GuideMatch(Tensor activation, Tensor guide)
    {
        var x = activation.flatten(2);                       // N × C × HW
        Tensor best;
        using (no_grad()) best = x.transpose(1, 2).matmul(guide).argmax(2);   // N × HW
        var matched = guide.index_select(1, best.flatten()).view(guide.shape[0], x.shape[0], -1).transpose(0, 1);
        return x.mul(matched).sum(1).mean();
    }

    private void ComputeGuideFeatures(Tensor guide)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var activations = _network.Forward(guide, _terms.Select(t => t.Layer).Distinct().ToArray());
        foreach (var term in _terms)
            _guideFeatures.Add(SelectChannels(activations[term.Layer], term)[0].flatten(1).clone().MoveToOuterDisposeScope()); // C × M
    }

    public void Dispose()
    {
        foreach (var features in _guideFeatures) features.Dispose();
    }
}
