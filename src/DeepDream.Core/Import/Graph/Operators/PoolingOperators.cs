using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>ONNX MaxPool, AveragePool, GlobalAveragePool and GlobalMaxPool on NCHW input.</summary>
internal static class PoolingOperators
{
    public static OperatorKernel MaxPool(OperatorContext context)
    {
        context.RequireInputs(1);
        var window = WindowGeometry.Read(context, kernelRequired: true);
        var kernel = window.Kernel!;
        return inputs =>
        {
            var input = inputs[0]!;
            long height = input.shape[2], width = input.shape[3];
            var padding = window.Padding(height, width, kernel[0], kernel[1]);
            if (window.TorchPoolsNatively(padding, kernel[0], kernel[1]))
                return F.max_pool2d(input, kernel, window.Strides, padding.PerAxis, window.Dilations, window.CeilMode);
            if (window.EndPaddingActsAsCeilMode(padding, height, width, kernel[0], kernel[1]))
                return F.max_pool2d(input, kernel, window.Strides, padding.PerAxis, window.Dilations, ceil_mode: true);
            if (window.CeilMode) padding = window.WithCeilModeEnds(padding, height, width, kernel[0], kernel[1]);
            var padded = F.pad(input, padding.ForTorchPad, value: double.NegativeInfinity);
            return F.max_pool2d(padded, kernel, window.Strides, [0, 0], window.Dilations);
        };
    }

    public static OperatorKernel AveragePool(OperatorContext context)
    {
        context.RequireInputs(1);
        var window = WindowGeometry.Read(context, kernelRequired: true);
        if (window.HasDilation) throw context.Error("has dilations, which are not supported for average pooling");
        var kernel = window.Kernel!;
        bool countPadding = context.Node.Int("count_include_pad", 0) != 0;
        return inputs =>
        {
            var input = inputs[0]!;
            long height = input.shape[2], width = input.shape[3];
            var padding = window.Padding(height, width, kernel[0], kernel[1]);
            if (window.TorchPoolsNatively(padding, kernel[0], kernel[1]))
                return F.avg_pool2d(input, kernel, window.Strides, padding.PerAxis, window.CeilMode, countPadding);
            return AverageOverExplicitPadding(input, window, padding, countPadding);
        };
    }

    public static OperatorKernel GlobalAveragePool(OperatorContext context)
    {
        context.RequireInputs(1);
        return inputs => inputs[0]!.mean(SpatialAxes(inputs[0]!), keepdim: true);
    }

    public static OperatorKernel GlobalMaxPool(OperatorContext context)
    {
        context.RequireInputs(1);
        return inputs => inputs[0]!.amax(SpatialAxes(inputs[0]!), keepdim: true);
    }

    /// <summary>
    /// Average pooling with padding torch cannot express (asymmetric, as TF's SAME gives, or wider than half
    /// the kernel): pool the zero-padded input, then divide by the pooled mask of the cells that count, which
    /// are the input cells and, with count_include_pad, the declared padding but never the ceil_mode overhang.
    /// </summary>
    private static Tensor AverageOverExplicitPadding(Tensor input, WindowGeometry window, SpatialPadding padding, bool countPadding)
    {
        var kernel = window.Kernel!;
        long height = input.shape[2], width = input.shape[3];
        var ends = window.CeilMode ? window.WithCeilModeEnds(padding, height, width, kernel[0], kernel[1]) : padding;
        var overhang = new SpatialPadding(0, ends.Bottom - padding.Bottom, 0, ends.Right - padding.Right);

        var cells = ones([1, 1, height, width], input.dtype, input.device);
        var counted = F.pad(F.pad(cells, padding.ForTorchPad, value: countPadding ? 1 : 0), overhang.ForTorchPad);
        var sums = F.avg_pool2d(F.pad(input, ends.ForTorchPad), kernel, window.Strides);
        var share = F.avg_pool2d(counted, kernel, window.Strides);
        return sums.div(share);
    }

    private static long[] SpatialAxes(Tensor input) => [.. Enumerable.Range(2, (int)input.dim() - 2).Select(axis => (long)axis)];
}
