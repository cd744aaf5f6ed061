using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>
/// Runs a model once over all its layers, without gradients, to report each layer's output shape and activation
/// statistics. Layers that cannot run at the given size are reported with the reason, as are the layers that
/// depend on them; finding the first such layer takes a bisection over the layers in graph order.
/// </summary>
public static class LayerStatistics
{
    /// <summary>Output shapes at <paramref name="height"/>×<paramref name="width"/>: friendly names first, then every tensor.</summary>
    public static IReadOnlyList<LayerReport> Shapes(ModelDefinition model, Device device, int height, int width)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        return Measure(model, device, zeros(1, 3, height, width), summarise: false);
    }

    /// <summary>Shapes and activation statistics for <paramref name="pixels"/> (1×3×H×W, RGB, 0-255).</summary>
    public static IReadOnlyList<LayerReport> Activations(ModelDefinition model, Device device, Tensor pixels) =>
        Measure(model, device, pixels, summarise: true);

    private static IReadOnlyList<LayerReport> Measure(ModelDefinition model, Device device, Tensor pixels, bool summarise)
    {
        using var network = model.Open(device);
        using var noGradient = no_grad();
        using var scope = NewDisposeScope();
        var input = pixels.to(device);
        var measured = new Dictionary<string, LayerReport>(StringComparer.Ordinal);

        bool TryRun(IReadOnlyList<string> tensors, out string? problem)
        {
            using var step = NewDisposeScope();
            try
            {
                foreach (var (name, value) in network.Forward(input, tensors))
                    measured[name] = new LayerReport(name, value.shape, summarise ? Summarise(value) : null, null);
                problem = null;
                return true;
            }
            catch (ModelFormatException ex)
            {
                problem = ex.Message;
                return false;
            }
        }

        var known = network.LayerNames.ToHashSet(StringComparer.Ordinal);
        var pending = model.Graph.Nodes.Select(n => n.Outputs[0]).Where(known.Contains).ToList();
        while (pending.Count > 0 && !TryRun(pending, out var problem))
        {
            // The first failing tensor in graph order: pending[..good] runs, pending[..bad] does not.
            int good = 0, bad = pending.Count;
            while (bad - good > 1)
            {
                int middle = (good + bad) / 2;
                if (TryRun(pending[..middle], out var failure)) good = middle;
                else (bad, problem) = (middle, failure);
            }
            var failed = Downstream(model, pending[good]);
            foreach (var tensor in failed) measured[tensor] = new LayerReport(tensor, null, null, problem);
            pending = pending[(good + 1)..].Where(t => !failed.Contains(t)).ToList();
        }

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

    /// <summary>The tensor and every tensor computed from it.</summary>
    private static HashSet<string> Downstream(ModelDefinition model, string tensor)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { tensor };
        foreach (var node in model.Graph.Nodes)
            if (node.Inputs.Any(reached.Contains)) reached.UnionWith(node.Outputs);
        return reached;
    }
}
