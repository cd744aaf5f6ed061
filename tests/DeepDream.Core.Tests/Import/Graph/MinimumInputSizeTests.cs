using DeepDream.Import.Graph;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Graph;

/// <summary>The smallest input a layer accepts, worked out from the windows on its way, and checked by running torch.</summary>
public sealed class MinimumInputSizeTests
{
    public MinimumInputSizeTests() => TorchRuntime.EnsureLoaded();

    /// <summary>
    /// rgb → conv 7×7 (no padding) → c1 → max pool 3×3/2 → p1 → conv 1×5 → c2 → relu → r2; and rgb → conv 3×3
    /// (padding 1) → side.
    /// </summary>
    internal static GraphNetwork Network()
    {
        var random = new Random(4);
        var graph = new GraphDescription
        {
            Name = "windows",
            Input = new GraphInput("rgb", [1, 3, -1, -1]),
            Nodes =
            [
                new GraphNode("conv1", "Conv", ["rgb", "w1"], ["c1"], new Dictionary<string, GraphAttribute>()),
                new GraphNode("pool1", "MaxPool", ["c1"], ["p1"], new Dictionary<string, GraphAttribute>
                {
                    ["kernel_shape"] = GraphAttribute.Of(3L, 3L), ["strides"] = GraphAttribute.Of(2L, 2L),
                }),
                new GraphNode("conv2", "Conv", ["p1", "w2"], ["c2"], new Dictionary<string, GraphAttribute>()),
                new GraphNode("relu2", "Relu", ["c2"], ["r2"], new Dictionary<string, GraphAttribute>()),
                new GraphNode("side", "Conv", ["rgb", "w3"], ["side"], new Dictionary<string, GraphAttribute> { ["pads"] = GraphAttribute.Of(1L, 1L, 1L, 1L) }),
            ],
            Initializers = new Dictionary<string, GraphTensor>
            {
                ["w1"] = GraphTensor.FromFloats("w1", TestTensors.RandomFloats(random, 2 * 3 * 49), 2, 3, 7, 7),
                ["w2"] = GraphTensor.FromFloats("w2", TestTensors.RandomFloats(random, 2 * 2 * 5), 2, 2, 1, 5),
                ["w3"] = GraphTensor.FromFloats("w3", TestTensors.RandomFloats(random, 2 * 3 * 9), 2, 3, 3, 3),
            },
            Outputs = ["r2"],
        };
        return new GraphNetwork(graph, TestTensors.PassThrough, new Dictionary<string, string> { ["block"] = "r2" }, ["r2"], CPU);
    }

    [Theory]
    [InlineData("c1", 7, 7)]     // one 7×7 window
    [InlineData("p1", 9, 9)]     // three conv positions for one 3×3 pool window
    [InlineData("r2", 9, 17)]    // five pooled columns for the 1×5 window: 2·4 + 3 = 11 conv columns, 11 + 6 = 17 pixels
    [InlineData("block", 9, 17)] // a friendly name
    [InlineData("side", 1, 1)]   // padded enough for any size
    public void Minimum_follows_the_windows_on_the_way_to_the_layer(string layer, int height, int width)
    {
        using var network = Network();

        Assert.Equal((height, width), network.MinimumInputSize([layer]));
    }

    [Fact]
    public void Torch_agrees_at_the_minimum_and_one_pixel_below()
    {
        using var network = Network();
        using var scope = NewDisposeScope();

        Assert.Equal([1L, 2, 1, 1], network.Forward(zeros(1, 3, 9, 17), ["r2"])["r2"].shape);
        Assert.ThrowsAny<Exception>(() => network.Forward(zeros(1, 3, 8, 17), ["r2"]));
        Assert.ThrowsAny<Exception>(() => network.Forward(zeros(1, 3, 9, 16), ["r2"]));
    }

    [Fact]
    public void Several_layers_need_the_largest_of_their_minimums()
    {
        using var network = Network();

        Assert.Equal((9, 17), network.MinimumInputSize(["side", "r2", "c1"]));
    }
}
