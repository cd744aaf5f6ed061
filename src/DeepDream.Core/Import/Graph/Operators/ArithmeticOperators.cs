using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX element-wise arithmetic with numpy broadcasting (opset 7 on): Add, Sub, Mul, Div, Pow; the variadic Sum,
/// Mean, Max and Min; and the unary Abs, Neg, Sqrt, Exp and Reciprocal.
/// </summary>
internal static class ArithmeticOperators
{
    public static OperatorKernel Add(OperatorContext context) => Binary(context, (a, b) => a.add(b));

    public static OperatorKernel Sub(OperatorContext context) => Binary(context, (a, b) => a.sub(b));

    public static OperatorKernel Mul(OperatorContext context) => Binary(context, (a, b) => a.mul(b));

    /// <summary>Integer division truncates in ONNX (it appears in shape arithmetic); torch would return floats.</summary>
    public static OperatorKernel Div(OperatorContext context) =>
        Binary(context, (a, b) => a.is_integral() && b.is_integral() ? a.div(b, RoundingMode.trunc) : a.div(b));

    public static OperatorKernel Pow(OperatorContext context) => Binary(context, (a, b) => a.pow(b));

    public static OperatorKernel Sum(OperatorContext context) => Variadic(context, (a, b) => a.add(b));

    public static OperatorKernel Max(OperatorContext context) => Variadic(context, maximum);

    public static OperatorKernel Min(OperatorContext context) => Variadic(context, minimum);

    public static OperatorKernel Mean(OperatorContext context)
    {
        var sum = Sum(context);
        int count = context.Node.Inputs.Count;
        return inputs => sum(inputs).div(count);
    }

    public static OperatorKernel Abs(OperatorContext context) => UnaryKernel.Of(context, x => x.abs());

    public static OperatorKernel Neg(OperatorContext context) => UnaryKernel.Of(context, x => x.neg());

    public static OperatorKernel Sqrt(OperatorContext context) => UnaryKernel.Of(context, x => x.sqrt());

    public static OperatorKernel Exp(OperatorContext context) => UnaryKernel.Of(context, x => x.exp());

    public static OperatorKernel Reciprocal(OperatorContext context) => UnaryKernel.Of(context, x => x.reciprocal());


    /// <summary>Folds any number of inputs (at least one) left to right, broadcasting as it goes.</summary>
    private static OperatorKernel Variadic(OperatorContext context, Func<Tensor, Tensor, Tensor> operation)
    {
        context.RequireInputs(Math.Max(1, context.Node.Inputs.Count));
        return inputs =>
        {
            var total = inputs[0]!.alias();
            for (int i = 1; i < inputs.Length; i++)
            {
                var (left, right) = TensorValues.OnOneDevice(total, inputs[i]!);
                total = operation(left, right);
            }
            return total;
        };
    }

    /// <summary>
    /// Numpy broadcasting; before opset 7, <c>broadcast=1</c> with an <c>axis</c> lines the second operand up with
    /// the first from that axis on (Caffe-era bias adds: a C-vector added at axis 1 of N×C×H×W).
    /// </summary>
    private static OperatorKernel Binary(OperatorContext context, Func<Tensor, Tensor, Tensor> operation)
    {
        context.RequireInputs(2);
        long? legacyAxis = context.OpsetVersion < 7 && context.Node.Int("broadcast", 0) == 1 && context.Node.Attributes.ContainsKey("axis")
            ? context.Node.Int("axis", 0)
            : null;
        return inputs =>
        {
            var (left, right) = TensorValues.OnOneDevice(inputs[0]!, inputs[1]!);
            if (legacyAxis is { } axis)
            {
                long trailing = left.dim() - TensorValues.Axis(axis, left.dim()) - right.dim();
                if (trailing > 0) right = right.reshape([.. right.shape, .. Enumerable.Repeat(1L, (int)trailing)]);
            }
            return operation(left, right);
        };
    }
}
