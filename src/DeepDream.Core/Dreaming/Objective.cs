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
/// <item>class terms: the mean of the chosen class logits (activity maximisation of the classifier head).</item>
/// </list>
/// The step normalisation makes the overall scale irrelevant.
/// </summary>
internal sealed class Objective : IDisposable
{
    private readonly IDreamNetwork _network;
    private readonly IReadOnlyList<LayerObjective> _terms;
    private readonly IReadOnlyList<int> _classes;
    private readonly string? _logitsLayer;
    private readonly string[] _layers;
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
                ?? throw new DreamSettingsException(nameof(DreamSettings.Classes), string.Join(",", _classes), $"model '{network.Name}' has no classifier output to maximise");
            if (network.ClassCount is { } count && _classes.FirstOrDefault(c => c < 0 || c >= count, -1) is var bad and >= 0)
                throw new DreamSettingsException(nameof(DreamSettings.Classes), bad.ToString(CultureInfo.InvariantCulture), $"model '{network.Name}' has classes 0-{count - 1}");
        }
        _layers = _terms.Select(t => t.Layer).Append(_logitsLayer).OfType<string>().Distinct().ToArray();
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

    /// <summary>The layers the objective reads, so callers can check names before any work.</summary>
    public IReadOnlyList<string> Layers => _layers;

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
            var activation = SelectChannels(activations[term.Layer], term);
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
        return total!;
    }

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

    /// <summary>Mean over positions of x·g*, where g* is the guide feature with the largest dot product with x.</summary>
    private static Tensor GuideMatch(Tensor activation, Tensor guide)
    {
        var x = activation[0].flatten(1);                    // C × HW
        Tensor best;
        using (no_grad()) best = x.t().matmul(guide).argmax(1);
        return x.mul(guide.index_select(1, best)).sum(0L).mean();
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
