using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.Import.Tfjs;
using DeepDream.Models;

namespace DeepDream.Tests.Import.Tfjs;

public sealed class TfjsImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonObject Conv(int filters, int[] kernel, int stride, string padding, string activation = "linear", bool bias = true) => new()
    {
        ["filters"] = filters,
        ["kernel_size"] = new JsonArray(kernel.Select(k => (JsonNode)k).ToArray()),
        ["strides"] = new JsonArray(stride, stride),
        ["padding"] = padding,
        ["data_format"] = "channels_last",
        ["dilation_rate"] = new JsonArray(1, 1),
        ["activation"] = activation,
        ["use_bias"] = bias,
    };

    [Fact]
    public void Conv2D_kernel_becomes_out_in_kh_kw_with_same_upper_padding()
    {
        var kernel = TfjsTestModel.Values(1, 2 * 3 * 2 * 3);
        var bias = TfjsTestModel.Values(2, 3);
        var folder = new TfjsTestModel()
            .Input("input_1", 5, 5, 2)
            .Layer("Conv2D", "conv", Conv(3, [2, 3], 2, "same", "relu"), "input_1")
            .Weight("conv/kernel", [2, 3, 2, 3], kernel)
            .Weight("conv/bias", [3], bias)
            .WriteJson(_folder);

        var graph = TfjsImporter.Load(folder);

        Assert.Equal("input_1", graph.Input.Name);
        Assert.Equal([-1L, 2, 5, 5], graph.Input.Shape);
        Assert.Equal(["Conv", "Relu"], graph.Nodes.Select(n => n.OpType));
        var conv = graph.Nodes[0];
        Assert.Equal(["input_1", "conv/kernel", "conv/bias"], conv.Inputs);
        Assert.Equal("conv/preactivation", conv.Outputs[0]);
        Assert.Equal("SAME_UPPER", conv.String("auto_pad", ""));
        Assert.Equal([2L, 2L], conv.Ints("strides")!);
        Assert.Equal([2L, 3L], conv.Ints("kernel_shape")!);
        Assert.Equal(1, conv.Int("group", 0));
        Assert.Equal(["conv/preactivation"], graph.Nodes[1].Inputs);
        Assert.Equal("conv", graph.Nodes[1].Outputs[0]);
        Assert.Equal(["conv"], graph.Outputs);
        var w = graph.Initializers["conv/kernel"];
        Assert.Equal([3L, 2, 2, 3], w.Shape);
        for (int o = 0; o < 3; o++)
            for (int i = 0; i < 2; i++)
                for (int y = 0; y < 2; y++)
                    for (int x = 0; x < 3; x++)
                        Assert.Equal(kernel[((y * 3 + x) * 2 + i) * 3 + o], w.Floats![((o * 2 + i) * 2 + y) * 3 + x]);
        Assert.Equal(bias, graph.Initializers["conv/bias"].Floats!);
    }

    [Fact]
    public void DepthwiseConv2D_is_a_grouped_convolution_with_channel_times_multiplier_order()
    {
        var kernel = TfjsTestModel.Values(3, 3 * 3 * 2 * 2);
        var folder = new TfjsTestModel()
            .Input("input_1", 4, 4, 2)
            .Layer("DepthwiseConv2D", "dw", new JsonObject
            {
                ["kernel_size"] = new JsonArray(3, 3), ["strides"] = new JsonArray(1, 1), ["padding"] = "valid",
                ["depth_multiplier"] = 2, ["use_bias"] = false, ["activation"] = "linear",
            }, "input_1")
            .Weight("dw/depthwise_kernel", [3, 3, 2, 2], kernel)
            .WriteJson(_folder);

        var graph = TfjsImporter.Load(folder);

        var conv = Assert.Single(graph.Nodes);
        Assert.Equal(2, conv.Int("group", 0));
        Assert.False(conv.Attributes.ContainsKey("auto_pad"));
        var w = graph.Initializers[conv.Inputs[1]];
        Assert.Equal([4L, 1, 3, 3], w.Shape);
        for (int c = 0; c < 2; c++)
            for (int m = 0; m < 2; m++)
                for (int y = 0; y < 3; y++)
                    for (int x = 0; x < 3; x++)
                        Assert.Equal(kernel[((y * 3 + x) * 2 + c) * 2 + m], w.Floats![((c * 2 + m) * 3 + y) * 3 + x]);
    }

    [Fact]
    public void BatchNormalization_without_scale_or_center_uses_ones_and_zeros()
    {
        var folder = new TfjsTestModel()
            .Input("input_1", 2, 2, 3)
            .Layer("BatchNormalization", "bn", new JsonObject { ["axis"] = 3, ["epsilon"] = 0.01, ["center"] = false, ["scale"] = false }, "input_1")
            .Weight("bn/moving_mean", [3], [1, 2, 3])
            .Weight("bn/moving_variance", [3], [4, 5, 6])
            .WriteJson(_folder);

        var graph = TfjsImporter.Load(folder);
        var node = Assert.Single(graph.Nodes);

        Assert.Equal("BatchNormalization", node.OpType);
        Assert.Equal(0.01f, node.Float("epsilon", 0));
        Assert.Equal([1f, 1, 1], graph.Initializers[node.Inputs[1]].Floats!);
        Assert.Equal([0f, 0, 0], graph.Initializers[node.Inputs[2]].Floats!);
        Assert.Equal([1f, 2, 3], graph.Initializers[node.Inputs[3]].Floats!);
        Assert.Equal([4f, 5, 6], graph.Initializers[node.Inputs[4]].Floats!);
    }

    [Fact]
    public void Padding_pooling_concatenation_flatten_and_dense_map_to_channels_first()
    {
        var dense = TfjsTestModel.Values(4, 8 * 2);
        var folder = new TfjsTestModel()
            .Input("input_1", 4, 4, 2)
            .Layer("ZeroPadding2D", "pad", new JsonObject { ["padding"] = new JsonArray(new JsonArray(1, 2), new JsonArray(3, 4)) }, "input_1")
            .Layer("AveragePooling2D", "avg", new JsonObject { ["pool_size"] = new JsonArray(3, 3), ["strides"] = null, ["padding"] = "same" }, "pad")
            .Layer("MaxPooling2D", "max", new JsonObject { ["pool_size"] = new JsonArray(3, 3), ["strides"] = new JsonArray(3, 3), ["padding"] = "same" }, "pad")
            .Layer("Concatenate", "mixed", new JsonObject { ["axis"] = -1 }, "avg", "max")
            .Layer("Flatten", "flat", new JsonObject(), "mixed")
            .Layer("Dropout", "drop", new JsonObject { ["rate"] = 0.5 }, "flat")
            .Layer("Dense", "dense", new JsonObject { ["units"] = 2, ["activation"] = "softmax", ["use_bias"] = false }, "drop")
            .Weight("dense/kernel", [8, 2], dense)
            .WriteBundle(_folder);

        var graph = TfjsImporter.Load(folder);
        var nodes = graph.Nodes.ToDictionary(n => n.Outputs[0]);

        Assert.Equal([0L, 0, 1, 3, 0, 0, 2, 4], graph.Initializers[nodes["pad"].Inputs[1]].Longs!);
        Assert.Equal("constant", nodes["pad"].String("mode", ""));
        Assert.Equal(0, nodes["avg"].Int("count_include_pad", 1));
        Assert.Equal([3L, 3L], nodes["avg"].Ints("strides")!);
        Assert.Equal("SAME_UPPER", nodes["max"].String("auto_pad", ""));
        Assert.Equal(1, nodes["mixed"].Int("axis", -1));
        Assert.Equal([0L, 2, 3, 1], nodes["flat/channels_last"].Ints("perm")!);
        Assert.Equal("Flatten", nodes["flat"].OpType);
        Assert.Equal("Identity", nodes["drop"].OpType);
        Assert.Equal("Gemm", nodes["dense/preactivation"].OpType);
        Assert.Equal(["drop", "dense/kernel"], nodes["dense/preactivation"].Inputs);
        Assert.Equal(0, nodes["dense/preactivation"].Int("transB", 0));
        Assert.Equal(dense, graph.Initializers["dense/kernel"].Floats!);
        Assert.Equal(1, nodes["dense"].Int("axis", -1));
    }

    [Fact]
    public void Bundled_and_plain_exports_of_one_model_give_the_same_graph()
    {
        var model = new TfjsTestModel()
            .Input("input_1", 3, 3, 1)
            .Layer("Conv2D", "conv", Conv(2, [1, 1], 1, "valid", bias: false), "input_1")
            .Layer("ReLU", "relu6", new JsonObject { ["max_value"] = 6.0 }, "conv")
            .Layer("Add", "sum", new JsonObject(), "conv", "relu6", "conv")
            .Weight("conv/kernel", [1, 1, 1, 2], [0.5f, -2f]);

        var plain = TfjsImporter.Load(Path.Combine(model.WriteJson(Path.Combine(_folder, "plain"), shards: 1), "model.json"));
        var bundled = TfjsImporter.Load(model.WriteBundle(Path.Combine(_folder, "bundle"), shards: 3));

        Assert.Equal(plain.Nodes.Select(Describe), bundled.Nodes.Select(Describe));
        Assert.Equal(["Conv", "Clip", "Add", "Add"], plain.Nodes.Select(n => n.OpType));
        Assert.Equal(["sum/partial_sum_1", "conv"], plain.Nodes[3].Inputs);
        Assert.Equal([6f], plain.Initializers[plain.Nodes[1].Inputs[2]].Floats!);
        Assert.Equal(plain.Initializers["conv/kernel"].Floats, bundled.Initializers["conv/kernel"].Floats!);
    }

    private static string Describe(GraphNode node) =>
        $"{node.OpType}({string.Join(",", node.Inputs)})->{node.Outputs[0]} {string.Join(";", node.Attributes.Select(a => a.Key))}";
}
