using DeepDream.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// <c>conv2d</c> routed around the convolution kernels libtorch 2.10's oneDNN gets wrong (bench/RESULTS.md,
/// "AVX-512 convolutions"; tests/DeepDream.Core.Tests/Runtime/OneDnnConvolutionTests.cs):
/// <list type="bullet">
/// <item>Grouped convolutions with several output channels per group run channels-first: in channels-last their
/// input gradient is wrong even with AVX2. Where oneDNN may use AVX-512 (<see cref="OneDnnIsa"/>) every grouped
/// convolution runs channels-first, since its channels-last grouped kernel (<c>jit:avx512_core</c>) is wrong.</item>
/// <item>Where oneDNN may use AVX-512, 1×1 convolutions run as a matrix product of the pixels (H·W×C) with the
/// kernel (C×O), which is what a 1×1 convolution is, through the BLAS <c>linear</c> uses: oneDNN's
/// <c>brgconv_1x1:avx512_core</c> is wrong for some channel and thread counts.</item>
/// <item>Everything else (3×3, 5×5, 7×7, …, in either ISA) goes to <c>conv2d</c> as is; with AVX-512 these kernels
/// were right on every convolution of GoogLeNet, ResNet-18 and InceptionV3, and are about 1.9× faster than AVX2.</item>
/// </list>
/// Input 1×C×H×W float32 in any memory layout; the result keeps channels-last strides where the input has them.
/// </summary>
internal static class ConvolutionRoute
{
    /// <param name="padding">Symmetric padding per axis (height, width), as <c>conv2d</c> takes it.</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[] strides, long[] padding, long[] dilations, long groups)
    {
        bool avx512 = OneDnnIsa.MayUseAvx512;
        if (groups > 1 && (avx512 || (weight.shape[1] == 1 && weight.shape[0] > groups)))
        {
            using var planar = input.contiguous();
            using var kernel = weight.contiguous();
            return F.conv2d(planar, kernel, bias, strides, padding, dilations, groups);
        }
        if (avx512 && groups == 1 && weight.shape[2] == 1 && weight.shape[3] == 1)
            return Pointwise(input, weight, bias, strides, padding);
        return F.conv2d(input, weight, bias, strides, padding, dilations, groups);
    }

    private static Tensor Pointwise(Tensor input, Tensor weight, Tensor? bias, long[] strides, long[] padding)
    {
        using var scope = NewDisposeScope();
        var padded = padding[0] == 0 && padding[1] == 0 ? input : F.pad(input, [padding[1], padding[1], padding[0], padding[0]]);
        var sampled = strides[0] == 1 && strides[1] == 1 ? padded
            : padded[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, strides[0]), TensorIndex.Slice(null, null, strides[1])];
        var pixels = sampled.permute(0, 2, 3, 1);
        var matrix = weight.reshape(weight.shape[0], weight.shape[1]);
        return F.linear(pixels, matrix, bias).permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }
}
