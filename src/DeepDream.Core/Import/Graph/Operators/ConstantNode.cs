namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX Constant. It is not run as a kernel: the executor folds its value into the weights at construction,
/// so it costs nothing per forward pass and is never freed between passes.
/// </summary>
internal static class ConstantNode
{
    public const string OpType = "Constant";

    public static GraphTensor Value(OperatorContext context)
    {
        var node = context.Node;
        string name = node.Outputs[0];
        foreach (var (key, attribute) in node.Attributes)
        {
            switch (key)
            {
                case "value" when attribute.Tensor is not null:
                    return attribute.Tensor with { Name = name };
                case "value_float" when attribute.Float is not null:
                    return GraphTensor.FromFloats(name, [attribute.Float.Value]);
                case "value_floats" when attribute.Floats is not null:
                    return GraphTensor.FromFloats(name, [.. attribute.Floats], attribute.Floats.Count);
                case "value_int" when attribute.Int is not null:
                    return GraphTensor.FromLongs(name, [attribute.Int.Value]);
                case "value_ints" when attribute.Ints is not null:
                    return GraphTensor.FromLongs(name, [.. attribute.Ints], attribute.Ints.Count);
            }
        }
        throw context.Error("has no value of a supported kind (a float or integer tensor, or value_float(s)/value_int(s))");
    }
}
