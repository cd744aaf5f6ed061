using System.Text.RegularExpressions;
using DeepDream.Import.Graph;

namespace DeepDream.Models.Catalog;

/// <summary>
/// torchvision's module names for a ResNet, found from the graph's structure: <c>conv1</c> (the first
/// convolution), <c>relu</c> (the activation after it), <c>maxpool</c>, and the residual blocks — an Add of two
/// computed tensors, with the ReLU after it as the block's output — as <c>layerS.B</c>, where a new stage S begins
/// at every block after the first whose shortcut is not the previous block's output (a strided or widening
/// projection). <c>layerS</c> is the stage's last block.
/// </summary>
public sealed partial class ResNetLayerFinder : ILayerFinder
{
    public bool Defines(string alias) => FriendlyName().IsMatch(alias);

    public IReadOnlyDictionary<string, string> Find(GraphDescription graph)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var readers = graph.Nodes.SelectMany(node => node.Inputs.Select(input => (Input: input, Node: node)))
            .ToLookup(pair => pair.Input, pair => pair.Node, StringComparer.Ordinal);
        GraphNode? FollowingRelu(string tensor) => readers[tensor].FirstOrDefault(node => node.OpType == "Relu");

        var conv1 = graph.Nodes.FirstOrDefault(node => node.OpType == "Conv");
        if (conv1 is null) return names;
        names["conv1"] = conv1.Outputs[0];
        var afterConv = readers[conv1.Outputs[0]].FirstOrDefault(node => node.OpType == "BatchNormalization")?.Outputs[0] ?? conv1.Outputs[0];
        if (FollowingRelu(afterConv) is { } relu) names["relu"] = relu.Outputs[0];
        var maxpool = graph.Nodes.FirstOrDefault(node => node.OpType == "MaxPool");
        if (maxpool is null) return names;
        names["maxpool"] = maxpool.Outputs[0];

        var computed = graph.Nodes.SelectMany(node => node.Outputs).ToHashSet(StringComparer.Ordinal);
        string previous = maxpool.Outputs[0];
        int stage = 0, block = 0;
        foreach (var add in graph.Nodes.Where(node => node.OpType == "Add" && node.Inputs.Count == 2 && node.Inputs.All(computed.Contains)))
        {
            if (stage == 0 || !add.Inputs.Contains(previous))
            {
                if (stage > 0) names[$"layer{stage}"] = previous;
                (stage, block) = (stage + 1, 0);
            }
            previous = FollowingRelu(add.Outputs[0])?.Outputs[0] ?? add.Outputs[0];
            names[$"layer{stage}.{block++}"] = previous;
        }
        if (stage > 0) names[$"layer{stage}"] = previous;
        return names;
    }

    [GeneratedRegex(@"^(conv1|relu|maxpool|layer[1-9](\.[0-9]+)?)$")]
    private static partial Regex FriendlyName();
}
