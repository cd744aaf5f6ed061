using System.Runtime.InteropServices;
using DeepDream.Import.Onnx.Protobuf;
using Google.Protobuf;
using DataType = DeepDream.Import.Onnx.Protobuf.TensorProto.Types.DataType;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>Builds small ONNX models in code, the way exporters write them (float weights as raw_data).</summary>
internal sealed class OnnxModelBuilder
{
    private readonly GraphProto _graph = new() { Name = "test-graph" };
    private int _opset = 13;

    public OnnxModelBuilder(string inputName, params long[] inputShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(inputShape.Select(size => size < 0
            ? new TensorShapeProto.Types.Dimension { DimParam = "dynamic" }
            : new TensorShapeProto.Types.Dimension { DimValue = size }));
        _graph.Input.Add(new ValueInfoProto
        {
            Name = inputName,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } },
        });
    }

    public OnnxModelBuilder Opset(int version)
    {
        _opset = version;
        return this;
    }

    public OnnxModelBuilder Floats(string name, float[] values, params long[] dims) => Initializer(FloatTensor(name, values, dims));

    public OnnxModelBuilder Longs(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return Initializer(tensor);
    }

    public OnnxModelBuilder Initializer(TensorProto tensor)
    {
        _graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>Lists an initializer among the graph inputs too, as exporters before IR version 4 did.</summary>
    public OnnxModelBuilder InputListingInitializer(string name)
    {
        _graph.Input.Insert(0, new ValueInfoProto { Name = name });
        return this;
    }

    public OnnxModelBuilder Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        Node(opType, output, inputs, [output], attributes);

    public OnnxModelBuilder Node(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return this;
    }

    public OnnxModelBuilder Output(string name)
    {
        _graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public ModelProto Build()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "DeepDream tests", Graph = _graph.Clone() };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = _opset });
        return model;
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Build().ToByteArray());
        return path;
    }

    public static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    /// <summary>A float tensor of <paramref name="length"/> values whose data lies in another file (location, offset, length entries).</summary>
    public static TensorProto External(string name, long length, params (string Key, string Value)[] entries)
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)DataType.Float,
            Dims = { length },
            DataLocation = TensorProto.Types.DataLocation.External,
        };
        tensor.ExternalData.AddRange(entries.Select(entry => new StringStringEntryProto { Key = entry.Key, Value = entry.Value }));
        return tensor;
    }

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
