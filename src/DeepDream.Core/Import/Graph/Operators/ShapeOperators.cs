using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX Shape, Gather and Cast: with Unsqueeze, Concat and Reshape they form the shape arithmetic exporters emit
/// (e.g. flatten to [batch, −1]). Shapes are small int64 tensors on the CPU, evaluated like any other value.
/// </summary>
internal static class ShapeOperators
{
    /// <summary>The input's shape as a 1-D int64 tensor, sliced by start/end (opset 15) with clamping.</summary>
    public static OperatorKernel Shape(OperatorContext context)
    {
        context.RequireInputs(1);
        long start = context.Node.Int("start", 0);
        long? end = context.Node.Attributes.ContainsKey("end") ? context.Node.Int("end", 0) : null;
        return inputs =>
        {
            var shape = inputs[0]!.shape;
            int first = Clamp(start, shape.Length), last = end is null ? shape.Length : Clamp(end.Value, shape.Length);
            return tensor(shape[first..Math.Max(first, last)], ScalarType.Int64);
        };
    }

    /// <summary>Picks entries along <c>axis</c>; the result has the indices' shape in place of that axis.</summary>
    public static OperatorKernel Gather(OperatorContext context)
    {
        context.RequireInputs(2);
        long axis = context.Node.Int("axis", 0);
        return inputs =>
        {
            var data = inputs[0]!;
            var (indices, _) = TensorValues.OnOneDevice(inputs[1]!, data);
            var shape = data.shape;
            int dimension = (int)TensorValues.Axis(axis, shape.Length);
            // ONNX allows negative indices, counted from the end.
            var positive = where(indices.lt(0), indices.add(shape[dimension]), indices);
            long[] resultShape = [.. shape[..dimension], .. indices.shape, .. shape[(dimension + 1)..]];
            return data.index_select(dimension, positive.flatten()).reshape(resultShape);
        };
    }

    /// <summary>Cast to the two element types the executor keeps: float32 for real numbers, int64 for integers.</summary>
    public static OperatorKernel Cast(OperatorContext context)
    {
        context.RequireInputs(1);
        long target = context.Node.Int("to", 0);
        ScalarType type = target switch
        {
            OnnxElementType.Float or OnnxElementType.Float16 or OnnxElementType.Double => ScalarType.Float32,
            OnnxElementType.Int32 or OnnxElementType.Int64 => ScalarType.Int64,
            _ => throw context.Error($"casts to ONNX element type {target}; only float and integer casts are supported"),
        };
        return inputs => inputs[0]!.to(type, copy: true);
    }

    private static int Clamp(long axis, int rank) => (int)Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank);
}
