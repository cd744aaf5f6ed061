using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX Conv on NCHW input: groups, strides, dilations, explicit or automatic padding, optional bias.</summary>
internal static class ConvolutionOperator
{
    public static OperatorKernel Conv(OperatorContext context)
    {
        context.RequireInputs(2);
        var window = WindowGeometry.Read(context, kernelRequired: false);
        long groups = context.Node.Int("group", 1);
        return inputs =>
        {
            Tensor input = inputs[0]!, weight = inputs[1]!;
            var bias = TensorValues.Optional(inputs, 2);
            var padding = window.Padding(input.shape[2], input.shape[3], weight.shape[2], weight.shape[3]);
            if (padding.IsSymmetric)
                return F.conv2d(input, weight, bias, window.Strides, padding.PerAxis, window.Dilations, groups);
            // Torch convolves with symmetric padding only; TF-style SAME padding is often one larger at the end.
            var padded = F.pad(input, padding.ForTorchPad);
            return F.conv2d(padded, weight, bias, window.Strides, [0, 0], window.Dilations, groups);
        };
    }
}
