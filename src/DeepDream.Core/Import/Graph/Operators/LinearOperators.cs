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

    /// <summary>
    /// numpy's matmul: a 1-D operand counts as a row (left) or column (right), and the axes before the last two
    /// broadcast. The operands are checked here first, because TorchSharp 0.107's native <c>matmul</c>, unlike its other
    /// functions, lets libtorch's error escape as a C++ exception, which ends the process instead of failing the node.
    /// </summary>
    public static OperatorKernel MatMul(OperatorContext context)
    {
        context.RequireInputs(2);
        return inputs =>
        {
            var (left, right) = TensorValues.OnOneDevice(inputs[0]!, inputs[1]!);
            if (MatMulProblem(left, right) is { } problem) throw context.Error(problem);
            return left.matmul(right);
        };
    }

    /// <summary>Why libtorch would refuse to multiply the two, or null.</summary>
    private static string? MatMulProblem(Tensor left, Tensor right)
    {
        long[] a = left.shape, b = right.shape;
        string shapes = $"[{string.Join(", ", a)}] by [{string.Join(", ", b)}]";
        if (a.Length == 0 || b.Length == 0) return $"multiplies {shapes}: each side needs at least one axis";
        if (left.dtype != right.dtype) return $"multiplies {left.dtype} by {right.dtype}";
        long inner = a[^1], other = b.Length == 1 ? b[0] : b[^2];
        if (inner != other) return $"multiplies {shapes}: inner sizes {inner} and {other} differ";
        long[] batchA = a.Length > 2 ? a[..^2] : [], batchB = b.Length > 2 ? b[..^2] : [];
        for (int i = 1; i <= Math.Min(batchA.Length, batchB.Length); i++)
        {
            long x = batchA[^i], y = batchB[^i];
            if (x != y && x != 1 && y != 1) return $"multiplies {shapes}: batch sizes {x} and {y} do not broadcast";
        }
        return null;
    }
}
