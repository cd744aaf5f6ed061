using DeepDream.Import.Graph;
using DeepDream.Models.Catalog;

namespace DeepDream.Tests.Models.Catalog;

/// <summary>torchvision's ResNet module names, found from a graph's structure whatever its tensors are called.</summary>
public sealed class ResNetLayerFinderTests
{
    private static GraphNode Node(string op, string output, params string[] inputs) => new(output, op, inputs, [output], new Dictionary<string, GraphAttribute>());

    /// <summary>A stem, two identity blocks, then a block with a projection shortcut, named as CNTK numbers them.</summary>
    private static GraphDescription NumberedResNet() => new()
    {
        Name = "numbered",
        Input = new GraphInput("Input1", [1, 3, 224, 224]),
        Nodes =
        [
            Node("Conv", "T2", "Input1", "W"), Node("BatchNormalization", "T3", "T2"), Node("Relu", "T4", "T3"), Node("MaxPool", "T5", "T4"),
            Node("Conv", "T6", "T5", "W"), Node("BatchNormalization", "T7", "T6"), Node("Add", "T8", "T7", "T5"), Node("Relu", "T9", "T8"),
            Node("Conv", "T10", "T9", "W"), Node("BatchNormalization", "T11", "T10"), Node("Add", "T12", "T11", "T9"), Node("Relu", "T13", "T12"),
            Node("Conv", "T14", "T13", "W"), Node("BatchNormalization", "T15", "T14"), Node("Conv", "T16", "T13", "W"),
            Node("BatchNormalization", "T17", "T16"), Node("Add", "T18", "T15", "T17"), Node("Relu", "T19", "T18"),
            Node("Add", "T20", "T19", "Bias"),
        ],
        Initializers = new Dictionary<string, GraphTensor> { ["Bias"] = GraphTensor.FromFloats("Bias", [0f], 1) },
        Outputs = ["T20"],
    };

    [Fact]
    public void Stages_begin_at_projection_shortcuts()
    {
        var names = new ResNetLayerFinder().Find(NumberedResNet());

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["conv1"] = "T2", ["relu"] = "T4", ["maxpool"] = "T5",
                ["layer1.0"] = "T9", ["layer1.1"] = "T13", ["layer1"] = "T13",
                ["layer2.0"] = "T19", ["layer2"] = "T19",
            },
            names);
        Assert.Equal(["conv1", "relu", "maxpool", "layer1.0", "layer1.1", "layer1", "layer2.0", "layer2"], names.Keys);
    }

    [Fact]
    public void Names_it_gives_are_known_without_a_graph()
    {
        var finder = new ResNetLayerFinder();

        Assert.All(["conv1", "maxpool", "layer3", "layer3.1", "layer4.2"], name => Assert.True(finder.Defines(name), name));
        Assert.All(["layer", "layer3.", "inception4c", "mixed4"], name => Assert.False(finder.Defines(name), name));
    }
}
