using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX Add, Sub, Mul and Div with numpy broadcasting (opset 7 on).</summary>
internal static class ArithmeticOperators
{
    public static OperatorKernel Add(OperatorContext context) => Binary(context, (a, b) => a.add(b));

    public static OperatorKernel Sub(OperatorContext context) => Binary(context, (a, b) => a.sub(b));

    public static OperatorKernel Mul(OperatorContext context) => Binary(context, (a, b) => a.mul(b));

    /// <summary>Integer division truncates in ONNX (it appears in shape arithmetic); torch would return floats.</summary>
    public static OperatorKernel Div(OperatorContext context) =>
        Binary(context, (a, b) => a.is_integral() && b.is_integral() ? a.div(b, RoundingMode.trunc) : a.div(b));

    private static OperatorKernel Binary(OperatorContext context, Func<Tensor, Tensor, Tensor> operation)
    {
        context.RequireInputs(2);
        return inputs =>
        {
            var (left, right) = TensorValues.OnOneDevice(inputs[0]!, inputs[1]!);
            return operation(left, right);
        };
    }
}
