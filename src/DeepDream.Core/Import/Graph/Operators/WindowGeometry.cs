namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// The sliding-window attributes Conv and the pools share (kernel_shape, strides, dilations, pads, auto_pad,
/// ceil_mode), read once, and the padding they imply for an actual input size. Only 2-D windows are supported.
/// </summary>
internal sealed class WindowGeometry
{
    private readonly long[] _pads;
    private readonly AutoPad _autoPad;
    private readonly bool _ceilMode;

    private WindowGeometry(long[]? kernel, long[] strides, long[] dilations, long[] pads, AutoPad autoPad, bool ceilMode)
    {
        Kernel = kernel;
        Strides = strides;
        Dilations = dilations;
        _pads = pads;
        _autoPad = autoPad;
        _ceilMode = ceilMode;
    }

    /// <summary>kernel_shape (height, width); Conv may leave it out and take it from the weight.</summary>
    public long[]? Kernel { get; }

    public long[] Strides { get; }

    /// <summary>
    /// The window's (height, width): kernel_shape, or for a Conv without it its constant weight's last two
    /// dimensions; null when neither is known.
    /// </summary>
    public long[]? KernelOf(GraphNode node, IReadOnlyDictionary<string, GraphTensor> constants) =>
        Kernel ?? (node.OpType == "Conv" && node.Inputs.Count > 1 && constants.TryGetValue(node.Inputs[1], out var weight) && weight.Shape.Count == 4
            ? [weight.Shape[2], weight.Shape[3]]
            : null);

    public long[] Dilations { get; }

    public bool HasDilation => Dilations[0] != 1 || Dilations[1] != 1;

    /// <summary>The auto_pad attribute; <see cref="AutoPad.NotSet"/> means the explicit pads apply.</summary>
    public AutoPad AutoPad => _autoPad;

    /// <summary>The explicit pads of one axis (0: height, 1: width), whatever auto_pad says.</summary>
    public (long Start, long End) ExplicitPads(int axis) => (_pads[axis], _pads[axis + 2]);

    public static WindowGeometry Read(OperatorContext context, bool kernelRequired)
    {
        var kernel = context.Ints("kernel_shape", 2);
        if (kernel is null && kernelRequired) throw context.Error("has no kernel_shape");
        return new WindowGeometry(
            kernel,
            context.Ints("strides", 2) ?? [1, 1],
            context.Ints("dilations", 2) ?? [1, 1],
            context.Ints("pads", 4) ?? [0, 0, 0, 0],
            ReadAutoPad(context),
            context.Node.Int("ceil_mode", 0) != 0);
    }

    /// <summary>The padding the attributes ask for on an input of this size (ceil_mode not applied).</summary>
    public SpatialPadding Padding(long height, long width, long kernelHeight, long kernelWidth)
    {
        var (top, bottom) = AxisPadding(0, height, kernelHeight);
        var (left, right) = AxisPadding(1, width, kernelWidth);
        return new SpatialPadding(top, bottom, left, right);
    }

    /// <summary>
    /// How many windows fit along one axis (0: height, 1: width) of an input this long, padded as the attributes
    /// say and rounded as ceil_mode says; zero or less when the padded input is shorter than one window.
    /// </summary>
    public long OutputLength(int axis, long size, long kernel)
    {
        var (start, end) = AxisPadding(axis, size, kernel);
        return OutputCount(axis, size, kernel, start, end, CeilMode);
    }

    /// <summary>The padding SAME_UPPER or SAME_LOWER gives one axis for an input this long: the output is ceil(size / stride).</summary>
    public (long Start, long End) SamePads(int axis, long size, long kernel, AutoPad mode)
    {
        long stride = Strides[axis];
        long total = Math.Max(0, (CeilDivide(size, stride) - 1) * stride + Extent(axis, kernel) - size);
        long half = total / 2;
        return mode == AutoPad.SameUpper ? (half, total - half) : (total - half, half);
    }

    /// <summary>
    /// For pooling: whether torch's pooling, given <paramref name="padding"/> as its own symmetric padding and
    /// ceil_mode, computes exactly what ONNX asks. Torch only pads symmetrically, and by at most half the kernel.
    /// </summary>
    public bool TorchPoolsNatively(SpatialPadding padding, long kernelHeight, long kernelWidth) =>
        padding.IsSymmetric && padding.Top <= kernelHeight / 2 && padding.Left <= kernelWidth / 2;

    /// <summary>
    /// For max pooling: whether the padding is symmetric but for extra end padding that only completes the last
    /// window, which torch's ceil mode does without copying the input into a padded one. Exporters write Caffe's
    /// ceil-mode pools this way (pads 0, 0, 1, 1). Max ignores the missing cells as it ignores −∞ padding.
    /// </summary>
    public bool EndPaddingActsAsCeilMode(SpatialPadding padding, long height, long width, long kernelHeight, long kernelWidth) =>
        padding.Top <= kernelHeight / 2 && padding.Left <= kernelWidth / 2
        && padding.Bottom >= padding.Top && padding.Right >= padding.Left
        && OutputCount(0, height, kernelHeight, padding.Top, padding.Bottom, CeilMode) == OutputCount(0, height, kernelHeight, padding.Top, padding.Top, ceil: true)
        && OutputCount(1, width, kernelWidth, padding.Left, padding.Right, CeilMode) == OutputCount(1, width, kernelWidth, padding.Left, padding.Left, ceil: true);

    /// <summary>Whether the output size is rounded up (ceil_mode, which auto_pad SAME/VALID overrides).</summary>
    public bool CeilMode => _ceilMode && _autoPad == AutoPad.NotSet;

    /// <summary>
    /// For pooling in ceil mode: <paramref name="padding"/> with the end padding changed so that a floor-mode
    /// pool over the padded input yields the ceil-mode output count. As in ONNX and torch, a window that would
    /// start inside the end padding is dropped.
    /// </summary>
    public SpatialPadding WithCeilModeEnds(SpatialPadding padding, long height, long width, long kernelHeight, long kernelWidth) =>
        padding with
        {
            Bottom = CeilModeEnd(0, height, kernelHeight, padding.Top, padding.Bottom),
            Right = CeilModeEnd(1, width, kernelWidth, padding.Left, padding.Right),
        };

    private long CeilModeEnd(int axis, long size, long kernel, long start, long end) =>
        (OutputCount(axis, size, kernel, start, end, ceil: true) - 1) * Strides[axis] + Extent(axis, kernel) - size - start;

    /// <summary>Pooled length per ONNX (and torch): in ceil mode, a window may not start inside the end padding.</summary>
    private long OutputCount(int axis, long size, long kernel, long start, long end, bool ceil)
    {
        long stride = Strides[axis];
        long span = size + start + end - Extent(axis, kernel);
        long outputs = (ceil ? CeilDivide(span, stride) : FloorDivide(span, stride)) + 1;
        if (ceil && (outputs - 1) * stride >= size + start) outputs--;
        return outputs;
    }

    private long Extent(int axis, long kernel) => Dilations[axis] * (kernel - 1) + 1;

    private (long Start, long End) AxisPadding(int axis, long size, long kernel)
    {
        switch (_autoPad)
        {
            case AutoPad.Valid:
                return (0, 0);
            case AutoPad.NotSet:
                return (_pads[axis], _pads[axis + 2]);
            default:
                return SamePads(axis, size, kernel, _autoPad);
        }
    }

    private static long CeilDivide(long numerator, long denominator) => -FloorDivide(-numerator, denominator);

    private static long FloorDivide(long numerator, long denominator) =>
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator);

    private static AutoPad ReadAutoPad(OperatorContext context)
    {
        string value = context.Node.String("auto_pad", "NOTSET");
        return value switch
        {
            "NOTSET" or "" => AutoPad.NotSet,
            "SAME_UPPER" => AutoPad.SameUpper,
            "SAME_LOWER" => AutoPad.SameLower,
            "VALID" => AutoPad.Valid,
            _ => throw context.Error($"has unknown auto_pad '{value}'"),
        };
    }
}
