using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// The quantity the dream climbs: the weighted sum, over the objective terms, of the mean squared activation
/// (whole layer or selected channels). The mean, not the notebook's sum, keeps layers of different sizes
/// comparable when weighted together; the step normalisation makes the overall scale irrelevant.
/// </summary>
public sealed class Objective
{
    private readonly IDreamNetwork _network;
    private readonly IReadOnlyList<LayerObjective> _terms;
    private readonly string[] _layers;

    public Objective(IDreamNetwork network, IReadOnlyList<LayerObjective> terms)
    {
        _network = network;
        _terms = terms.Count > 0 ? terms : [new LayerObjective(network.RecommendedLayers[0])];
        _layers = _terms.Select(t => t.Layer).Distinct().ToArray();
    }

    public Tensor Evaluate(Tensor pixels)
    {
        var activations = _network.Forward(pixels, _layers);
        Tensor? total = null;
        foreach (var term in _terms)
        {
            var activation = activations[term.Layer];
            if (term.Channels is { } channels)
            {
                long available = activation.shape[1];
                var bad = channels.FirstOrDefault(c => c >= available, -1);
                if (bad >= 0)
                    throw new DreamSettingsException($"--layer {term}: channel {bad} is out of range; {term.Layer} has {available} channels (0-{available - 1})");
                activation = activation.index_select(1, tensor(channels.Select(c => (long)c).ToArray(), device: activation.device));
            }
            var part = activation.square().mean().mul(term.Weight);
            total = total is null ? part : total.add(part);
        }
        return total!;
    }
}
