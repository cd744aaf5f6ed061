using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX ReduceMean, ReduceSum and ReduceMax (PyTorch and tf2onnx export global average pooling as ReduceMean).
/// The axes are an attribute, or from opset 13 (ReduceSum) and 18 (the others) an optional input; none means all.
/// </summary>
internal static class ReductionOperators
{
    public static OperatorKernel ReduceMean(OperatorContext context) =>
        Reduce(context, 18, (x, axes, keep) => x.mean(axes, keep));

    public static OperatorKernel ReduceSum(OperatorContext context) =>
        Reduce(context, 13, (x, axes, keep) => x.sum(axes, keep));

    public static OperatorKernel ReduceMax(OperatorContext context) =>
        Reduce(context, 18, (x, axes, keep) => axes.Aggregate(x, (current, axis) => current.amax([axis], keep)));

    private static OperatorKernel Reduce(OperatorContext context, int axesInputFrom, Func<Tensor, long[], bool, Tensor> reduce)
    {
        context.RequireInputs(1);
        bool keepDims = context.Node.Int("keepdims", 1) != 0;
        bool emptyIsNoop = context.Node.Int("noop_with_empty_axes", 0) != 0;
        var attributeAxes = context.Node.Ints("axes")?.ToArray();
        bool axesFromInput = context.OpsetVersion >= axesInputFrom;
        return inputs =>
        {
            var input = inputs[0]!;
            long[] axes = axesFromInput
                ? TensorValues.Optional(inputs, 1) is { } given ? TensorValues.ToLongs(given) : []
                : attributeAxes ?? [];
            if (axes.Length == 0)
            {
                if (emptyIsNoop) return input.alias();
                axes = [.. Enumerable.Range(0, (int)input.dim()).Select(axis => (long)axis)];
            }
            // Reducing from the last axis keeps the remaining axis numbers valid when dimensions are dropped.
            var normalised = axes.Select(axis => TensorValues.Axis(axis, input.dim())).Distinct().OrderDescending().ToArray();
            return reduce(input, normalised, keepDims);
        };
    }
}
