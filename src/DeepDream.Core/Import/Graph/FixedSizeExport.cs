using DeepDream.Import.Graph.Operators;

namespace DeepDream.Import.Graph;

/// <summary>
/// Undoes what exporters for one fixed input size bake into a graph, so it runs at every octave size:
/// <list type="bullet">
/// <item>explicit pads that equal SAME_UPPER or SAME_LOWER padding at the declared input size (CNTK writes
/// [1,1,0,0] for a stride-2 3×3 window at 224 px) become that auto_pad, recomputed for each actual size — else
/// the two branches of a residual block disagree by a pixel at sizes that are not a multiple of the strides;</item>
/// <item>a pooling window exactly as large as its whole input at the declared size (a 7×7 average over a 7×7 map)
/// becomes global pooling.</item>
/// </list>
/// Pads count as SAME only on evidence: at least one window's pads are asymmetric and equal to one SAME mode at
/// the declared size, and none equals the other mode only. Symmetric explicit pads alone (torchvision's exports)
/// are kept, as they mean the same at every size. Nothing changes at the declared size itself.
/// </summary>
public static class FixedSizeExport
{
    /// <summary>
    /// The graph with these rewrites applied and described in <see cref="GraphDescription.SizeRewrites"/>; the same
    /// graph when its input size is not declared or nothing applies.
    /// </summary>
    public static GraphDescription Generalize(GraphDescription graph)
    {
        if (graph.Input.DeclaredSize is not { } declared) return graph;
        var shapes = SpatialShapes.Infer(graph, graph.Nodes, declared.Height, declared.Width);
        if (shapes.Problem is not null) return graph;

        var windows = graph.Nodes
            .Where(node => node.OpType is "Conv" or "MaxPool" or "AveragePool")
            .Select(node => (Node: node, Fit: Fit(node, graph, shapes)))
            .ToList();
        bool lowerOnly = windows.Any(w => w.Fit == SameFit.LowerOnly), upperOnly = windows.Any(w => w.Fit == SameFit.UpperOnly);
        AutoPad? mode = lowerOnly == upperOnly ? null : lowerOnly ? AutoPad.SameLower : AutoPad.SameUpper;
        var same = mode is null
            ? []
            : windows.Where(w => w.Fit == SameFit.Both || w.Fit == (mode == AutoPad.SameLower ? SameFit.LowerOnly : SameFit.UpperOnly))
                .Select(w => w.Node).ToHashSet();
        var global = graph.Nodes.Where(node => CoversWholeInput(node, graph, shapes)).ToHashSet();
        if (same.Count == 0 && global.Count == 0) return graph;

        var rewrites = new List<string>();
        string size = $"{declared.Width}x{declared.Height}";
        if (same.Count > 0)
        {
            string name = mode == AutoPad.SameLower ? "SAME_LOWER" : "SAME_UPPER";
            int asymmetric = windows.Count(w => same.Contains(w.Node) && w.Fit != SameFit.Both);
            rewrites.Add($"the explicit pads of {same.Count} Conv/pool nodes equal {name} padding at the declared {size} " +
                         $"({asymmetric} of them asymmetric): recomputed for each input size");
        }
        foreach (var node in global)
        {
            var input = shapes.Of(node.Inputs[0])!;
            rewrites.Add($"{node.OpType} '{node.Name}' covers its whole {input[3]}x{input[2]} input at {size}: made global, for any size");
        }
        return new GraphDescription
        {
            Name = graph.Name,
            OpsetVersion = graph.OpsetVersion,
            Input = graph.Input,
            Nodes = [.. graph.Nodes.Select(node => same.Contains(node) ? WithAutoPad(node, mode!.Value) : global.Contains(node) ? Global(node) : node)],
            Initializers = graph.Initializers,
            Outputs = graph.Outputs,
            SizeRewrites = [.. graph.SizeRewrites, .. rewrites],
        };
    }

    private static GraphNode WithAutoPad(GraphNode node, AutoPad mode)
    {
        var attributes = node.Attributes.Where(a => a.Key != "pads").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        attributes["auto_pad"] = GraphAttribute.Of(mode == AutoPad.SameLower ? "SAME_LOWER" : "SAME_UPPER");
        return node with { Attributes = attributes };
    }

    private static GraphNode Global(GraphNode node) =>
        node with { OpType = node.OpType == "MaxPool" ? "GlobalMaxPool" : "GlobalAveragePool", Attributes = new Dictionary<string, GraphAttribute>() };

    /// <summary>A pool without padding whose window is its whole (larger than 1×1) input at the declared size.</summary>
    private static bool CoversWholeInput(GraphNode node, GraphDescription graph, SpatialShapes shapes)
    {
        if (node.OpType is not ("MaxPool" or "AveragePool") || shapes.Of(node.Inputs[0]) is not { } input) return false;
        var window = Geometry(node, graph);
        if (window.Kernel is not { } kernel || window.HasDilation || kernel[0] * kernel[1] <= 1) return false;
        if (window.AutoPad is not (AutoPad.NotSet or AutoPad.Valid) || window.ExplicitPads(0) != (0, 0) || window.ExplicitPads(1) != (0, 0)) return false;
        return kernel[0] == input[2] && kernel[1] == input[3];
    }

    private static WindowGeometry Geometry(GraphNode node, GraphDescription graph) =>
        WindowGeometry.Read(new OperatorContext(node, graph.OpsetVersion, graph.Name), kernelRequired: false);

    /// <summary>Which SAME mode a window's explicit pads equal at the declared size.</summary>
    private enum SameFit
    {
        Neither,
        Both,
        LowerOnly,
        UpperOnly,
    }

    private static SameFit Fit(GraphNode node, GraphDescription graph, SpatialShapes shapes)
    {
        var window = Geometry(node, graph);
        if (window.AutoPad != AutoPad.NotSet || window.CeilMode || shapes.Of(node.Inputs[0]) is not { } input) return SameFit.Neither;
        if (window.KernelOf(node, graph.Initializers) is not { } kernel) return SameFit.Neither;
        bool Matches(AutoPad mode) =>
            Enumerable.Range(0, 2).All(axis => window.ExplicitPads(axis) == window.SamePads(axis, input[2 + axis], kernel[axis], mode));
        return (Matches(AutoPad.SameLower), Matches(AutoPad.SameUpper)) switch
        {
            (true, true) => SameFit.Both,
            (true, false) => SameFit.LowerOnly,
            (false, true) => SameFit.UpperOnly,
            _ => SameFit.Neither,
        };
    }
}
