using DeepDream.Import.Graph.Operators;
using DeepDream.Models;

namespace DeepDream.Import.Graph;

/// <summary>
/// A <see cref="GraphDescription"/> checked and turned into runnable form: nodes in topological order with
/// their kernels, every tensor name mapped to a value slot, and the constant value of each constant slot
/// (initializers and folded Constant nodes). Holds no torch tensors.
/// </summary>
internal sealed class CompiledGraph
{
    /// <summary>The slot of the (preprocessed) image input.</summary>
    public const int InputSlot = 0;

    private CompiledGraph(CompiledNode[] nodes, int slotCount, IReadOnlyDictionary<int, GraphTensor> constants)
    {
        Nodes = nodes;
        Constants = constants;
        ProducerOfSlot = Enumerable.Repeat(-1, slotCount).ToArray();
        for (int i = 0; i < nodes.Length; i++) ProducerOfSlot[nodes[i].OutputSlot] = i;
        LayerSlots = nodes.ToDictionary(node => node.Source.Outputs[0], node => node.OutputSlot, StringComparer.Ordinal);
    }

    public IReadOnlyList<CompiledNode> Nodes { get; }

    public int SlotCount => ProducerOfSlot.Length;

    /// <summary>For each slot, the index of the node writing it, or −1 for a constant or the input.</summary>
    public int[] ProducerOfSlot { get; }

    public IReadOnlyDictionary<int, GraphTensor> Constants { get; }

    /// <summary>The slot of each tensor a layer request may name: the (first) output of every node that runs.</summary>
    public IReadOnlyDictionary<string, int> LayerSlots { get; }

    /// <exception cref="ModelFormatException">An operator is unsupported or malformed, or the graph is inconsistent.</exception>
    public static CompiledGraph Compile(GraphDescription graph)
    {
        if (graph.Nodes.Count > GraphDescription.MaxNodes)
            throw new ModelFormatException($"{graph.Name}: {graph.Nodes.Count} nodes, over the limit of {GraphDescription.MaxNodes} for a model");
        var given = new HashSet<string>(graph.Initializers.Keys, StringComparer.Ordinal) { graph.Input.Name };
        var nodes = GraphOrdering.Sort(graph.Nodes, given, graph.Name);
        RefuseReadsOfSecondaryOutputs(nodes, graph.Name);

        var slots = new Dictionary<string, int>(StringComparer.Ordinal) { [graph.Input.Name] = InputSlot };
        int SlotOf(string tensorName) => slots.TryGetValue(tensorName, out int slot) ? slot : slots[tensorName] = slots.Count;

        var constants = new Dictionary<int, GraphTensor>();
        var compiled = new List<CompiledNode>();
        foreach (var node in nodes)
        {
            var context = new OperatorContext(node, graph.OpsetVersion, graph.Name);
            if (node.OpType == ConstantNode.OpType)
            {
                constants[SlotOf(node.Outputs[0])] = ConstantNode.Value(context);
                continue;
            }
            if (!OperatorRegistry.TryGet(node.OpType, out var factory))
                throw new ModelFormatException(
                    $"{graph.Name}: node '{node.Name}' uses unsupported operator '{node.OpType}' (opset {graph.OpsetVersion})");
            int[] inputSlots = [.. node.Inputs.Select(input => input.Length == 0 ? -1 : SlotOf(input))];
            compiled.Add(new CompiledNode(node, factory(context), inputSlots, SlotOf(node.Outputs[0])));
        }
        // Only initializers some node reads get a slot, so unused weights are never made into tensors.
        foreach (var (tensorName, slot) in slots)
        {
            if (graph.Initializers.TryGetValue(tensorName, out var initializer)) constants[slot] = initializer;
        }
        return new CompiledGraph([.. compiled], slots.Count, constants);
    }

    public ExecutionPlan PlanFor(IReadOnlySet<int> targets) => ExecutionPlan.Build(Nodes, ProducerOfSlot, InputSlot, targets);

    /// <summary>Kernels compute first outputs only (Dropout masks and MaxPool indices are never needed for dreaming).</summary>
    private static void RefuseReadsOfSecondaryOutputs(IReadOnlyList<GraphNode> nodes, string modelName)
    {
        var secondary = nodes
            .SelectMany(node => node.Outputs.Skip(1).Where(output => output.Length > 0).Select(output => (Output: output, Node: node)))
            .ToDictionary(entry => entry.Output, entry => entry.Node, StringComparer.Ordinal);
        foreach (var reader in nodes)
        {
            foreach (string input in reader.Inputs)
            {
                if (secondary.TryGetValue(input, out var writer))
                    throw new ModelFormatException(
                        $"{modelName}: node '{reader.Name}' reads '{input}', a secondary output of node '{writer.Name}' ({writer.OpType}), which is not supported");
            }
        }
    }
}
