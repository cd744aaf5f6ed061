using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>
/// Runs a model once over all its layers, without gradients, to report each layer's output shape and activation
/// statistics. Each activation is measured as it is made and freed when later layers no longer need it, so memory
/// stays that of one forward pass. Layers that cannot run at the given size are reported with the reason, as are
/// the layers that depend on them.
/// </summary>
public static class LayerStatistics
{
    /// <summary>Output shapes at <paramref name="height"/>×<paramref name="width"/>: friendly names first, then every tensor.</summary>
    public static IReadOnlyList<LayerReport> Shapes(ModelDefinition model, Device device, int height, int width)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        return Measure(model, device, zeros(1, 3, height, width), summarise: false, NumericPrecision.Float32);
    }

    /// <summary>
    /// Shapes and activation statistics for <paramref name="pixels"/> (1×3×H×W, RGB, 0-255), computed in
    /// <paramref name="precision"/> (see <see cref="TorchRuntime.UsePrecision"/>).
    /// </summary>
    public static IReadOnlyList<LayerReport> Activations(ModelDefinition model, Device device, Tensor pixels,
        NumericPrecision precision = NumericPrecision.Float32) =>
        Measure(model, device, pixels, summarise: true, precision);

    private static IReadOnlyList<LayerReport> Measure(ModelDefinition model, Device device, Tensor pixels, bool summarise, NumericPrecision precision)
    {
        using var network = model.OpenGraph(device, precision);
        using var noGradient = no_grad();
        using var scope = NewDisposeScope();
        var input = pixels.to(device);
        var measured = new Dictionary<string, LayerReport>(StringComparer.Ordinal);
        var known = network.LayerNames.ToHashSet(StringComparer.Ordinal);
        var tensors = model.Graph.Nodes.Select(n => n.Outputs[0]).Where(known.Contains).ToList();
        // Each value is summarised as it is made and freed once later nodes are done with it.
        network.Inspect(input, tensors,
            (name, value) =>
            {
                using var step = NewDisposeScope();
                measured[name] = new LayerReport(name, value.shape, summarise ? Summarise(value) : null, null);
            },
            (name, problem) => measured[name] = new LayerReport(name, null, null, problem));

        // Friendly names first; a tensor already listed under the same friendly name is not repeated.
        var reports = model.LayerAliases
            .Where(alias => measured.ContainsKey(alias.Value))
            .Select(alias => measured[alias.Value] with { Layer = alias.Key })
            .ToList();
        var listed = reports.Select(r => r.Layer).ToHashSet(StringComparer.Ordinal);
        reports.AddRange(network.LayerNames.Where(name => measured.ContainsKey(name) && listed.Add(name)).Select(name => measured[name]));
        return reports;
    }

    private static ActivationSummary Summarise(Tensor activation)
    {
        var values = activation.to_type(ScalarType.Float64);
        return new ActivationSummary(values.mean().item<double>(), values.std().item<double>(), values.max().item<double>());
    }
}
