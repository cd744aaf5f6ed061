using DeepDream.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// The smallest convolutions that libtorch 2.10's oneDNN computes wrongly on an AVX-512 CPU (AMD Zen 5) in the
/// channels-last layout DeepDream's graphs run in, each against a float64 channels-first reference (ATen's own
/// kernel, not oneDNN's). Without <see cref="TorchRuntime"/>'s ISA cap they fail on such a CPU; on an AVX2-only CPU
/// they pass either way. bench/RESULTS.md ("AVX-512 convolutions") lists the kernels.
/// </summary>
public sealed class OneDnnConvolutionTests
{
    public OneDnnConvolutionTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    // brgconv_1x1:avx512_core forward, 2 threads: GoogLeNet's inception4b/4d reductions (112 and 144 outputs).
    [InlineData(512, 112, 9, 14, 1, 1, 2)]
    [InlineData(512, 144, 9, 14, 1, 1, 2)]
    // brgconv_1x1:avx512_core forward, strided, at any thread count: ResNet-18's layer4 downsample.
    [InlineData(256, 512, 10, 14, 1, 2, 1)]
    [InlineData(256, 512, 10, 14, 1, 2, 2)]
    public void Channels_last_convolution_matches_float64(int inputs, int outputs, int height, int width, int kernel, int stride, int threads)
    {
        var (forward, backward) = ConvolutionErrors(inputs, outputs, height, width, kernel, stride, groups: 1, threads);
        Assert.True(forward <= 1e-4, $"forward off by {forward:G3} of the largest value");
        Assert.True(backward <= 1e-4, $"input gradient off by {backward:G3} of the largest value");
    }

    /// <summary>
    /// A grouped convolution with one input and two output channels per group (a depthwise one with channel
    /// multiplier 2), stride 2: oneDNN's channels-last kernels get the forward pass wrong with AVX-512
    /// (jit:avx512_core) and the input gradient wrong with AVX2 as well, so DeepDream's Conv runs such convolutions
    /// channels-first (Import/Graph/Operators/ConvolutionOperator.cs); this pins down that the kernel is still wrong
    /// in channels-last here, and right channels-first.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Channel_multiplier_convolution_is_right_channels_first(int threads)
    {
        var (forward, backward) = ConvolutionErrors(3, 6, 6, 8, 3, 2, groups: 3, threads, channelsLast: false);
        Assert.True(forward <= 1e-4 && backward <= 1e-4, $"channels-first: forward {forward:G3}, gradient {backward:G3}");
    }

    private static (double Forward, double Backward) ConvolutionErrors(int inputs, int outputs, int height, int width,
        int kernel, int stride, int groups, int threads, bool channelsLast = true)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var x = randn(1, inputs, height, width, generator: generator);
        var w = randn(outputs, inputs / groups, kernel, kernel, generator: generator).div_(Math.Sqrt(inputs / groups * kernel * kernel));
        var upstream = randn(1, outputs, (height - kernel) / stride + 1, (width - kernel) / stride + 1, generator: generator);

        var x64 = x.to(float64).requires_grad_(true);
        var y64 = F.conv2d(x64, w.to(float64), null, [stride, stride], [0, 0], [1, 1], groups);
        y64.backward([upstream.to(float64)]);

        var (y, gradient) = TorchThreads.With(threads, () =>
        {
            var input = (channelsLast ? Layout(x) : x.clone()).requires_grad_(true);
            var output = F.conv2d(input, channelsLast ? Layout(w) : w, null, [stride, stride], [0, 0], [1, 1], groups);
            output.backward([channelsLast ? Layout(upstream) : upstream]);
            return (output, input.grad!);
        });
        return (Relative(y, y64), Relative(gradient, x64.grad!));
    }

    /// <summary>The same values with channels-last strides (TorchSharp has no memory_format argument).</summary>
    private static Tensor Layout(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static double Relative(Tensor actual, Tensor expected) =>
        actual.to(float64).sub(expected).abs().max().item<double>() / expected.abs().max().item<double>();
}
