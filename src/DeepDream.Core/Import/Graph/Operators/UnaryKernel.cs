using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>The kernel of a one-input element-wise operator.</summary>
internal static class UnaryKernel
{
    public static OperatorKernel Of(OperatorContext context, Func<Tensor, Tensor> function)
    {
        context.RequireInputs(1);
        return inputs => function(inputs[0]!);
    }
}
