using DeepDream.Models;

namespace DeepDream.Import.Graph.Operators;

/// <summary>What an <see cref="OperatorFactory"/> sees of its node: the node, the opset, and how to report a fault.</summary>
internal sealed class OperatorContext(GraphNode node, int opsetVersion, string modelName)
{
    public GraphNode Node { get; } = node;

    public int OpsetVersion { get; } = opsetVersion;

    /// <summary>An error naming the model, the node and its operator; <paramref name="problem"/> completes the sentence.</summary>
    public ModelFormatException Error(string problem) =>
        new($"{modelName}: node '{Node.Name}' ({Node.OpType}) {problem}");

    public void RequireInputs(int count)
    {
        int present = Node.Inputs.Count(name => name.Length > 0);
        if (Node.Inputs.Count < count || Node.Inputs.Take(count).Any(name => name.Length == 0))
            throw Error($"needs {count} inputs, has {present}");
    }

    /// <summary>Whether the optional input at <paramref name="index"/> is given.</summary>
    public bool HasInput(int index) => index < Node.Inputs.Count && Node.Inputs[index].Length > 0;

    /// <summary>An ints attribute that must have exactly <paramref name="length"/> entries when present.</summary>
    public long[]? Ints(string name, int length)
    {
        var values = Node.Ints(name);
        if (values is null) return null;
        if (values.Count != length)
            throw Error($"has {name} with {values.Count} entries; only 2-D (NCHW) windows are supported");
        return [.. values];
    }
}
