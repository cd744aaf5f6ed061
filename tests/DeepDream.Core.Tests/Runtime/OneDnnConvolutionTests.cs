using DeepDream.Import.Graph.Operators;
using DeepDream.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// Convolutions as DeepDream's graphs run them (<see cref="ConvolutionRoute"/>, channels-last activations and
/// kernels, at the process's oneDNN instruction set) against a float64 channels-first reference (ATen's own kernel,
/// not oneDNN's), forward and input gradient, at 1 and 2 threads: libtorch 2.10's oneDNN gets some of them wrong on
/// an AVX-512 CPU (AMD Zen 5) at some thread counts only. bench/RESULTS.md ("AVX-512 convolutions") lists the kernels.
/// </summary>
public sealed class OneDnnConvolutionTests
{
    private const double Tolerance = 1e-4;

    /// <summary>
    /// For bfloat16, whose outputs are rounded to 8 significant bits (up to 0.4% of a value) after float32 sums: still
    /// far below the faults found in float32 (0.29-1.0 of the largest value).
    /// </summary>
    private const double BFloat16Tolerance = 1e-2;

    public OneDnnConvolutionTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    // brgconv_1x1:avx512_core forward, 2 threads: GoogLeNet's inception4b/4d reductions (112 and 144 outputs).
    [InlineData(512, 112, 9, 14, 1, 1, 2)]
    [InlineData(512, 144, 9, 14, 1, 1, 2)]
    // brgconv_1x1:avx512_core forward, strided, at any thread count: ResNet-18's layer4 downsample.
    [InlineData(256, 512, 10, 14, 1, 2, 1)]
    [InlineData(256, 512, 10, 14, 1, 2, 2)]
    // Channels-first (which the route does not use) the AVX-512 input gradient of a 3x3 convolution with 3 or 4 inputs
    // and 8 outputs is wrong at 1 and 2 threads, some runs only at 2 (the tiny test network's first layer).
    [InlineData(3, 8, 200, 168, 3, 1, 1)]
    [InlineData(3, 8, 200, 168, 3, 1, 2)]
    [InlineData(4, 8, 112, 112, 3, 1, 2)]
    public void Known_faulty_convolution_matches_float64(int inputs, int outputs, int height, int width, int kernel, int stride, int threads)
    {
        var shape = new Shape(inputs, outputs, height, width, kernel, kernel, stride, stride, kernel / 2, kernel / 2);
        var (forward, backward) = ConvolutionErrors(shape, groups: 1, [threads])[0];
        Assert.True(forward <= Tolerance, $"forward off by {forward:G3} of the largest value");
        Assert.True(backward <= Tolerance, $"input gradient off by {backward:G3} of the largest value");
    }

    /// <summary>
    /// A grouped convolution with one input and two output channels per group (a depthwise one with channel
    /// multiplier 2), stride 2: oneDNN's channels-last kernels get the forward pass wrong with AVX-512
    /// (jit:avx512_core) and the input gradient wrong with AVX2 as well; the route runs it channels-first.
    /// </summary>
    [Fact]
    public void Channel_multiplier_convolution_matches_float64()
    {
        var errors = ConvolutionErrors(new Shape(3, 6, 6, 8, 3, 3, 2, 2, 0, 0), groups: 3, [1, 2]);
        Assert.All(errors, e => Assert.True(e.Forward <= Tolerance && e.Backward <= Tolerance, $"forward {e.Forward:G3}, gradient {e.Backward:G3}"));
    }

    /// <summary>
    /// The depthwise convolutions of <see cref="DeepDream.Dreaming.Regularizers.GradientBlur"/>: three channels, one
    /// row or column of taps, channels-first, forward only, as it calls them.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gradient_blur_convolution_matches_float64(int threads)
    {
        using var scope = NewDisposeScope();
        var x = randn(1, 3, 211, 167, generator: new Generator(4));
        foreach (int radius in new[] { 1, 2, 4, 8 })
        foreach (var (kh, kw) in new[] { (1, 2 * radius + 1), (2 * radius + 1, 1) })
        {
            var w = rand(1, 1, kh, kw, generator: new Generator(5)).expand(3, 1, kh, kw);
            var expected = F.conv2d(x.to(float64), w.to(float64), groups: 3);
            var actual = TorchThreads.With(threads, () => F.conv2d(x, w, groups: 3));
            double error = Relative(actual, expected);
            Assert.True(error <= Tolerance, $"{kh}x{kw} off by {error:G3}");
        }
    }

    /// <summary>
    /// Every convolution shape of GoogLeNet (224 px), ResNet-18 (224 px) and InceptionV3 (299 px) that oneDNN runs in
    /// a dream step (tests/fixtures/onednn/conv-shapes.txt, from oneDNN's own log), forward and input gradient, at 1
    /// and 2 threads.
    /// </summary>
    [Fact]
    public void Every_network_convolution_matches_float64() => AssertEveryNetworkConvolution(ScalarType.Float32, Tolerance);

    /// <summary>
    /// The same convolutions in bfloat16 (<see cref="NumericPrecision.BFloat16"/>), with the kernels it runs on: oneDNN's
    /// AVX-512/AMX bfloat16 ones, where the CPU has native bfloat16 and this process lets oneDNN use AVX-512 (CI's
    /// second pass). Inputs, kernels and upstream gradients are rounded to bfloat16 and the float64 reference computed
    /// from the rounded values. Anywhere else DeepDream refuses bfloat16 (at the AVX2 cap oneDNN would fall back to
    /// slower kernels whose input gradients are off by up to 1.2%), and that refusal is what is checked.
    /// </summary>
    [Fact]
    public void Every_network_convolution_in_bfloat16_matches_float64_or_bfloat16_is_refused()
    {
        if (!BFloat16Support.IsNative || !OneDnnIsa.MayUseAvx512)
        {
            var refusal = Assert.Throws<TorchRuntimeException>(() => TorchRuntime.UsePrecision(NumericPrecision.BFloat16));
            Assert.StartsWith("bfloat16 precision needs ", refusal.Message);
            return;
        }
        TorchRuntime.UsePrecision(NumericPrecision.BFloat16);
        AssertEveryNetworkConvolution(ScalarType.BFloat16, BFloat16Tolerance);
    }

    private static void AssertEveryNetworkConvolution(ScalarType type, double tolerance)
    {
        var failures = new List<string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "onednn", "conv-shapes.txt")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var fields = line.Split(' ');
            var v = fields.Skip(1).Select(int.Parse).ToArray();
            var shape = new Shape(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            var errors = ConvolutionErrors(shape, groups: 1, [1, 2], type);
            for (int i = 0; i < errors.Length; i++)
            {
                if (errors[i].Forward > tolerance || errors[i].Backward > tolerance)
                    failures.Add($"{line} at {i + 1} thread(s): forward {errors[i].Forward:G3}, gradient {errors[i].Backward:G3}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private readonly record struct Shape(int Inputs, int Outputs, int Height, int Width, int KernelHeight, int KernelWidth,
        int StrideHeight, int StrideWidth, int PadHeight, int PadWidth);

    /// <summary>
    /// Largest absolute error over the largest absolute value, forward and input gradient, per thread count, computed
    /// in <paramref name="type"/> (the reference from the same values in float64).
    /// </summary>
    private static (double Forward, double Backward)[] ConvolutionErrors(Shape s, int groups, int[] threadCounts, ScalarType type = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        long[] strides = [s.StrideHeight, s.StrideWidth], padding = [s.PadHeight, s.PadWidth];
        long outHeight = (s.Height + 2 * s.PadHeight - s.KernelHeight) / s.StrideHeight + 1;
        long outWidth = (s.Width + 2 * s.PadWidth - s.KernelWidth) / s.StrideWidth + 1;
        // Rounded to the type first, so that the reference sees exactly the values the convolution gets.
        var x = randn(1, s.Inputs, s.Height, s.Width, generator: generator).to(type).to(float32);
        var w = randn(s.Outputs, s.Inputs / groups, s.KernelHeight, s.KernelWidth, generator: generator)
            .div_(Math.Sqrt(s.Inputs / groups * s.KernelHeight * s.KernelWidth)).to(type).to(float32);
        var upstream = randn(1, s.Outputs, outHeight, outWidth, generator: generator).to(type).to(float32);

        var x64 = x.to(float64).requires_grad_(true);
        var y64 = F.conv2d(x64, w.to(float64), null, strides, padding, [1, 1], groups);
        y64.backward([upstream.to(float64)]);

        return threadCounts.Select(threads =>
        {
            var (y, gradient) = TorchThreads.With(threads, () =>
            {
                var input = Layout(x).to(type).requires_grad_(true);
                var output = ConvolutionRoute.Conv2d(input, Layout(w).to(type), null, strides, padding, [1, 1], groups);
                output.backward([Layout(upstream).to(type)]);
                return (output, input.grad!);
            });
            return (Relative(y, y64), Relative(gradient, x64.grad!));
        }).ToArray();
    }

    /// <summary>The same values with channels-last strides, as DeepDream's graphs hold them.</summary>
    private static Tensor Layout(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static double Relative(Tensor actual, Tensor expected) =>
        actual.to(float64).sub(expected).abs().max().item<double>() / expected.abs().max().item<double>();
}
