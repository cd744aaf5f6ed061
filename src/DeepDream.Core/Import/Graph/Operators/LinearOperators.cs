using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX Gemm (fully connected layers) and MatMul.</summary>
internal static class LinearOperators
{
    /// <summary>Y = alpha · A′ · B′ + beta · C, where ′ transposes when transA / transB ask (a view, not a copy).</summary>
    public static OperatorKernel Gemm(OperatorContext context)
    {
        context.RequireInputs(2);
        float alpha = context.Node.Float("alpha", 1f), beta = context.Node.Float("beta", 1f);
        bool transposeA = context.Node.Int("transA", 0) != 0, transposeB = context.Node.Int("transB", 0) != 0;
        return inputs =>
        {
            var a = transposeA ? inputs[0]!.t() : inputs[0]!;
            var b = transposeB ? inputs[1]!.t() : inputs[1]!;
            var c = TensorValues.Optional(inputs, 2);
            if (c is not null && beta != 0) return c.addmm(a, b, beta, alpha);
            var product = a.mm(b);
            return alpha == 1 ? product : product.mul(alpha);
        };
    }

    public static OperatorKernel MatMul(OperatorContext context)
    {
        context.RequireInputs(2);
        return inputs => inputs[0]!.matmul(inputs[1]!);
    }
}
