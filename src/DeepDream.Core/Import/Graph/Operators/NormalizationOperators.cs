using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX LRN (local response normalisation across channels) and BatchNormalization (inference form).</summary>
internal static class NormalizationOperators
{
    /// <summary>
    /// y = x / (bias + alpha / size * sum of x² over the channels c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉)^beta.
    /// Torch's local_response_norm centres even windows differently, hence this form.
    /// </summary>
    public static OperatorKernel Lrn(OperatorContext context)
    {
        context.RequireInputs(1);
        long size = context.Node.Int("size", 0);
        if (size < 1) throw context.Error("needs a positive size");
        float alpha = context.Node.Float("alpha", 1e-4f);
        float beta = context.Node.Float("beta", 0.75f);
        float bias = context.Node.Float("bias", 1f);
        long before = (size - 1) / 2, after = size - 1 - before;
        return inputs =>
        {
            var input = inputs[0]!;
            // Channels become a depth axis so a (size×1×1) average pool sums each channel window, divided by size.
            var squares = F.pad(input.square().unsqueeze(1), [0, 0, 0, 0, before, after]);
            var windowMean = F.avg_pool3d(squares, [size, 1, 1], [1, 1, 1]).squeeze(1);
            return input.div(windowMean.mul(alpha).add(bias).pow(beta));
        };
    }

    public static OperatorKernel BatchNormalization(OperatorContext context)
    {
        context.RequireInputs(5);
        double epsilon = context.Node.Float("epsilon", 1e-5f);
        return inputs => F.batch_norm(inputs[0]!, inputs[3]!, inputs[4]!, inputs[1]!, inputs[2]!, training: false, eps: epsilon);
    }
}
