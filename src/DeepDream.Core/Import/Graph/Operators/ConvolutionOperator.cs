using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX Conv on NCHW input: groups, strides, dilations, explicit or automatic padding, optional bias. Input and
/// output are 1×C×H×W float32 in any memory layout; the output follows the input's layout, except where
/// <see cref="ConvolutionRoute"/> runs a convolution channels-first.
/// </summary>
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
            return Convolve(input, weight, bias, window, groups);
        };
    }

    private static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, WindowGeometry window, long groups)
    {
        var padding = window.Padding(input.shape[2], input.shape[3], weight.shape[2], weight.shape[3]);
        if (padding.IsSymmetric)
            return ConvolutionRoute.Conv2d(input, weight, bias, window.Strides, padding.PerAxis, window.Dilations, groups);
        // Torch convolves with symmetric padding only; TF-style SAME padding is often one larger at the end.
        var padded = F.pad(input, padding.ForTorchPad);
        return ConvolutionRoute.Conv2d(padded, weight, bias, window.Strides, [0, 0], window.Dilations, groups);
    }
}
