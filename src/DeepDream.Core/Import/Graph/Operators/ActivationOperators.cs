using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX element-wise activations (ReLU family, sigmoids, ELU, softplus, PReLU) and Softmax.</summary>
internal static class ActivationOperators
{
    public static OperatorKernel Relu(OperatorContext context) => UnaryKernel.Of(context, x => x.relu());

    public static OperatorKernel Sigmoid(OperatorContext context) => UnaryKernel.Of(context, x => x.sigmoid());

    public static OperatorKernel Tanh(OperatorContext context) => UnaryKernel.Of(context, x => x.tanh());

    public static OperatorKernel Softplus(OperatorContext context) => UnaryKernel.Of(context, x => x.softplus());

    public static OperatorKernel Elu(OperatorContext context)
    {
        float alpha = context.Node.Float("alpha", 1f);
        return UnaryKernel.Of(context, x => nn.functional.elu(x, alpha));
    }

    /// <summary>max(0, min(1, alpha·x + beta)).</summary>
    public static OperatorKernel HardSigmoid(OperatorContext context)
    {
        float alpha = context.Node.Float("alpha", 0.2f), beta = context.Node.Float("beta", 0.5f);
        return UnaryKernel.Of(context, x => x.mul(alpha).add_(beta).clamp_(0, 1));
    }

    /// <summary>x where positive, slope·x elsewhere; the slope broadcasts (usually one per channel, shaped C×1×1).</summary>
    public static OperatorKernel PRelu(OperatorContext context)
    {
        context.RequireInputs(2);
        return inputs =>
        {
            var (x, slope) = TensorValues.OnOneDevice(inputs[0]!, inputs[1]!);
            return where(x.gt(0), x, x.mul(slope));
        };
    }

    public static OperatorKernel LeakyRelu(OperatorContext context)
    {
        float slope = context.Node.Float("alpha", 0.01f);
        return UnaryKernel.Of(context, x => x.leaky_relu(slope));
    }

    /// <summary>Clip: bounds are attributes before opset 11 and optional scalar inputs from then on (ReLU6 is Clip(0, 6)).</summary>
    public static OperatorKernel Clip(OperatorContext context)
    {
        context.RequireInputs(1);
        if (context.OpsetVersion < 11)
        {
            float min = context.Node.Float("min", float.MinValue), max = context.Node.Float("max", float.MaxValue);
            return inputs => inputs[0]!.clamp(min, max);
        }
        if (!context.HasInput(1) && !context.HasInput(2)) return inputs => inputs[0]!.alias();
        return inputs => inputs[0]!.clamp(TensorValues.Optional(inputs, 1), TensorValues.Optional(inputs, 2));
    }

    /// <summary>
    /// Softmax over <c>axis</c>. Before opset 13 the input is treated as 2-D, flattened at the axis (default 1),
    /// and the softmax runs over the whole trailing block.
    /// </summary>
    public static OperatorKernel Softmax(OperatorContext context)
    {
        context.RequireInputs(1);
        if (context.OpsetVersion >= 13)
        {
            long axis = context.Node.Int("axis", -1);
            return inputs => inputs[0]!.softmax(axis);
        }
        long flattenAxis = context.Node.Int("axis", 1);
        return inputs =>
        {
            var input = inputs[0]!;
            var shape = input.shape;
            long split = TensorValues.Axis(flattenAxis, shape.Length);
            long outer = shape.Take((int)split).Aggregate(1L, (a, b) => a * b);
            return input.reshape(outer, -1).softmax(1).reshape(shape);
        };
    }

}
