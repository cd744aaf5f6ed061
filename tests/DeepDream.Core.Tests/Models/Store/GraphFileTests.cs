using System.Buffers.Binary;
using System.Text;
using DeepDream.Import.Graph;
using DeepDream.Models;
using DeepDream.Models.Store;

namespace DeepDream.Tests.Models.Store;

public sealed class GraphFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string Path_ => Path.Combine(_folder, "model.ddm");

    public void Dispose() => _folder.Dispose();

    private static GraphDescription Sample() => new()
    {
        Name = "sample",
        OpsetVersion = 11,
        Input = new GraphInput("data", [-1, 3, 224, 224]),
        Outputs = ["prob"],
        Nodes =
        [
            new GraphNode("conv", "Conv", ["data", "w", ""], ["c"], new Dictionary<string, GraphAttribute>
            {
                ["strides"] = GraphAttribute.Of(2L, 2L),
                ["group"] = GraphAttribute.Of(1L),
                ["auto_pad"] = GraphAttribute.Of("SAME_UPPER"),
                ["alpha"] = GraphAttribute.Of(0.25f),
                ["scales"] = GraphAttribute.Of(1.5f, float.PositiveInfinity),
                ["value"] = GraphAttribute.Of(GraphTensor.FromLongs("shape", [1, -1], 2)),
            }),
            new GraphNode("softmax", "Softmax", ["c"], ["prob"], new Dictionary<string, GraphAttribute>()),
        ],
        Initializers = new Dictionary<string, GraphTensor>
        {
            ["w"] = GraphTensor.FromFloats("w", [1f, -2.5f, 3e-8f, float.MaxValue, 0f, 7f], 2, 3, 1, 1),
            ["pads"] = GraphTensor.FromLongs("pads", [0, 1, long.MaxValue], 3),
            ["scalar"] = GraphTensor.FromFloats("scalar", [42f]),
        },
    };

    [Fact]
    public void Round_trip_keeps_graph_attributes_and_weights_exactly()
    {
        GraphFile.Write(Sample(), Path_);

        var read = GraphFile.Read(Path_);

        Assert.Equal("sample", read.Name);
        Assert.Equal(11, read.OpsetVersion);
        Assert.Equal("data", read.Input.Name);
        Assert.Equal([-1L, 3, 224, 224], read.Input.Shape);
        Assert.Equal(["prob"], read.Outputs);
        Assert.Equal(["Conv", "Softmax"], read.Nodes.Select(n => n.OpType));
        var conv = read.Nodes[0];
        Assert.Equal(["data", "w", ""], conv.Inputs);
        Assert.Equal(["c"], conv.Outputs);
        Assert.Equal([2L, 2L], conv.Ints("strides")!);
        Assert.Equal(1, conv.Int("group", 0));
        Assert.Equal("SAME_UPPER", conv.String("auto_pad", ""));
        Assert.Equal(0.25f, conv.Float("alpha", 0));
        Assert.Equal([1.5f, float.PositiveInfinity], conv.Floats("scales")!);
        var attributeTensor = conv.Attributes["value"].Tensor!;
        Assert.Equal([1L, -1L], attributeTensor.Longs!);
        Assert.Equal([2L], attributeTensor.Shape);
        Assert.Equal([1f, -2.5f, 3e-8f, float.MaxValue, 0f, 7f], read.Initializers["w"].Floats!);
        Assert.Equal([2L, 3, 1, 1], read.Initializers["w"].Shape);
        Assert.Equal([0L, 1, long.MaxValue], read.Initializers["pads"].Longs!);
        Assert.Empty(read.Initializers["scalar"].Shape);
        Assert.Equal([42f], read.Initializers["scalar"].Floats!);
    }

    [Fact]
    public void Blobs_are_aligned_to_64_bytes()
    {
        GraphFile.Write(Sample(), Path_);

        var bytes = File.ReadAllBytes(Path_);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        var header = Encoding.UTF8.GetString(bytes, 16, (int)headerLength);

        Assert.StartsWith("DDMODEL1", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Contains("\"offset\":64", header);
        Assert.Contains("\"offset\":128", header);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_ours()
    {
        File.WriteAllText(Path_, "PK\u0003\u0004 definitely a zip file");

        Assert.Contains("model.ddm: not a DeepDream model file", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    [Fact]
    public void Refuses_a_header_length_beyond_the_file()
    {
        GraphFile.Write(Sample(), Path_);
        var bytes = File.ReadAllBytes(Path_);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), long.MaxValue / 2);
        File.WriteAllBytes(Path_, bytes);

        Assert.Contains("header length out of range", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    [Fact]
    public void Refuses_a_truncated_file()
    {
        GraphFile.Write(Sample(), Path_);
        var bytes = File.ReadAllBytes(Path_);
        File.WriteAllBytes(Path_, bytes[..^8]);

        Assert.Contains("lies outside the file", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    [Theory]
    [InlineData("\"length\":24", "\"length\":2400000000", "lies outside the file")]
    [InlineData("\"shape\":[2,3,1,1]", "\"shape\":[200000,300000,100000,100000]", "larger than the file")]
    [InlineData("\"offset\":64", "\"offset\":-64", "lies outside the file")]
    [InlineData("\"type\":\"float32\"", "\"type\":\"complex128\"", "unknown type complex128")]
    [InlineData("\"version\":2", "\"version\":99", "format version 99, expected 1 to 2")]
    [InlineData("\"version\":2", "\"version\":0", "format version 0, expected 1 to 2")]
    [InlineData("\"name\":\"sample\"", "\"name\":null", "unreadable header")]
    public void Refuses_headers_that_lie_about_the_data(string original, string replacement, string problem)
    {
        GraphFile.Write(Sample(), Path_);
        RewriteHeader(header => header.Contains(original) ? header.Replace(original, replacement) : throw new InvalidOperationException(header));

        Assert.Contains(problem, Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    [Fact]
    public void Refuses_tensors_that_overlap_to_multiply_memory()
    {
        var graph = Sample();
        GraphFile.Write(new GraphDescription
        {
            Name = graph.Name, Input = graph.Input, Outputs = graph.Outputs, Nodes = [],
            Initializers = new Dictionary<string, GraphTensor>
            {
                ["a"] = GraphTensor.FromFloats("a", new float[64], 64),
                ["b"] = GraphTensor.FromFloats("b", new float[64], 64),
            },
        }, Path_);
        RewriteHeader(header => header.Replace("\"offset\":256", "\"offset\":0"));

        Assert.Contains("tensor b overlaps another", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    /// <summary>A graph with one 3×3 kernel of 2 inputs and 4 outputs (values 0, 1, 2, … in shape order).</summary>
    private static GraphDescription Kernel(params long[] inputShape) => new()
    {
        Name = "kernel",
        Input = new GraphInput("data", inputShape),
        Outputs = ["c"],
        Nodes = [new GraphNode("conv", "Conv", ["data", "k"], ["c"], new Dictionary<string, GraphAttribute>())],
        Initializers = new Dictionary<string, GraphTensor>
        {
            ["k"] = GraphTensor.FromFloats("k", [.. Enumerable.Range(0, 4 * 2 * 3 * 3).Select(i => (float)i)], 4, 2, 3, 3),
            ["bias"] = GraphTensor.FromFloats("bias", [1f, 2f, 3f, 4f], 4),
        },
    };

    /// <summary>The values in the order of the tensor's shape, however the tensor holds them.</summary>
    private static float[] InShapeOrder(GraphTensor tensor)
    {
        var values = new List<float>();
        foreach (var run in ChannelsLastOrder.InShapeOrder(tensor)) values.AddRange(run.ToArray());
        return [.. values];
    }

    [Fact]
    public void Kernels_of_an_NCHW_graph_are_stored_channels_last_and_read_into_that_order()
    {
        var graph = Kernel(1, 3, 224, 224);
        GraphFile.Write(graph, Path_);

        var read = GraphFile.Read(Path_);

        var kernel = read.Initializers["k"];
        var original = graph.Initializers["k"].Floats!;
        Assert.True(kernel.IsChannelsLast);
        Assert.Equal([4L, 2, 3, 3], kernel.Shape);
        // [n, h, w, c] in memory holds the value at [n, c, h, w].
        for (int n = 0; n < 4; n++)
        for (int c = 0; c < 2; c++)
        for (int p = 0; p < 9; p++)
            Assert.Equal(original[(n * 2 + c) * 9 + p], kernel.Floats![(n * 9 + p) * 2 + c]);
        Assert.Equal(original, InShapeOrder(kernel));
        Assert.False(read.Initializers["bias"].IsChannelsLast);
        Assert.Equal([1f, 2f, 3f, 4f], read.Initializers["bias"].Floats!);
        Assert.Contains("\"layout\":\"nhwc\"", Header());
    }

    [Fact]
    public void Kernels_of_a_channels_last_graph_are_stored_in_shape_order()
    {
        var graph = Kernel(1, 224, 224, 3);
        GraphFile.Write(graph, Path_);

        var kernel = GraphFile.Read(Path_).Initializers["k"];

        Assert.False(kernel.IsChannelsLast);
        Assert.Equal(graph.Initializers["k"].Floats!, kernel.Floats!);
        Assert.DoesNotContain("layout", Header());
    }

    [Fact]
    public void A_version_1_file_still_reads_and_prepares_to_the_same_network()
    {
        // Version 1 stored every tensor in shape order: the file a channels-last graph gets, relabelled as an NCHW graph's.
        var graph = Kernel(1, 3, 224, 224);
        GraphFile.Write(Kernel(1, 224, 224, 3), Path_);
        RewriteHeader(header => header.Replace("\"version\":2", "\"version\":1").Replace("[1,224,224,3]", "[1,3,224,224]"));
        var current = System.IO.Path.Combine(_folder, "current.ddm");
        GraphFile.Write(graph, current);

        var old = GraphFile.Read(Path_);
        var now = GraphFile.Read(current);

        Assert.False(old.Initializers["k"].IsChannelsLast);
        Assert.Equal(graph.Initializers["k"].Floats!, old.Initializers["k"].Floats!);
        Assert.Equal(InShapeOrder(old.Initializers["k"]), InShapeOrder(now.Initializers["k"]));
        var (preparedOld, preparedNow, preparedInMemory) = (PreparedGraph.Of(old), PreparedGraph.Of(now), PreparedGraph.Of(graph));
        // Recorded in outputs and compared by --again: the same weights must keep the same fingerprint and digest.
        Assert.Equal(preparedInMemory.Fingerprint, preparedOld.Fingerprint);
        Assert.Equal(preparedInMemory.Fingerprint, preparedNow.Fingerprint);
        Assert.Equal(preparedInMemory.WeightsSha256, preparedOld.WeightsSha256);
        Assert.Equal(preparedInMemory.WeightsSha256, preparedNow.WeightsSha256);
        int slot = preparedNow.Graph.Constants.Single(pair => pair.Value.Name == "k").Key;
        Assert.Equal(preparedOld.ChannelsLastValues(slot)!, preparedNow.ChannelsLastValues(slot)!);
        Assert.Same(now.Initializers["k"].Floats, preparedNow.ChannelsLastValues(slot));
    }

    [Theory]
    [InlineData("\"layout\":\"nhwc\"", "\"layout\":\"nchw\"", "tensor k has layout nchw")]
    [InlineData("\"version\":2", "\"version\":1", "tensor k has layout nhwc")]
    [InlineData("[1,3,224,224]", "[1,224,224,3]", "tensor k has layout nhwc")]
    [InlineData("\"shape\":[4,2,3,3]", "\"shape\":[4,18]", "tensor k has layout nhwc")]
    public void Refuses_a_channels_last_layout_where_it_cannot_be(string original, string replacement, string problem)
    {
        GraphFile.Write(Kernel(1, 3, 224, 224), Path_);
        RewriteHeader(header => header.Contains(original) ? header.Replace(original, replacement) : throw new InvalidOperationException(header));

        Assert.Contains($"model.ddm: {problem}", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    [Fact]
    public void Refuses_a_truncated_channels_last_kernel()
    {
        GraphFile.Write(Kernel(1, 3, 224, 224), Path_);
        var bytes = File.ReadAllBytes(Path_);
        File.WriteAllBytes(Path_, bytes[..^100]);

        Assert.Contains("model.ddm: tensor k lies outside the file", Assert.Throws<ModelFormatException>(() => GraphFile.Read(Path_)).Message);
    }

    private string Header()
    {
        var bytes = File.ReadAllBytes(Path_);
        return Encoding.UTF8.GetString(bytes, 16, (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
    }

    /// <summary>Edits the JSON header, moving the data section so that it still starts at the next 64-byte boundary.</summary>
    private void RewriteHeader(Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(Path_);
        int headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        var data = bytes[Align(16 + headerLength)..];
        var header = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes, 16, headerLength)));
        var rewritten = new byte[Align(16 + header.Length) + data.Length];
        bytes.AsSpan(0, 8).CopyTo(rewritten);
        BinaryPrimitives.WriteInt64LittleEndian(rewritten.AsSpan(8), header.Length);
        header.CopyTo(rewritten, 16);
        data.CopyTo(rewritten, Align(16 + header.Length));
        File.WriteAllBytes(Path_, rewritten);
    }

    private static int Align(int value) => (value + 63) / 64 * 64;
}
