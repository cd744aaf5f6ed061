using DeepDream.Models;

namespace DeepDream.Import.Graph;

/// <summary>
/// Puts nodes in an order where each comes after the producers of its inputs (Kahn's algorithm, keeping the
/// given order where it already works), and checks on the way that every input has a source and that no
/// tensor has two.
/// </summary>
internal static class GraphOrdering
{
    /// <param name="nodes">The nodes, in any order.</param>
    /// <param name="givenTensors">Tensors available before any node runs: initializers and the graph input.</param>
    /// <param name="modelName">Names the model in error messages.</param>
    public static IReadOnlyList<GraphNode> Sort(IReadOnlyList<GraphNode> nodes, IReadOnlySet<string> givenTensors, string modelName)
    {
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string output in nodes[i].Outputs.Where(name => name.Length > 0))
            {
                if (givenTensors.Contains(output))
                    throw new ModelFormatException($"{modelName}: node '{nodes[i].Name}' ({nodes[i].OpType}) writes '{output}', which is an initializer or the graph input");
                if (!producers.TryAdd(output, i))
                    throw new ModelFormatException($"{modelName}: tensor '{output}' is written by two nodes, '{nodes[producers[output]].Name}' and '{nodes[i].Name}'");
            }
        }

        var dependents = new List<int>[nodes.Count];
        var unmetInputs = new int[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) dependents[i] = [];
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string input in nodes[i].Inputs.Where(name => name.Length > 0).Distinct())
            {
                if (producers.TryGetValue(input, out int producer))
                {
                    dependents[producer].Add(i);
                    unmetInputs[i]++;
                }
                else if (!givenTensors.Contains(input))
                {
                    throw new ModelFormatException(
                        $"{modelName}: node '{nodes[i].Name}' ({nodes[i].OpType}) reads '{input}', which no node, initializer or graph input provides");
                }
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
            if (unmetInputs[i] == 0) ready.Enqueue(i, i);
        var sorted = new List<GraphNode>(nodes.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            sorted.Add(nodes[next]);
            foreach (int dependent in dependents[next])
                if (--unmetInputs[dependent] == 0) ready.Enqueue(dependent, dependent);
        }
        if (sorted.Count < nodes.Count)
        {
            var stuck = nodes[Array.FindIndex(unmetInputs, count => count > 0)];
            throw new ModelFormatException($"{modelName}: the graph has a cycle through node '{stuck.Name}' ({stuck.OpType})");
        }
        return sorted;
    }
}
