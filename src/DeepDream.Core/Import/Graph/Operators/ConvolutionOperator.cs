using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX Conv on NCHW input: groups, strides, dilations, explicit or automatic padding, optional bias. Input and
/// output are 1×C×H×W float32 in any memory layout; the output follows the input's layout, except for the case below.
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
            // oneDNN (libtorch 2.10) computes grouped convolutions with one input and several output channels per
            // group wrongly in channels-last layout: the forward pass with AVX-512, the input gradient with AVX2 too
            // (tests/DeepDream.Core.Tests/Runtime/OneDnnConvolutionTests.cs). Channels-first it is right.
            if (groups > 1 && weight.shape[1] == 1 && weight.shape[0] > groups)
                return Convolve(input.contiguous(), weight.contiguous(), bias, window, groups);
            return Convolve(input, weight, bias, window, groups);
        };
    }

    private static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, WindowGeometry window, long groups)
    {
        var padding = window.Padding(input.shape[2], input.shape[3], weight.shape[2], weight.shape[3]);
        if (padding.IsSymmetric)
            return F.conv2d(input, weight, bias, window.Strides, padding.PerAxis, window.Dilations, groups);
        // Torch convolves with symmetric padding only; TF-style SAME padding is often one larger at the end.
        var padded = F.pad(input, padding.ForTorchPad);
        return F.conv2d(padded, weight, bias, window.Strides, [0, 0], window.Dilations, groups);
    }
}
